// The Adam update (see include/CFloatKernels.h for the formula and rounding order).
// The portable loop is compiled for the baseline target (clang vectorises it with
// SSE); the AVX copy is the same source under target("avx"), 8 lanes per step.
// Square root and division are correctly rounded in every instruction set, so both
// give the same bits.
#include "CFloatKernels.h"

#include <math.h>

#pragma STDC FP_CONTRACT OFF

#define CFK_ADAM_BODY                                           \
  const float one_minus_b1 = 1.0f - b1;                         \
  const float one_minus_b2 = 1.0f - b2;                         \
  for (ptrdiff_t i = 0; i < count; i++) {                       \
    const float g = g0[i] + g1[i];                              \
    const float mi = b1 * m[i] + one_minus_b1 * g;              \
    const float vi = b2 * v[i] + (one_minus_b2 * g) * g;        \
    m[i] = mi;                                                  \
    v[i] = vi;                                                  \
    p[i] = p[i] - (lr * (mi * c1)) / (sqrtf(vi * c2) + eps);    \
  }

void cfk_adam_portable(float *restrict p, float *restrict m, float *restrict v, const float *restrict g0,
                       const float *restrict g1, ptrdiff_t count, float b1, float b2, float lr, float eps,
                       float c1, float c2) {
  CFK_ADAM_BODY
}

#if defined(__x86_64__)
__attribute__((target("avx"))) void cfk_adam_avx(float *restrict p, float *restrict m, float *restrict v,
                                                 const float *restrict g0, const float *restrict g1,
                                                 ptrdiff_t count, float b1, float b2, float lr, float eps,
                                                 float c1, float c2) {
  CFK_ADAM_BODY
}
#else
void cfk_adam_avx(float *p, float *m, float *v, const float *g0, const float *g1, ptrdiff_t count, float b1,
                  float b2, float lr, float eps, float c1, float c2) {
  cfk_adam_portable(p, m, v, g0, g1, count, b1, b2, lr, eps, c1, c2);
}
#endif
