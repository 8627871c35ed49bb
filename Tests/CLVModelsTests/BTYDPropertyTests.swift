import CLVMath
import CLVModels
import Foundation
import Testing

/// Invariants every fitted count model must satisfy, and input validation.
@Suite struct BTYDPropertyTests {
  static let models: [any PurchaseCountModel] = [
    BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426),
    MBGNBDModel(r: 0.525, alpha: 6.183, a: 0.891, b: 1.614),
    ParetoNBDModel(r: 0.553, alpha: 10.578, s: 0.606, beta: 11.669),
    BGNBDModel(r: 2, alpha: 1, a: 3, b: 0.5),  // a > 1 and heavy buying
    ParetoNBDModel(r: 1.5, alpha: 40, s: 2, beta: 0.5),  // α > β branch, s > 1
  ]

  static let histories: [PurchaseHistory] = [
    .init(frequency: 0, recency: 0, age: 38.86), .init(frequency: 1, recency: 0.14, age: 38),
    .init(frequency: 2, recency: 30.43, age: 38.86), .init(frequency: 26, recency: 30.857, age: 31),
    .init(frequency: 150, recency: 36, age: 39), .init(frequency: 5, recency: 2, age: 39),
  ]

  /// P(alive) ∈ [0, 1]; E[Y(t) | h] ≥ 0 and non-decreasing in t; E[X(t)] likewise.
  @Test func probabilitiesAndExpectationsAreWellBehaved() {
    let horizons: [Double] = [0, 0.5, 1, 5, 39, 52, 104, 520]
    for model in Self.models {
      for h in Self.histories {
        let alive = model.probabilityAlive(given: h)
        #expect(alive >= 0 && alive <= 1, "\(model.modelName) \(h): \(alive)")
        let path = horizons.map { model.conditionalExpectedTransactions(in: $0, given: h) }
        #expect(path.allSatisfy { $0 >= 0 && $0.isFinite }, "\(model.modelName) \(h): \(path)")
        #expect(zip(path, path.dropFirst()).allSatisfy { $0 <= $1 * (1 + 1e-12) }, "\(path)")
      }
      let path = horizons.map { model.expectedTransactions(in: $0) }
      #expect(path.allSatisfy { $0 >= 0 && $0.isFinite })
      #expect(zip(path, path.dropFirst()).allSatisfy { $0 <= $1 * (1 + 1e-12) }, "\(path)")
    }
  }

  /// For a repeat buyer, a more recent last purchase (larger tₓ at fixed x, T) never lowers
  /// P(alive) or the conditional expectation — the core "recency" logic of all three models.
  @Test func recencyRaisesAliveProbability() {
    for model in Self.models {
      let alive = [1.0, 10, 20, 30, 38].map {
        model.probabilityAlive(given: PurchaseHistory(frequency: 3, recency: $0, age: 39))
      }
      #expect(zip(alive, alive.dropFirst()).allSatisfy { $0 <= $1 + 1e-15 }, "\(model.modelName): \(alive)")
      let expected = [1.0, 20, 38].map {
        model.conditionalExpectedTransactions(
          in: 39, given: PurchaseHistory(frequency: 3, recency: $0, age: 39))
      }
      #expect(zip(expected, expected.dropFirst()).allSatisfy { $0 <= $1 * (1 + 1e-12) })
    }
  }

  /// At a = 1 the closed-form expectation has a removable singularity: the value there
  /// lies between its neighbours at a = 1 ± 1e-3 and is finite.
  @Test func expectationIsContinuousAtAEqualsOne() {
    let h = PurchaseHistory(frequency: 3, recency: 20, age: 30)
    let values = [0.999, 1.0, 1.001].map {
      BGNBDModel(r: 0.5, alpha: 5, a: $0, b: 2).conditionalExpectedTransactions(in: 52, given: h)
    }
    #expect(values.allSatisfy { $0.isFinite })
    #expect(min(values[0], values[2]) <= values[1] && values[1] <= max(values[0], values[2]))
  }

  /// The models are unit-agnostic: fitting the CDNOW data in days instead of weeks scales
  /// α (and β) by 7, leaves the shapes unchanged (1e-5 relative) and shifts ℓ by
  /// −Σx·ln 7, the Jacobian of the purchase-time densities.
  @Test func timeUnitOnlyRescalesTheScaleParameters() throws {
    let weeks = BTYDCDNOWFixture.shared.histories
    let days = weeks.map { PurchaseHistory(frequency: $0.frequency, recency: $0.recency * 7, age: $0.age * 7) }
    let inWeeks = BTYDParetoNBDTests.model
    let inDays = try ParetoNBD().fit(days)
    let scale = [1.0, 7, 1, 7]
    for ((w, d), c) in zip(zip(inWeeks.parameters, inDays.parameters), scale) {
      #expect(abs(d.value / (w.value * c) - 1) < 1e-5, "\(w.name): \(w.value) vs \(d.value)")
    }
    let jacobian = weeks.reduce(0) { $0 + $1.frequency } * log(7.0)
    #expect(abs(inDays.logLikelihood - (inWeeks.logLikelihood - jacobian)) < 1e-4)
  }

  /// Listing each customer once or as weighted patterns gives the same fit: the data are
  /// the CDNOW histories in shuffled order with every history duplicated, versus the
  /// compressed patterns with doubled weights (parameters equal to 1e-6 relative).
  @Test func compressedAndUncompressedInputGiveTheSameFit() throws {
    var rng = SplitMix64(seed: 9)
    var doubled = BTYDCDNOWFixture.shared.histories + BTYDCDNOWFixture.shared.histories
    doubled.seededShuffle(using: &rng)
    let fromRows = try BGNBD().fit(doubled)
    let unique = Array(Set(BTYDCDNOWFixture.shared.histories))
    let counts = Dictionary(BTYDCDNOWFixture.shared.histories.map { ($0, 2.0) }, uniquingKeysWith: +)
    let fromPatterns = try BGNBD().fit(
      CompressedHistories(unique, weights: unique.map { counts[$0] ?? 0 }))
    for (p, q) in zip(fromRows.parameters, fromPatterns.parameters) {
      #expect(abs(p.value / q.value - 1) < 1e-6)
    }
    #expect(abs(fromRows.logLikelihood / fromPatterns.logLikelihood - 1) < 1e-9)
    // Doubling every customer doubles ℓ and leaves the estimates unchanged.
    #expect(abs(fromRows.logLikelihood - 2 * BTYDBGNBDTests.model.logLikelihood) < 1e-3)
  }

  /// Degenerate inputs throw the typed error, whose message says what to do.
  @Test func degenerateInputsThrow() {
    let ok = PurchaseHistory(frequency: 1, recency: 2, age: 10)
    #expect(throws: BTYDError.emptyInput(model: "BG/NBD")) { try BGNBD().fit([]) }
    #expect(throws: BTYDError.noRepeatCustomers(model: "Pareto/NBD")) {
      try ParetoNBD().fit([PurchaseHistory(frequency: 0, recency: 0, age: 5)])
    }
    let bad: [PurchaseHistory] = [
      .init(frequency: -1, recency: 0, age: 5), .init(frequency: .nan, recency: 0, age: 5),
      .init(frequency: 2, recency: 6, age: 5), .init(frequency: 1.5, recency: 1, age: 5),
      .init(frequency: 0, recency: 1, age: 5), .init(frequency: 1, recency: 1, age: 0),
    ]
    for h in bad {
      do {
        _ = try MBGNBD().fit([ok, h])
        Issue.record("accepted \(h)")
      } catch let error as BTYDError {
        guard case .invalidHistory(let index, _, let reason) = error else {
          Issue.record("wrong error \(error)")
          continue
        }
        #expect(index == 1)
        #expect(!reason.isEmpty && error.description.contains("Fix"))
      } catch { Issue.record("untyped error \(error)") }
    }
    #expect(throws: BTYDError.mismatchedLengths(frequency: 2, meanSpend: 1)) {
      try GammaGamma().fit(frequency: [1, 2], meanSpend: [3])
    }
    #expect(throws: BTYDError.invalidSpend(index: 1, value: -4)) {
      try GammaGamma().fit(frequency: [1, 2], meanSpend: [3, -4])
    }
    #expect(throws: BTYDError.noRepeatCustomers(model: "Gamma-Gamma")) {
      try GammaGamma().fit(frequency: [0, 0], meanSpend: [0, 0])
    }
    #expect(throws: BTYDError.self) { try BGNBD(penalizer: -1).fit([ok]) }
  }

  /// Running out of iterations is reported, not trapped.
  @Test func nonConvergenceIsAFlag() throws {
    let model = try BGNBD(maxIterations: 2).fit(BTYDCDNOWFixture.shared.histories)
    #expect(!model.converged)
    #expect(model.iterations == 2)
    #expect(model.logLikelihood.isFinite)
  }

  /// A penalizer shrinks the parameters towards 0 (lifetimes' convention), lowering ℓ.
  @Test func penalizerShrinks() throws {
    let penalised = try BGNBD(penalizer: 0.1).fit(BTYDCDNOWFixture.shared.histories)
    #expect(penalised.logLikelihood < BTYDBGNBDTests.model.logLikelihood)
    #expect(penalised.b < BTYDBGNBDTests.model.b)
  }

  /// Fitted models round-trip through JSON.
  @Test func modelsAreCodable() throws {
    let model = BTYDBGNBDTests.model
    let data = try JSONEncoder().encode(model)
    #expect(try JSONDecoder().decode(BGNBDModel.self, from: data) == model)
  }
}
