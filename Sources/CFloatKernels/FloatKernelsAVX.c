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
// Edges: rows left over in one tile of 1-5 rows (7 and 8 left as 4 + 3 and 4 + 4);
// columns left over in one 8-wide vector, then n mod 8 single columns (the 1-3 outputs
// of a regression head), done 8 rows at a time in a vector, up to four vectors at once:
// loaded directly when A is a transpose (8 rows contiguous), else as an 8 x 8 block of
// A's rows transposed in registers.
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

CFK_AVX __m256 cfk_start8(const cfk_ends *e, const float *c, ptrdiff_t j) {
  switch (e->start) {
    case CFK_START_ACCUMULATE: return _mm256_loadu_ps(c);
    case CFK_START_ZERO: return _mm256_setzero_ps();
    default: return _mm256_loadu_ps(e->start_row + j);
  }
}

CFK_AVX float cfk_start1(const cfk_ends *e, const float *c, ptrdiff_t j) {
  switch (e->start) {
    case CFK_START_ACCUMULATE: return *c;
    case CFK_START_ZERO: return 0.0f;
    default: return e->start_row[j];
  }
}

// C[i, j..j+7] as stored: MAXPS(0, x) is x < 0 ? 0 : x exactly (a NaN or -0 passes through).
CFK_AVX __m256 cfk_finish8(const cfk_ends *e, __m256 x, ptrdiff_t i, ptrdiff_t j) {
  switch (e->store) {
    case CFK_STORE_PLAIN: return x;
    case CFK_STORE_RELU: return _mm256_max_ps(_mm256_setzero_ps(), x);
    default: {
      const __m256 d = _mm256_mul_ps(x, _mm256_set1_ps(e->scale));
      const __m256 off = _mm256_cmp_ps(_mm256_loadu_ps(e->mask + i * e->ld_mask + j), _mm256_setzero_ps(), _CMP_LE_OQ);
      return _mm256_blendv_ps(d, _mm256_setzero_ps(), off);
    }
  }
}

// C[i, j] as stored (the scalar form of cfk_finish8).
CFK_AVX float cfk_finish1(const cfk_ends *e, float x, ptrdiff_t i, ptrdiff_t j) {
  switch (e->store) {
    case CFK_STORE_PLAIN: return x;
    case CFK_STORE_RELU: return x < 0.0f ? 0.0f : x;
    default: {
      const float d = x * e->scale;
      return e->mask[i * e->ld_mask + j] <= 0.0f ? 0.0f : d;
    }
  }
}

// R rows x 8V columns of C from C[i, j] (V = 1 or 2), R and V compile-time constants
// after inlining; a, b and c point at the tile's first row / column.
CFK_AVX void cfk_tile(const int R, const int V, ptrdiff_t k, const float *a, ptrdiff_t ars, ptrdiff_t ads,
                      const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, const cfk_ends *e, ptrdiff_t i,
                      ptrdiff_t j) {
  __m256 acc[6][2];
#pragma clang loop unroll(full)
  for (int r = 0; r < R; r++) {
#pragma clang loop unroll(full)
    for (int v = 0; v < V; v++) acc[r][v] = cfk_start8(e, c + r * ldc + 8 * v, j + 8 * v);
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
    for (int v = 0; v < V; v++)
      _mm256_storeu_ps(c + r * ldc + 8 * v, cfk_finish8(e, acc[r][v], i + r, j + 8 * v));
  }
}

