// printf's "%.6g" of one double, called without Swift's variadic bridge (withVaList
// boxes its arguments and casts them dynamically on every call).
#include "CFloatKernels.h"

#include <stdio.h>

int cfk_format_g6(double x, char *out, int capacity) { return snprintf(out, (size_t)capacity, "%.6g", x); }
