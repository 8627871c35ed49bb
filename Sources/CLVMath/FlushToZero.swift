#if canImport(Glibc)
  import Glibc
#endif

/// Runs code with subnormal Float/Double arithmetic switched off on the current thread.
///
/// Sets the SSE control bits FTZ (results below 2⁻¹²⁶ become 0) and DAZ (subnormal
/// inputs read as 0) in MXCSR for the duration of `body`, then restores the previous
/// state. Subnormals cost ~100 cycles per operation on x86; they appear in network
/// training as weights and Adam moments decay (the Python peer lost 17% to them).
/// Results stay deterministic: the same inputs give the same bits in this mode.
/// Other architectures and platforms run `body` unchanged.
/// Reference: Intel 64 and IA-32 Architectures SDM, vol. 1, §10.2.3 (MXCSR).
package enum FlushToZero {
  /// `body`'s result, computed with FTZ and DAZ on.
  package static func run<R>(_ body: () throws -> R) rethrows -> R {
    #if arch(x86_64) && canImport(Glibc)
      var saved = fenv_t()
      fegetenv(&saved)
      var fast = saved
      fast.__mxcsr |= 0x8040  // bit 15: flush to zero, bit 6: denormals are zero
      fesetenv(&fast)
      defer { fesetenv(&saved) }
    #endif
    return try body()
  }
}