// All m rows of the column block [j, j + 8V): 6-row tiles, and what is left over as
// one tile of 5, 4, 3, 2 or 1 rows, except that 7 and 8 left over go as 4 + 3 and 4 + 4
// (a 1- or 2-row tile has only 2V or 4V independent accumulators, too few to cover the
// FMA latency: m = 128 runs 20 x 6 + 4 + 4 instead of 21 x 6 + 2, m = 11 runs 6 + 5).
CFK_AVX void cfk_rows(const int V, ptrdiff_t m, ptrdiff_t k, const float *a, ptrdiff_t ars, ptrdiff_t ads,
                      const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc, const cfk_ends *e, ptrdiff_t j) {
  ptrdiff_t i = 0;
#define CFK_TILE(R) cfk_tile(R, V, k, a + i * ars, ars, ads, b + j, ldb, c + i * ldc + j, ldc, e, i, j)
  for (; m - i >= 6 && m - i != 7 && m - i != 8; i += 6) CFK_TILE(6);
  for (; m - i >= 7; i += 4) CFK_TILE(4);  // 7 or 8 left: a 4-row tile first
  switch (m - i) {
    case 6: CFK_TILE(6); break;
    case 5: CFK_TILE(5); break;
    case 4: CFK_TILE(4); break;
    case 3: CFK_TILE(3); break;
    case 2: CFK_TILE(2); break;
    case 1: CFK_TILE(1); break;
    default: break;
  }
#undef CFK_TILE
}

// The start values of 8 rows of one column jj of C (c points at the first).
CFK_AVX __m256 cfk_start_column8(const cfk_ends *e, const float *c, ptrdiff_t ldc, ptrdiff_t jj) {
  switch (e->start) {
    case CFK_START_ACCUMULATE: {
      float t[8];
      for (int r = 0; r < 8; r++) t[r] = c[r * ldc];
      return _mm256_loadu_ps(t);
    }
    case CFK_START_ZERO: return _mm256_setzero_ps();
    default: return _mm256_set1_ps(e->start_row[jj]);
  }
}

// Stores 8 rows of column jj of C (c points at the first) through the finish step.
CFK_AVX void cfk_store_column8(const cfk_ends *e, __m256 acc, float *c, ptrdiff_t ldc, ptrdiff_t i, ptrdiff_t jj) {
  float t[8];
  _mm256_storeu_ps(t, acc);
  for (int r = 0; r < 8; r++) c[r * ldc] = cfk_finish1(e, t[r], i + r, jj);
}

