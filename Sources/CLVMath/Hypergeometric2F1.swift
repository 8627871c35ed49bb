import Foundation

/// The Gauss hypergeometric function ₂F₁(a, b; c; z) by its power series, for |z| < 1.
///
///     ₂F₁(a, b; c; z) = Σₙ (a)ₙ (b)ₙ / ((c)ₙ n!) zⁿ
///
/// The terms are built by the ratio tₙ₊₁ / tₙ = (a + n)(b + n) / ((c + n)(n + 1)) · z and
/// summed until a term is below 1e-17 of the running sum (so the relative error is a
/// few ulps when the terms have one sign, as they do for a, b, c > 0 and z ≥ 0).
/// The series converges like zⁿ n^{a+b−c−1}: fast for |z| ≲ 0.9, slowly near |z| = 1.
/// Callers with z near 1 should first apply Euler's transformation
/// ₂F₁(a, b; c; z) = (1 − z)^{c−a−b} ₂F₁(c − a, c − b; c; z) when it shrinks the
/// parameters, as the BTYD models in `CLVModels` do.
///
/// Reference: Abramowitz & Stegun (1964), §15.1.1 and §15.3.3.
/// - Returns: the sum, or NaN if |z| ≥ 1, c is a non-positive integer, or the series
///   has not converged after `maxTerms` terms.
@inlinable
package func hypergeometric2F1(
  _ a: Double, _ b: Double, _ c: Double, _ z: Double, maxTerms: Int = 200_000
) -> Double {
  guard abs(z) < 1, a.isFinite, b.isFinite, c.isFinite, z.isFinite else { return .nan }
  if z == 0 { return 1 }
  if c <= 0 && c == c.rounded() { return .nan }
  var term = 1.0
  var sum = 1.0
  var n = 0.0
  for _ in 0..<maxTerms {
    term *= (a + n) * (b + n) / ((c + n) * (n + 1)) * z
    sum += term
    n += 1
    // Stop on a negligible term, but only once the terms are shrinking: early terms
    // can grow when a·b/c is large.
    if abs(term) <= 1e-17 * abs(sum) && abs((a + n) * (b + n) / ((c + n) * (n + 1)) * z) < 1 {
      return sum
    }
    if term == 0 { return sum }  // a or b a non-positive integer: the series terminated
  }
  return .nan
}
