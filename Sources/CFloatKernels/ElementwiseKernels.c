// Element-wise passes of network training: ReLU forward and backward, the column
// sums of a bias gradient, and the weight transpose. Plain loops that clang vectorises for the baseline target;
// each element sees exactly the operations of the formula in include/CFloatKernels.h,
// in that order, so the results are the same bits on every x86-64 CPU.
#include "CFloatKernels.h"

#pragma STDC FP_CONTRACT OFF

void cfk_relu_forward(float *restrict z, ptrdiff_t count) {
  for (ptrdiff_t i = 0; i < count; i++) z[i] = z[i] < 0.0f ? 0.0f : z[i];
}

void cfk_relu_backward(float *restrict da, const float *restrict a, ptrdiff_t count, float scale) {
  for (ptrdiff_t i = 0; i < count; i++) {
    const float d = da[i] * scale;
    da[i] = a[i] <= 0.0f ? 0.0f : d;
  }
}

void cfk_add_column_sums(ptrdiff_t rows, ptrdiff_t cols, const float *restrict x, ptrdiff_t ldx,
                         float *restrict sums) {
  for (ptrdiff_t i = 0; i < rows; i++) {
    const float *row = x + i * ldx;
    for (ptrdiff_t j = 0; j < cols; j++) sums[j] += row[j];
  }
}

void cfk_transpose(ptrdiff_t rows, ptrdiff_t cols, const float *restrict src, ptrdiff_t ld_src,
                   float *restrict dst, ptrdiff_t ld_dst) {
  for (ptrdiff_t j = 0; j < cols; j++) {
    float *out = dst + j * ld_dst;
    for (ptrdiff_t i = 0; i < rows; i++) out[i] = src[i * ld_src + j];
  }
}
