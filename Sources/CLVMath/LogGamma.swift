import Foundation

/// The natural logarithm of the absolute value of the gamma function, ln |Γ(x)|.
///
/// Wraps the C library's re-entrant `lgamma_r`, so it is safe to call from several
/// threads at once (plain `lgamma` writes the global `signgam`). Accurate to a few
/// ulps over the positive reals (glibc's documented error bound).
///
/// Reference: Abramowitz & Stegun (1964), §6.1.
@inlinable
package func logGamma(_ x: Double) -> Double {
  var sign: Int32 = 0
  return lgamma_r(x, &sign)
}

/// The natural logarithm of the beta function, ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b),
/// for a, b > 0.
@inlinable
package func logBeta(_ a: Double, _ b: Double) -> Double {
  logGamma(a) + logGamma(b) - logGamma(a + b)
}
