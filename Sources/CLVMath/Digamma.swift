import Foundation

/// The digamma function ψ(x) = d ln Γ(x) / dx for x > 0.
///
/// Shifts the argument up with ψ(x) = ψ(x + 1) − 1/x until x ≥ 10, then uses the
/// asymptotic series ψ(x) ≈ ln x − 1/(2x) − Σₖ B₂ₖ / (2k x²ᵏ) through x⁻¹². Absolute
/// error below 1e-14 for x ≥ 1e-6 (checked against closed forms ψ(1) = −γ,
/// ψ(1/2) = −γ − 2 ln 2 and the recurrence in `DigammaTests`).
///
/// Reference: Abramowitz & Stegun (1964), §6.3.6 and §6.3.18.
/// - Precondition: `x > 0` (non-positive arguments return NaN).
@inlinable
package func digamma(_ x: Double) -> Double {
  guard x > 0, x.isFinite else { return x == .infinity ? .infinity : .nan }
  var x = x
  var shift = 0.0
  while x < 10 {
    shift -= 1 / x
    x += 1
  }
  let inv2 = 1 / (x * x)
  // Bernoulli-number coefficients B₂ₖ/(2k): 1/12, −1/120, 1/252, −1/240, 1/132, −691/32760.
  let series =
    inv2
    * (1.0 / 12
      - inv2
      * (1.0 / 120
        - inv2 * (1.0 / 252 - inv2 * (1.0 / 240 - inv2 * (1.0 / 132 - inv2 * 691.0 / 32760)))))
  return shift + log(x) - 0.5 / x - series
}
