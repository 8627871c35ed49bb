// The hot loops of network training in C, for the per-function target attribute that
// lets one binary carry a 256-bit AVX (+ FMA) version and pick it at run time: the
// single-precision matrix-multiply kernel behind CLVMath's FloatMatrixKernels, the
// Adam update and the element-wise passes.
//
// Matrix-multiply contract (the same as the portable Swift kernel, bit for bit):
//   C[i, j] = start[i, j] + sum over p = 0, 1, ..., k-1 of A(i, p) * B[p, j]
// with A(i, p) = a[i * a_row_stride + p * a_depth_stride], B[p, j] = b[p * ldb + j],
// C[i, j] = c[i * ldc + j]; every element is accumulated in increasing p, one fused
// multiply-add (a single rounding) per step, so the result does not depend on which
// path or vector width computed it.
#ifndef CFLOATKERNELS_H
#define CFLOATKERNELS_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What C holds before the products are added.
typedef enum {
  /// C's current contents (C += A*B).
  CFK_START_ACCUMULATE = 0,
  /// Zero (C = A*B).
  CFK_START_ZERO = 1,
  /// The row vector `start_row` (n values) in every row (C = 1*v^T + A*B).
  CFK_START_ROW_VECTOR = 2,
} cfk_start;

/// What is done to each element of C before it is stored (a fused epilogue: the
/// same bits as a separate pass over C afterwards).
typedef enum {
  /// C as computed.
  CFK_STORE_PLAIN = 0,
  /// ReLU forward: c < 0 ? 0 : c (a NaN or -0 passes through).
  CFK_STORE_RELU = 1,
  /// ReLU backward: mask[i * ld_mask + j] <= 0 ? 0 : c * scale, where mask is the
  /// layer's output (same shape as C).
  CFK_STORE_RELU_GRADIENT = 2,
} cfk_store;

/// How C starts and how it is stored.
typedef struct {
  cfk_start start;
  /// The row vector of CFK_START_ROW_VECTOR (n values), else unused.
  const float *start_row;
  cfk_store store;
  /// The mask and its leading dimension, and the scale, of CFK_STORE_RELU_GRADIENT.
  const float *mask;
  ptrdiff_t ld_mask;
  float scale;
} cfk_ends;

/// 1 when this CPU and its OS support 256-bit AVX with FMA3 (CPUID AVX, FMA and
/// OSXSAVE, and XCR0 enables the XMM and YMM state), else 0. Always 0 off x86-64.
int cfk_has_avx_fma(void);

/// The product described above on 256-bit AVX registers with FMA. Call only when
/// cfk_has_avx_fma() returned 1.
void cfk_sgemm_avx_fma(ptrdiff_t m, ptrdiff_t n, ptrdiff_t k,
                       const float *a, ptrdiff_t a_row_stride, ptrdiff_t a_depth_stride,
                       const float *b, ptrdiff_t ldb,
                       float *c, ptrdiff_t ldc, const cfk_ends *ends);

/// One Adam step on `count` parameters, element by element (Kingma & Ba 2015):
///   g = g0[i] + g1[i]
///   m[i] = b1 * m[i] + (1 - b1) * g
///   v[i] = b2 * v[i] + ((1 - b2) * g) * g
///   p[i] = p[i] - (lr * (m[i] * c1)) / (sqrt(v[i] * c2) + eps)
/// with c1, c2 the bias corrections; each operation rounded to float in that order, so
/// the portable and AVX versions give the same bits.
void cfk_adam_portable(float *p, float *m, float *v, const float *g0, const float *g1, ptrdiff_t count,
                       float b1, float b2, float lr, float eps, float c1, float c2);

/// ``cfk_adam_portable`` on 256-bit AVX registers (no FMA: the formula's separate
/// roundings); call only when cfk_has_avx_fma() is 1.
void cfk_adam_avx(float *p, float *m, float *v, const float *g0, const float *g1, ptrdiff_t count,
                  float b1, float b2, float lr, float eps, float c1, float c2);

/// sums[j] += x[i * ldx + j] for i = 0, 1, ..., rows-1 in that order, j < cols
/// (the bias gradient: column sums of dy).
void cfk_add_column_sums(ptrdiff_t rows, ptrdiff_t cols, const float *x, ptrdiff_t ldx, float *sums);

/// dst[j * ld_dst + i] = src[i * ld_src + j] for i < rows, j < cols (a transpose;
/// walks dst contiguously).
void cfk_transpose(ptrdiff_t rows, ptrdiff_t cols, const float *src, ptrdiff_t ld_src, float *dst,
                   ptrdiff_t ld_dst);

/// Runs `iterations` rounds of 12 independent 256-bit fused multiply-adds (192 FLOPs
/// per round) in registers and returns a value depending on all of them: the CPU's FMA
/// peak, for benchmarks. Call only when cfk_has_avx_fma() is 1.
float cfk_fma_peak(long iterations);

/// A spin-wait hint (x86 PAUSE): lets the sibling hyper-thread run and saves power
/// while a thread polls a flag set by another.
static inline void cfk_spin_pause(void) {
#if defined(__x86_64__)
  __builtin_ia32_pause();
#endif
}

/// printf's "%.6g" of `x` into `out` (at most `capacity` bytes with the NUL); returns
/// what snprintf returns (the length the text would have).
int cfk_format_g6(double x, char *out, int capacity);

#ifdef __cplusplus
}
#endif

#endif
