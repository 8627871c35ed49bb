import CLVMath
import Testing

@testable import CLVModels

/// Analytic likelihood gradients against central finite differences (CLVMath's
/// `centralDifferenceGradient`, ~1e-9 accurate here), at points away from the optimum
/// so the gradient is far from zero. Tolerance: 1e-6 relative to max(1, |∂ℓ|).
@Suite struct BTYDGradientTests {
  static let data: CompressedHistories = {
    do { return try CompressedHistories(BTYDCDNOWFixture.shared.histories) } catch {
      preconditionFailure("\(error)")
    }
  }()

  static let points: [[Double]] = [[0.24, 4.4, 0.79, 2.4], [1.3, 0.7, 2.5, 0.4], [0.05, 30, 0.2, 9]]

  func expectClose(_ analytic: [Double], _ numeric: [Double], tolerance: Double = 1e-6) {
    for (g, n) in zip(analytic, numeric) {
      #expect(abs(g - n) <= tolerance * max(1, abs(n)), "analytic \(g) vs numeric \(n)")
    }
  }

  @Test(arguments: points)
  func bgnbdGradient(at p: [Double]) {
    let l = BetaGeometricLikelihood(data: Self.data, modified: false, parallel: false)
    expectClose(l.evaluate(p).gradient, centralDifferenceGradient(of: { l.evaluate($0).value }, at: p))
  }

  @Test(arguments: points)
  func mbgnbdGradient(at p: [Double]) {
    let l = BetaGeometricLikelihood(data: Self.data, modified: true, parallel: false)
    expectClose(l.evaluate(p).gradient, centralDifferenceGradient(of: { l.evaluate($0).value }, at: p))
  }

  /// Both ₂F₁ branches: α < β, α > β (including heavy buyers with z near 1), α ≈ β.
  @Test(arguments: [[0.55, 10.6, 0.6, 11.7], [1.3, 30, 2.5, 0.4], [0.1, 0.5, 0.3, 20], [0.5, 8, 0.9, 8.000001]])
  func paretoNBDGradient(at p: [Double]) {
    let l = ParetoNBDLikelihood(data: Self.data, parallel: false)
    expectClose(l.evaluate(p).gradient, centralDifferenceGradient(of: { l.evaluate($0).value }, at: p))
  }

  @Test(arguments: [[6.25, 3.74, 15.44], [1, 1, 35], [20, 0.5, 2]])
  func gammaGammaGradient(at p: [Double]) {
    let d = BTYDCDNOWFixture.shared
    let repeaters = zip(d.histories.map(\.frequency), d.meanRepeatSpend).filter { $0.0 > 0 }
    let l = GammaGammaLikelihood(
      frequency: repeaters.map(\.0), meanSpend: repeaters.map(\.1), parallel: false)
    // ℓ ≈ −4e3 is a sum of per-level and per-customer terms that partly cancel, so the
    // difference quotient carries ~1e-7 of rounding noise: tolerance 1e-5.
    expectClose(
      l.evaluate(p).gradient, centralDifferenceGradient(of: { l.evaluate($0).value }, at: p),
      tolerance: 1e-5)
  }

  /// Parallel chunked summation gives bit-identical results to the serial path
  /// (deterministic reduction order); the data are replicated to cross the threshold.
  @Test func parallelSumIsBitIdentical() throws {
    let h = BTYDCDNOWFixture.shared.histories
    var many: [PurchaseHistory] = []
    for k in 0..<40 {  // distinct patterns: shift ages slightly
      many += h.map { PurchaseHistory(frequency: $0.frequency, recency: $0.recency, age: $0.age + Double(k) / 1000) }
    }
    let data = try CompressedHistories(many)
    #expect(data.count > 32_768)
    let p = [0.3, 4, 0.8, 2.4]
    let serial = BetaGeometricLikelihood(data: data, modified: false, parallel: false).evaluate(p)
    let parallel = BetaGeometricLikelihood(data: data, modified: false, parallel: true).evaluate(p)
    #expect(serial.value == parallel.value)
    #expect(serial.gradient == parallel.gradient)
  }
}
