// The AVX + FMA path of FloatMatrixKernels (see include/CFloatKernels.h for the contract).
//
// Register blocking (Goto & van de Geijn 2008, "Anatomy of high-performance matrix
// multiplication", ACM TOMS 34(3)): a tile of R rows x 16 columns of C lives in 2R
// YMM accumulators for the whole k loop; each step loads two 8-float vectors of B's
// row p, broadcasts A(i, p) for the R rows straight from memory, and does one fused
// multiply-add per accumulator. With R = 6 that is 12 accumulators + 2 B vectors + 1
// broadcast of the 16 YMM registers. A fused multiply-add rounds once, so the
// portable Swift kernel computes exactly the same fma (`addingProduct`) in the same
// order and the two give the same bits; FMA rather than a multiply and an add halves
// the floating-point instructions, which is what limits two threads sharing a core's
// pipes (measured 1.15-1.3x on this kind of machine with both cores busy).
//
// Edges: rows left over in tiles of 4, 2 and 1; columns left over in one 8-wide
// vector, then n mod 8 single columns (the 1-3 outputs of a regression head), done 8
// rows at a time in one vector: loaded directly when A is a transpose (8 rows
// contiguous), else as an 8 x 8 block of A's rows transposed in registers.
#include "CFloatKernels.h"

// Only the explicit fused multiply-adds: no other expression may be contracted.
#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>
#include <math.h>

#include "AVXTranspose8.h"

int cfk_has_avx_fma(void) {
  unsigned eax, ebx, ecx, edx;
  if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
  if (!(ecx & bit_AVX) || !(ecx & bit_FMA) || !(ecx & bit_OSXSAVE)) return 0;
  unsigned lo, hi;
  __asm__ volatile("xgetbv" : "=a"(lo), "=d"(hi) : "c"(0));
  (void)hi;
  return (lo & 6) == 6;  // XMM and YMM state enabled by the OS
}

#define CFK_AVX __attribute__((target("avx,fma"), always_inline)) static inline

CFK_AVX __m256 cfk_start8(cfk_start start, const float *c, const float *row, ptrdiff_t j) {
  switch (start) {
    case CFK_START_ACCUMULATE: return _mm256_loadu_ps(c);
    case CFK_START_ZERO: return _mm256_setzero_ps();
    default: return _mm256_loadu_ps(row + j);
  }
}

CFK_AVX float cfk_start1(cfk_start start, const float *c, const float *row, ptrdiff_t j) {
  switch (start) {
    case CFK_START_ACCUMULATE: return *c;
    case CFK_START_ZERO: return 0.0f;
    default: return row[j];
  }
}

// R rows x 8V columns of C (V = 1 or 2), R and V compile-time constants after inlining.
CFK_AVX void cfk_tile(const int R, const int V, ptrdiff_t k, const float *a, ptrdiff_t ars, ptrdiff_t ads,
                      const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, cfk_start start,
                      const float *row, ptrdiff_t j) {
  __m256 acc[6][2];
#pragma clang loop unroll(full)
  for (int r = 0; r < R; r++) {
#pragma clang loop unroll(full)
    for (int v = 0; v < V; v++) acc[r][v] = cfk_start8(start, c + r * ldc + 8 * v, row, j + 8 * v);
  }
  const float *pa = a;
  const float *pb = b;
  for (ptrdiff_t p = 0; p < k; p++) {
    __m256 bv[2];
#pragma clang loop unroll(full)
    for (int v = 0; v < V; v++) bv[v] = _mm256_loadu_ps(pb + 8 * v);
#pragma clang loop unroll(full)
    for (int r = 0; r < R; r++) {
      const __m256 av = _mm256_broadcast_ss(pa + r * ars);
#pragma clang loop unroll(full)
      for (int v = 0; v < V; v++) acc[r][v] = _mm256_fmadd_ps(bv[v], av, acc[r][v]);
    }
    pa += ads;
    pb += ldb;
  }
#pragma clang loop unroll(full)
  for (int r = 0; r < R; r++) {
#pragma clang loop unroll(full)
    for (int v = 0; v < V; v++) _mm256_storeu_ps(c + r * ldc + 8 * v, acc[r][v]);
  }
}

// Rows [i0, m) of the column block [j, j + 8V).
CFK_AVX void cfk_rows(const int V, ptrdiff_t i0, ptrdiff_t m, ptrdiff_t k, const float *a, ptrdiff_t ars,
                      ptrdiff_t ads, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, cfk_start start,
                      const float *row, ptrdiff_t j) {
  ptrdiff_t i = i0;
  for (; i + 6 <= m; i += 6) cfk_tile(6, V, k, a + i * ars, ars, ads, b + j, ldb, c + i * ldc + j, ldc, start, row, j);
  for (; i + 4 <= m; i += 4) cfk_tile(4, V, k, a + i * ars, ars, ads, b + j, ldb, c + i * ldc + j, ldc, start, row, j);
  for (; i + 2 <= m; i += 2) cfk_tile(2, V, k, a + i * ars, ars, ads, b + j, ldb, c + i * ldc + j, ldc, start, row, j);
  for (; i < m; i++) cfk_tile(1, V, k, a + i * ars, ars, ads, b + j, ldb, c + i * ldc + j, ldc, start, row, j);
}

