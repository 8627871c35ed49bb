// printf's "%.6g" of one double, byte for byte, without printf on the common path.
//
// glibc converts through multi-precision arithmetic (~0.3 µs a number); the bench's
// predictions file has ~1.5M such numbers at 1M rows. Here |x| = m · 10^(X−5) is scaled
// by an exact power of ten (10^0 … 10^22 are exact doubles), v = |x| · 10^(5−X) with one
// rounding (relative error ≤ 2⁻⁵³, so |error| < 1.2e-10 for v < 10⁶), and v is rounded to
// the six-digit integer m. Whenever v's fraction is within 1e-6 of ½ (a tie or too close
// to tell), for non-finite values, zero, and exponents beyond the exact powers, snprintf
// does the work. Then C's %g rules: exponent X of the rounded value; fixed notation with
// 5 − X decimals when −4 ≤ X < 6, else d.ddddde±XX; trailing zeros and a bare point
// removed (C11 7.21.6.1).
#include "CFloatKernels.h"

#include <math.h>
#include <stdio.h>

static const double exact_powers_of_ten[23] = {
  1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
  1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
};

static int format_g6_slow(double x, char *out, int capacity) {
  return snprintf(out, (size_t)capacity, "%.6g", x);
}

int cfk_format_g6(double x, char *out, int capacity) {
  if (capacity < 32 || !isfinite(x) || x == 0) return format_g6_slow(x, out, capacity);
  double a = fabs(x);
  int e = (int)floor(log10(a));
  double v = 0;
  for (int attempt = 0;; attempt++) {
    int k = 5 - e;
    if (k > 22 || k < -22 || attempt > 2) return format_g6_slow(x, out, capacity);
    v = k >= 0 ? a * exact_powers_of_ten[k] : a / exact_powers_of_ten[-k];
    if (v < 1e5) e -= 1;
    else if (v >= 1e6) e += 1;
    else break;
  }
  double whole = floor(v), fraction = v - whole;
  if (fabs(fraction - 0.5) < 1e-6) return format_g6_slow(x, out, capacity);
  long m = (long)whole + (fraction > 0.5 ? 1 : 0);
  if (m == 1000000) {
    m = 100000;
    e += 1;
  }
  char digits[6];
  for (int i = 5; i >= 0; i--) {
    digits[i] = (char)('0' + m % 10);
    m /= 10;
  }
  int significant = 6;  // digits left once trailing zeros are dropped
  while (significant > 1 && digits[significant - 1] == '0') significant--;
  int n = 0;
  if (x < 0) out[n++] = '-';
  if (e < -4 || e >= 6) {
    out[n++] = digits[0];
    if (significant > 1) {
      out[n++] = '.';
      for (int i = 1; i < significant; i++) out[n++] = digits[i];
    }
    out[n++] = 'e';
    out[n++] = e < 0 ? '-' : '+';
    int magnitude = e < 0 ? -e : e;
    if (magnitude >= 100) out[n++] = (char)('0' + magnitude / 100);
    out[n++] = (char)('0' + magnitude / 10 % 10);
    out[n++] = (char)('0' + magnitude % 10);
  } else if (e >= 0) {
    for (int i = 0; i <= e; i++) out[n++] = digits[i];
    if (significant > e + 1) {
      out[n++] = '.';
      for (int i = e + 1; i < significant; i++) out[n++] = digits[i];
    }
  } else {
    out[n++] = '0';
    out[n++] = '.';
    for (int i = 0; i < -e - 1; i++) out[n++] = '0';
    for (int i = 0; i < significant; i++) out[n++] = digits[i];
  }
  out[n] = 0;
  return n;
}
