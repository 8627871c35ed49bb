import Foundation

/// ln(1 + eˣ) without overflow or loss of precision (the "softplus" function).
///
/// Uses x + ln(1 + e⁻ˣ) for x > 0 and `log1p(exp(x))` otherwise; relative error a few
/// ulps over all finite x. Its derivative is the logistic function ``logistic(_:)``.
@inlinable
package func log1pExp(_ x: Double) -> Double {
  x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
}

/// The logistic function 1 / (1 + e⁻ˣ), computed without overflow for any finite x.
@inlinable
package func logistic(_ x: Double) -> Double {
  if x >= 0 { return 1 / (1 + exp(-x)) }
  let e = exp(x)
  return e / (1 + e)
}

/// ln(eᵃ + eᵇ) without overflow: max(a, b) + ln(1 + e^{−|a − b|}).
@inlinable
package func logAddExp(_ a: Double, _ b: Double) -> Double {
  if a == -.infinity { return b }
  if b == -.infinity { return a }
  let m = Swift.max(a, b)
  return m + log1p(exp(-abs(a - b)))
}
