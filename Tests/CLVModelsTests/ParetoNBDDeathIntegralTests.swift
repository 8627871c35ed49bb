import CLVMath
import Foundation
import Testing

@testable import CLVModels

/// The quadrature of the "died unseen" term against the ₂F₁ series where both are cheap,
/// its gradient against central differences where only it is used, and the likelihood
/// at the degenerate parameters that made the series take minutes.
@Suite struct ParetoNBDDeathIntegralTests {
  /// (r, α, s, β, x, tₓ, T) with z = |α−β|/(max + tₓ) between 0.9 and 0.99 (series still
  /// fast and exact there), both ₂F₁ branches.
  static let moderate: [[Double]] = [
    [0.5, 0.4, 0.8, 12, 2, 1.5, 9], [1.2, 20, 0.6, 0.5, 0, 0, 6], [0.3, 1, 2, 40, 5, 3, 10],
    [2, 60, 1.5, 3, 1, 0.2, 4],
  ]

  @Test(arguments: moderate)
  func agreesWithTheSeries(_ c: [Double]) {
    let (r, a, s, b, x, tx, t) = (c[0], c[1], c[2], c[3], c[4], c[5], c[6])
    #expect(!ParetoNBDDeathIntegral.isNeeded(alpha: a, beta: b, tx: tx))
    let series = ParetoNBDLikelihood.logTermsWithGradient(r: r, alpha: a, s: s, beta: b, x: x, tx: tx, T: t)
    let quad = ParetoNBDDeathIntegral.logValueWithGradient(r: r, alpha: a, s: s, beta: b, x: x, tx: tx, T: t)
    #expect(abs(quad.value - series.died) < 1e-10 * max(1, abs(series.died)), "\(quad.value) vs \(series.died)")
    for k in 0..<4 {
      #expect(abs(quad.gradient[k] - series.dDied[k]) < 1e-8 * max(1, abs(series.dDied[k])), "∂\(k)")
    }
  }

  /// Where the series would need 10⁵–10⁶ terms (z ≥ 0.999), the quadrature's gradient
  /// matches central differences of its value.
  @Test(arguments: [
    [0.6, 0.05, 3900, 82000, 3, 2, 9], [0.4, 900, 0.7, 0.02, 0, 0, 10], [1.5, 0.001, 0.3, 5, 4, 0.01, 8],
  ])
  func gradientMatchesDifferences(_ c: [Double]) {
    let (x, tx, t) = (c[4], c[5], c[6])
    #expect(ParetoNBDDeathIntegral.isNeeded(alpha: c[1], beta: c[3], tx: tx))
    let f: ([Double]) -> Double = { p in
      ParetoNBDDeathIntegral.logValueWithGradient(r: p[0], alpha: p[1], s: p[2], beta: p[3], x: x, tx: tx, T: t).value
    }
    let p = Array(c[0..<4])
    let analytic = ParetoNBDDeathIntegral.logValueWithGradient(
      r: p[0], alpha: p[1], s: p[2], beta: p[3], x: x, tx: tx, T: t
    ).gradient
    let numeric = centralDifferenceGradient(of: f, at: p, relativeStep: 1e-6)
    for k in 0..<4 {
      // The difference step is relative to max(1, |p|): scale by the parameter for the check.
      let scale = max(1, abs(p[k]))
      #expect(
        abs(analytic[k] - numeric[k]) * scale < 1e-5 * max(1, abs(numeric[k]) * scale),
        "∂\(k): \(analytic[k]) vs \(numeric[k])")
    }
  }

  /// The degenerate fit of a 7-month history ended near s = 3,900, β = 246,967 weeks; the
  /// likelihood there is finite (the series gave up with NaN after 10⁶ terms per customer)
  /// and matches a plain trapezoid sum of the integral to 1e-6.
  @Test func degenerateParametersAreFinite() throws {
    let (r, a, s, b, x, tx, t) = (0.8, 0.7, 3900.0, 246_967.0 / 3, 4.0, 5.0, 9.0)
    let d = ParetoNBDDeathIntegral.logValueWithGradient(r: r, alpha: a, s: s, beta: b, x: x, tx: tx, T: t)
    #expect(d.value.isFinite && d.gradient.x.isFinite)
    let n = 200_000
    let h = (t - tx) / Double(n)
    func logIntegrand(_ tau: Double) -> Double { -(r + x) * log(a + tau) - (s + 1) * log(b + tau) }
    let reference = logIntegrand(tx)  // e^{−44,000}: summed relative to it
    var sum = 0.0
    for i in 0...n {
      let w = i == 0 || i == n ? 0.5 : 1
      sum += w * exp(logIntegrand(tx + Double(i) * h) - reference)
    }
    #expect(abs(d.value - (log(s) + reference + log(sum * h))) < 1e-6)
  }
}
