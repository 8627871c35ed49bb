import CLVModels
import Testing

/// BG/NBD on the CDNOW sample against Fader, Hardie & Lee (2005) and the BTYD vignette.
@Suite struct BTYDBGNBDTests {
  static let model: BGNBDModel = {
    do { return try BGNBD().fit(BTYDCDNOWFixture.shared.histories) } catch {
      preconditionFailure("BG/NBD fit failed: \(error)")
    }
  }()
  let data = BTYDCDNOWFixture.shared
  var model: BGNBDModel { Self.model }

  /// Published full-precision estimates 0.2425982, 4.4136842, 0.7929899, 2.4261667;
  /// tolerance 2e-4 relative (the optimiser stops at a gradient of 1e-8).
  @Test func parametersAndLogLikelihoodMatchThePaper() {
    #expect(model.converged)
    let published = [0.2425982, 4.4136842, 0.7929899, 2.4261667]
    for (p, q) in zip(model.parameters.map(\.value), published) {
      #expect(abs(p / q - 1) < 2e-4, "\(p) vs \(q)")
    }
    #expect(model.parameters.map(\.name) == ["r", "alpha", "a", "b"])
    #expect(abs(model.logLikelihood - -9582.429) < 0.005)
  }

  /// E[X(t)] for t = 1, 3, 32, 78 weeks: 0.0532, 0.1506, 1.0437, 1.8576 (±5e-4; the
  /// published 78-week value is from rounded parameters, full precision gives 1.8579).
  @Test(arguments: [(1.0, 0.0532), (3.0, 0.1506), (32.0, 1.0437), (78.0, 1.8576)])
  func unconditionalExpectation(t: Double, published: Double) {
    #expect(abs(model.expectedTransactions(in: t) - published) < 5e-4)
  }

  /// x = 2, tₓ = 30.43, T = 38.86, next 39 weeks: 1.226 (FHL 2005, §5) ±1e-3.
  @Test func conditionalExpectationOfTheExampleCustomer() {
    let h = PurchaseHistory(frequency: 2, recency: 30.43, age: 38.86)
    #expect(abs(model.conditionalExpectedTransactions(in: 39, given: h) - 1.226) < 1e-3)
  }

  /// x = 26, tₓ = 30.857, T = 31, next 52 weeks: 25.757 with P(alive) 0.9689 (±2e-3, ±1e-4).
  @Test func heavyBuyer() {
    let h = PurchaseHistory(frequency: 26, recency: 30.857, age: 31)
    #expect(abs(model.conditionalExpectedTransactions(in: 52, given: h) - 25.757) < 2e-3)
    #expect(abs(model.probabilityAlive(given: h) - 0.9689) < 1e-4)
  }

  /// Cumulative repeat purchases by week 39 and 78: 2,501.5 and 4,165.6 (FHL 2005 Fig. 2),
  /// each customer observed for T + 1/7 weeks by the end of 30 September (±0.5).
  @Test func aggregateForecast() {
    let week39 = data.histories.reduce(0) { $0 + model.expectedTransactions(in: $1.age + 1.0 / 7) }
    let week78 = data.histories.reduce(0) { $0 + model.expectedTransactions(in: $1.age + 1.0 / 7 + 39) }
    #expect(abs(week39 - 2501.5) < 0.5)
    #expect(abs(week78 - 4165.6) < 0.5)
  }

  /// Conditional expectations over the 39-week holdout, averaged by calibration frequency
  /// 0…6, 7+: 0.225, 0.523, 1.044, 1.520, 2.164, 2.654, 3.504, 6.157 (FHL 2005 Fig. 4), ±2e-3.
  @Test func holdoutMeansByFrequency() {
    let predicted = data.histories.map { model.conditionalExpectedTransactions(in: 39, given: $0) }
    let means = BTYDHoldoutGroups.means(predicted, by: data.histories)
    let published = [0.225, 0.523, 1.044, 1.520, 2.164, 2.654, 3.504, 6.157]
    for (m, p) in zip(means, published) { #expect(abs(m - p) < 2e-3, "\(m) vs \(p)") }
  }

  /// P(X(t) = x) is a distribution whose mean is E[X(t)] (FHL eq. 8 vs eq. 9): the two
  /// closed forms are derived independently, so agreement to 1e-9 checks both.
  @Test(arguments: [5.0, 39.0, 78.0])
  func countDistributionIsConsistent(t: Double) {
    let probabilities = (0..<400).map { model.probabilityOfTransactions($0, in: t) ?? .nan }
    #expect(abs(probabilities.reduce(0, +) - 1) < 1e-9)
    let mean = probabilities.enumerated().reduce(0) { $0 + Double($1.offset) * $1.element }
    #expect(abs(mean - model.expectedTransactions(in: t)) < 1e-8)
  }
}
