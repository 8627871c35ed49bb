import CLVModels
import Testing

/// MBG/NBD on the CDNOW sample against Batislam et al. (2007) as reproduced by BTYDplus.
@Suite struct BTYDMBGNBDTests {
  static let model: MBGNBDModel = {
    do { return try MBGNBD().fit(BTYDCDNOWFixture.shared.histories) } catch {
      preconditionFailure("MBG/NBD fit failed: \(error)")
    }
  }()
  var model: MBGNBDModel { Self.model }

  /// r = 0.525, α = 6.183, a = 0.891, b = 1.614 (published to 3 decimals: ±0.0015),
  /// ℓ = −9582.14 (±0.01).
  @Test func parametersAndLogLikelihoodMatchBTYDplus() {
    #expect(model.converged)
    #expect(model.modelName == "MBG/NBD")
    let published = [0.525, 6.183, 0.891, 1.614]
    for (p, q) in zip(model.parameters.map(\.value), published) {
      #expect(abs(p - q) < 1.5e-3, "\(p) vs \(q)")
    }
    #expect(abs(model.logLikelihood - -9582.14) < 0.01)
  }

  /// Σₓ P(X(t)=x) = 1 and Σₓ x·P(X(t)=x) = E[X(t)]: independent closed forms agree to 1e-8.
  @Test(arguments: [5.0, 39.0, 78.0])
  func countDistributionIsConsistent(t: Double) {
    let probabilities = (0..<400).map { model.probabilityOfTransactions($0, in: t) ?? .nan }
    #expect(abs(probabilities.reduce(0, +) - 1) < 1e-9)
    let mean = probabilities.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
    #expect(abs(mean - model.expectedTransactions(in: t)) < 1e-8)
  }

  /// Unlike BG/NBD, a customer without repeat purchases may already be dead:
  /// P(alive | x=0, T) = b/(a+b) · … < 1, and equals b/(a+b) at T = tₓ = 0 by hand.
  @Test func zeroRepeatCustomersMayBeDead() {
    let h = PurchaseHistory(frequency: 0, recency: 0, age: 30)
    #expect(model.probabilityAlive(given: h) < 1)
    // At T → 0 the formula 1/(1 + a/b) = b/(a+b); use a tiny T.
    let newborn = PurchaseHistory(frequency: 0, recency: 0, age: 1e-12)
    #expect(abs(model.probabilityAlive(given: newborn) - model.b / (model.a + model.b)) < 1e-9)
  }
}
