import Testing

@testable import CLVModels

/// Pareto/NBD on the CDNOW sample against FHL (2005) and the CLVTools test values.
@Suite struct BTYDParetoNBDTests {
  static let model: ParetoNBDModel = {
    do { return try ParetoNBD().fit(BTYDCDNOWFixture.shared.histories) } catch {
      preconditionFailure("Pareto/NBD fit failed: \(error)")
    }
  }()
  var model: ParetoNBDModel { Self.model }

  /// r = 0.553, α = 10.578, s = 0.606, β = 11.669 (FHL 2005; CLVTools 0.55315, 10.57633,
  /// 0.60625, 11.67150 — the two sources differ by 2e-4, so ±1e-3 relative), ℓ = −9594.976 (±0.005).
  @Test func parametersAndLogLikelihoodMatchThePaper() {
    #expect(model.converged)
    let published = [0.55315, 10.57633, 0.60625, 11.67150]
    for (p, q) in zip(model.parameters.map(\.value), published) {
      #expect(abs(p / q - 1) < 1e-3, "\(p) vs \(q)")
    }
    #expect(model.parameters.map(\.name) == ["r", "alpha", "s", "beta"])
    #expect(abs(model.logLikelihood - -9594.976) < 0.005)
  }

  /// x = 26, tₓ = 30.857, T = 31, next 52 weeks: 25.456 with P(alive) 0.9979 (±2e-3, ±1e-4).
  @Test func heavyBuyer() {
    let h = PurchaseHistory(frequency: 26, recency: 30.857, age: 31)
    #expect(abs(model.conditionalExpectedTransactions(in: 52, given: h) - 25.456) < 2e-3)
    #expect(abs(model.probabilityAlive(given: h) - 0.9979) < 1e-4)
  }

  /// The log-likelihood at the published estimates is the published maximum (±0.01), so
  /// the ₂F₁ path (here α < β) is right independently of the optimiser.
  @Test func logLikelihoodAtPublishedEstimates() throws {
    let data = try CompressedHistories(BTYDCDNOWFixture.shared.histories)
    let ll = ParetoNBDLikelihood(data: data, parallel: false)
      .evaluate([0.55315, 10.57633, 0.60625, 11.67150]).value
    #expect(abs(ll - -9594.976) < 0.01)
  }

  /// With α > β the other ₂F₁ branch is used; ℓ must be continuous across α = β
  /// (both branches reduce to ₂F₁ = 1 there): relative jump below 1e-9.
  @Test func branchesAgreeAtAlphaEqualsBeta() throws {
    let data = try CompressedHistories(BTYDCDNOWFixture.shared.histories)
    let likelihood = ParetoNBDLikelihood(data: data, parallel: false)
    let below = likelihood.evaluate([0.55, 11 * (1 - 1e-12), 0.6, 11]).value
    let above = likelihood.evaluate([0.55, 11 * (1 + 1e-12), 0.6, 11]).value
    #expect(abs(below / above - 1) < 1e-9)
  }

  /// E[X(t)] is rβ/(α(s−1))·[1 − (β/(β+t))^{s−1}]: at t → 0 the slope is r/α (purchase
  /// rate of a new customer), checked by a finite ratio ±1e-6.
  @Test func initialPurchaseRate() {
    let t = 1e-6
    #expect(abs(model.expectedTransactions(in: t) / t - model.r / model.alpha) < 1e-6)
  }
}
