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

  func expectClose(_ analytic: [Double], _ numeric: [Double]) {
    for (g, n) in zip(analytic, numeric) {
      #expect(abs(g - n) <= 1e-6 * max(1, abs(n)), "analytic \(g) vs numeric \(n)")
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

  @Test(arguments: [[6.25, 3.74, 15.44], [1, 1, 35], [20, 0.5, 2]])
  func gammaGammaGradient(at p: [Double]) {
    let d = BTYDCDNOWFixture.shared
    let repeaters = zip(d.histories.map(\.frequency), d.meanRepeatSpend).filter { $0.0 > 0 }
    let l = GammaGammaLikelihood(
      frequency: repeaters.map(\.0), meanSpend: repeaters.map(\.1), parallel: false)
    expectClose(l.evaluate(p).gradient, centralDifferenceGradient(of: { l.evaluate($0).value }, at: p))
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
