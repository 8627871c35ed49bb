// Element-wise passes of network training: the column sums of a bias gradient (one
// loop body compiled twice, for the baseline target and under target("avx")) and the
// weight transpose (a plain loop, and 8 x 8 blocks in AVX registers). The AVX copies
// are used when cfk_has_avx_fma() is 1. Sums run in row order and the transpose only
// copies, so both copies give the same bits.
#include "CFloatKernels.h"

#include "AVXTranspose8.h"

#pragma STDC FP_CONTRACT OFF

#define CFK_COLUMN_SUMS_BODY                          \
  for (ptrdiff_t i = 0; i < rows; i++) {              \
    const float *row = x + i * ldx;                   \
    for (ptrdiff_t j = 0; j < cols; j++) sums[j] += row[j]; \
  }

static void column_sums_base(ptrdiff_t rows, ptrdiff_t cols, const float *restrict x, ptrdiff_t ldx,
                             float *restrict sums) {
  CFK_COLUMN_SUMS_BODY
}
static void transpose_base(ptrdiff_t rows, ptrdiff_t cols, const float *restrict src, ptrdiff_t ld_src,
                           float *restrict dst, ptrdiff_t ld_dst) {
  for (ptrdiff_t j = 0; j < cols; j++) {
    float *out = dst + j * ld_dst;
    for (ptrdiff_t i = 0; i < rows; i++) out[i] = src[i * ld_src + j];
  }
}

#if defined(__x86_64__)
#define CFK_AVX_FN __attribute__((target("avx"))) static void

// 64 columns at a time in eight accumulators held in registers over all rows (the
// plain loop kept the sums in memory: a store-to-load chain per row), then 8, then
// one by one; each column still adds its rows in order, so the bits are the loop's.
CFK_AVX_FN column_sums_avx(ptrdiff_t rows, ptrdiff_t cols, const float *restrict x, ptrdiff_t ldx,
                           float *restrict sums) {
  ptrdiff_t j = 0;
  for (; j + 64 <= cols; j += 64) {
    __m256 acc[8];
    for (int v = 0; v < 8; v++) acc[v] = _mm256_loadu_ps(sums + j + 8 * v);
    for (ptrdiff_t i = 0; i < rows; i++) {
      const float *row = x + i * ldx + j;
      for (int v = 0; v < 8; v++) acc[v] = _mm256_add_ps(acc[v], _mm256_loadu_ps(row + 8 * v));
    }
    for (int v = 0; v < 8; v++) _mm256_storeu_ps(sums + j + 8 * v, acc[v]);
  }
  for (; j + 8 <= cols; j += 8) {
    __m256 acc = _mm256_loadu_ps(sums + j);
    for (ptrdiff_t i = 0; i < rows; i++) acc = _mm256_add_ps(acc, _mm256_loadu_ps(x + i * ldx + j));
    _mm256_storeu_ps(sums + j, acc);
  }
  for (; j < cols; j++) {
    float s = sums[j];
    for (ptrdiff_t i = 0; i < rows; i++) s += x[i * ldx + j];
    sums[j] = s;
  }
}
// 8 x 8 blocks transposed in registers, then the edges element by element.
CFK_AVX_FN transpose_avx(ptrdiff_t rows, ptrdiff_t cols, const float *restrict src, ptrdiff_t ld_src,
                         float *restrict dst, ptrdiff_t ld_dst) {
  const ptrdiff_t rows8 = rows & ~(ptrdiff_t)7, cols8 = cols & ~(ptrdiff_t)7;
  for (ptrdiff_t i = 0; i < rows8; i += 8) {
    for (ptrdiff_t j = 0; j < cols8; j += 8) {
      __m256 col[8];
      cfk_transpose8(src + i * ld_src + j, ld_src, col);  // col[q] = src rows i..i+7, column j+q
      for (int q = 0; q < 8; q++) _mm256_storeu_ps(dst + (j + q) * ld_dst + i, col[q]);
    }
    for (ptrdiff_t j = cols8; j < cols; j++)
      for (ptrdiff_t r = i; r < i + 8; r++) dst[j * ld_dst + r] = src[r * ld_src + j];
  }
  for (ptrdiff_t i = rows8; i < rows; i++)
    for (ptrdiff_t j = 0; j < cols; j++) dst[j * ld_dst + i] = src[i * ld_src + j];
}

// 1 when the AVX copies may run (checked once; a race only recomputes the same value).
static int use_avx(void) {
  static int cached = -1;
  int v = __atomic_load_n(&cached, __ATOMIC_RELAXED);
  if (v < 0) {
    v = cfk_has_avx_fma();
    __atomic_store_n(&cached, v, __ATOMIC_RELAXED);
  }
  return v;
}
#define CFK_DISPATCH(AVX_CALL, BASE_CALL) \
  if (use_avx()) AVX_CALL;                \
  else BASE_CALL;
#else
#define CFK_DISPATCH(AVX_CALL, BASE_CALL) BASE_CALL;
#endif

void cfk_add_column_sums(ptrdiff_t rows, ptrdiff_t cols, const float *x, ptrdiff_t ldx, float *sums) {
  CFK_DISPATCH(column_sums_avx(rows, cols, x, ldx, sums), column_sums_base(rows, cols, x, ldx, sums))
}

void cfk_transpose(ptrdiff_t rows, ptrdiff_t cols, const float *src, ptrdiff_t ld_src, float *dst,
                   ptrdiff_t ld_dst) {
  CFK_DISPATCH(transpose_avx(rows, cols, src, ld_src, dst, ld_dst),
               transpose_base(rows, cols, src, ld_src, dst, ld_dst))
}