// The start values of 8 rows of one column jj of C (c points at the first).
CFK_AVX __m256 cfk_start_column8(cfk_start start, const float *c, ptrdiff_t ldc, const float *row, ptrdiff_t jj) {
  switch (start) {
    case CFK_START_ACCUMULATE: {
      float t[8];
      for (int r = 0; r < 8; r++) t[r] = c[r * ldc];
      return _mm256_loadu_ps(t);
    }
    case CFK_START_ZERO: return _mm256_setzero_ps();
    default: return _mm256_set1_ps(row[jj]);
  }
}

// One column jj of C (jj in the n mod 8 tail), all m rows.
CFK_AVX void cfk_column(ptrdiff_t m, ptrdiff_t k, const float *a, ptrdiff_t ars, ptrdiff_t ads, const float *b,
                        ptrdiff_t ldb, float *c, ptrdiff_t ldc, cfk_start start, const float *row, ptrdiff_t jj) {
  ptrdiff_t i = 0;
  if (ars == 1) {  // A is a transpose: 8 consecutive rows are contiguous at each p
    for (; i + 8 <= m; i += 8) {
      __m256 acc = cfk_start_column8(start, c + i * ldc + jj, ldc, row, jj);
      const float *pa = a + i;
      const float *pb = b + jj;
      for (ptrdiff_t p = 0; p < k; p++) {
        acc = _mm256_fmadd_ps(_mm256_loadu_ps(pa), _mm256_broadcast_ss(pb), acc);
        pa += ads;
        pb += ldb;
      }
      float t[8];
      _mm256_storeu_ps(t, acc);
      for (int r = 0; r < 8; r++) c[(i + r) * ldc + jj] = t[r];
    }
  } else {  // A row-major: 8 rows x 8 depths loaded as rows, transposed in registers
    for (; i + 8 <= m; i += 8) {
      __m256 acc = cfk_start_column8(start, c + i * ldc + jj, ldc, row, jj);
      const float *pa = a + i * ars;
      ptrdiff_t p = 0;
      if (ads == 1) {
        for (; p + 8 <= k; p += 8) {
          __m256 col[8];
          cfk_transpose8(pa + p, ars, col);  // col[q] = A(i..i+7, p+q)
#pragma clang loop unroll(full)
          for (int q = 0; q < 8; q++) acc = _mm256_fmadd_ps(col[q], _mm256_broadcast_ss(b + (p + q) * ldb + jj), acc);
        }
      }
      float t[8];
      _mm256_storeu_ps(t, acc);
      for (; p < k; p++) {
        const float bp = b[p * ldb + jj];
        for (int r = 0; r < 8; r++) t[r] = fmaf(pa[r * ars + p * ads], bp, t[r]);
      }
      for (int r = 0; r < 8; r++) c[(i + r) * ldc + jj] = t[r];
    }
  }
  for (; i < m; i++) {
    float s = cfk_start1(start, c + i * ldc + jj, row, jj);
    const float *pa = a + i * ars;
    for (ptrdiff_t p = 0; p < k; p++) s = fmaf(pa[p * ads], b[p * ldb + jj], s);
    c[i * ldc + jj] = s;
  }
}

__attribute__((target("avx,fma"))) void cfk_sgemm_avx_fma(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a,
                                                  ptrdiff_t a_row_stride, ptrdiff_t a_depth_stride, const float *b,
                                                  ptrdiff_t ldb, float *c, ptrdiff_t ldc, cfk_start start,
                                                  const float *start_row) {
  ptrdiff_t j = 0;
  for (; j + 16 <= n; j += 16) cfk_rows(2, 0, m, k, a, a_row_stride, a_depth_stride, b, ldb, c, ldc, start, start_row, j);
  for (; j + 8 <= n; j += 8) cfk_rows(1, 0, m, k, a, a_row_stride, a_depth_stride, b, ldb, c, ldc, start, start_row, j);
  for (; j < n; j++) cfk_column(m, k, a, a_row_stride, a_depth_stride, b, ldb, c, ldc, start, start_row, j);
}

#else

int cfk_has_avx_fma(void) { return 0; }

void cfk_sgemm_avx_fma(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t a_row_stride,
                   ptrdiff_t a_depth_stride, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, cfk_start start,
                   const float *start_row) {
  (void)m; (void)n; (void)k; (void)a; (void)a_row_stride; (void)a_depth_stride; (void)b; (void)ldb;
  (void)c; (void)ldc; (void)start; (void)start_row;
  __builtin_trap();  // never called: cfk_has_avx_fma() is 0 here
}

#endif