// One column jj of C (jj in the n mod 8 tail), all m rows. Rows go 8 to a vector, and
// up to four such vectors at once: each is a chain of k dependent fused multiply-adds,
// and one chain alone waits the FMA latency at every step (measured 3-4x slower on the
// 64 x 1 x 128 weight gradient of a regression head).
CFK_AVX void cfk_column(ptrdiff_t m, ptrdiff_t k, const float *a, ptrdiff_t ars, ptrdiff_t ads, const float *b,
                        ptrdiff_t ldb, float *c, ptrdiff_t ldc, const cfk_ends *e, ptrdiff_t jj) {
  ptrdiff_t i = 0;
  if (ars == 1) {  // A is a transpose: 8 consecutive rows are contiguous at each p
    for (; i + 32 <= m; i += 32) {
      __m256 acc[4];
#pragma clang loop unroll(full)
      for (int g = 0; g < 4; g++) acc[g] = cfk_start_column8(e, c + (i + 8 * g) * ldc + jj, ldc, jj);
      const float *pa = a + i;
      const float *pb = b + jj;
      for (ptrdiff_t p = 0; p < k; p++) {
        const __m256 bp = _mm256_broadcast_ss(pb);
#pragma clang loop unroll(full)
        for (int g = 0; g < 4; g++) acc[g] = _mm256_fmadd_ps(_mm256_loadu_ps(pa + 8 * g), bp, acc[g]);
        pa += ads;
        pb += ldb;
      }
#pragma clang loop unroll(full)
      for (int g = 0; g < 4; g++) cfk_store_column8(e, acc[g], c + (i + 8 * g) * ldc + jj, ldc, i + 8 * g, jj);
    }
    for (; i + 8 <= m; i += 8) {
      __m256 acc = cfk_start_column8(e, c + i * ldc + jj, ldc, jj);
      const float *pa = a + i;
      const float *pb = b + jj;
      for (ptrdiff_t p = 0; p < k; p++) {
        acc = _mm256_fmadd_ps(_mm256_loadu_ps(pa), _mm256_broadcast_ss(pb), acc);
        pa += ads;
        pb += ldb;
      }
      cfk_store_column8(e, acc, c + i * ldc + jj, ldc, i, jj);
    }
  } else {  // A row-major: 8 rows x 8 depths loaded as rows, transposed in registers
#define CFK_G 2
    // G blocks of 8 rows at once when the depth is read contiguously.
    if (ads == 1) {
      for (; i + 8 * CFK_G <= m; i += 8 * CFK_G) {
        __m256 acc[CFK_G];
#pragma clang loop unroll(full)
        for (int g = 0; g < CFK_G; g++) acc[g] = cfk_start_column8(e, c + (i + 8 * g) * ldc + jj, ldc, jj);
        ptrdiff_t p = 0;
        for (; p + 8 <= k; p += 8) {
#pragma clang loop unroll(full)
          for (int g = 0; g < CFK_G; g++) {
            __m256 col[8];
            cfk_transpose8(a + (i + 8 * g) * ars + p, ars, col);  // col[q] = A(i+8g..i+8g+7, p+q)
#pragma clang loop unroll(full)
            for (int q = 0; q < 8; q++)
              acc[g] = _mm256_fmadd_ps(col[q], _mm256_broadcast_ss(b + (p + q) * ldb + jj), acc[g]);
          }
        }
#pragma clang loop unroll(full)
        for (int g = 0; g < CFK_G; g++) {
          float t[8];
          _mm256_storeu_ps(t, acc[g]);
          const float *pa = a + (i + 8 * g) * ars;
          for (ptrdiff_t q = p; q < k; q++) {
            const float bq = b[q * ldb + jj];
            for (int r = 0; r < 8; r++) t[r] = fmaf(pa[r * ars + q], bq, t[r]);
          }
          for (int r = 0; r < 8; r++) c[(i + 8 * g + r) * ldc + jj] = cfk_finish1(e, t[r], i + 8 * g + r, jj);
        }
      }
    }
#undef CFK_G
    for (; i + 8 <= m; i += 8) {
      __m256 acc = cfk_start_column8(e, c + i * ldc + jj, ldc, jj);
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
      for (int r = 0; r < 8; r++) c[(i + r) * ldc + jj] = cfk_finish1(e, t[r], i + r, jj);
    }
  }
  for (; i < m; i++) {
    float s = cfk_start1(e, c + i * ldc + jj, jj);
    const float *pa = a + i * ars;
    for (ptrdiff_t p = 0; p < k; p++) s = fmaf(pa[p * ads], b[p * ldb + jj], s);
    c[i * ldc + jj] = cfk_finish1(e, s, i, jj);
  }
}

__attribute__((target("avx,fma"))) void cfk_sgemm_avx_fma(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a,
                                                          ptrdiff_t a_row_stride, ptrdiff_t a_depth_stride,
                                                          const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
                                                          const cfk_ends *ends) {
  ptrdiff_t j = 0;
  for (; j + 16 <= n; j += 16) cfk_rows(2, m, k, a, a_row_stride, a_depth_stride, b, ldb, c, ldc, ends, j);
  for (; j + 8 <= n; j += 8) cfk_rows(1, m, k, a, a_row_stride, a_depth_stride, b, ldb, c, ldc, ends, j);
  for (; j < n; j++) cfk_column(m, k, a, a_row_stride, a_depth_stride, b, ldb, c, ldc, ends, j);
}

#else

int cfk_has_avx_fma(void) { return 0; }

void cfk_sgemm_avx_fma(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k, const float *a, ptrdiff_t a_row_stride,
                       ptrdiff_t a_depth_stride, const float *b, ptrdiff_t ldb, float *c, ptrdiff_t ldc,
                       const cfk_ends *ends) {
  (void)m; (void)n; (void)k; (void)a; (void)a_row_stride; (void)a_depth_stride; (void)b; (void)ldb;
  (void)c; (void)ldc; (void)ends;
  __builtin_trap();  // never called: cfk_has_avx_fma() is 0 here
}

#endif
