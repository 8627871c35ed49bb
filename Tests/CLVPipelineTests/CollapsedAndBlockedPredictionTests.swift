import CLVFeatures
import CLVMath
import CLVModels
import Foundation
import Testing

@testable import CLVPipeline

/// Predictions computed once per distinct (x, tₓ, T) (the BTYD models) or a block of rows at
/// a time (the tree models) are the per-customer, whole-table values bit for bit.
@Suite(.serialized) struct CollapsedAndBlockedPredictionTests {
  /// Each BTYD candidate's forward predictions equal the per-customer formulas
  /// (``expectedSpend``, ``discountedCLV``, P(alive)) on every row, and the fixture shop does
  /// have customers sharing a history (so the sharing is exercised).
  @Test(arguments: ["bgnbd", "mbgnbd", "paretonbd"])
  func btydPredictionsPerDistinctHistoryEqualPerCustomer(_ key: String) throws {
    let shop = ContractShop.fixture
    var candidate = try #require(CandidateRegistry.standard[key]).candidate(shop.settings)
    _ = try candidate.prepareForward(shop.forwardTable, context: shop.forwardContext)
    let out = candidate.predict(shop.forwardTable, context: shop.forwardContext)
    let (count, spendModel) = try Self.models(candidate)
    let context = shop.forwardContext
    let table = shop.forwardTable
    let horizon = context.horizonUnits
    let steps = max(1, Int(horizon.rounded()))
    let rate = context.discountRate * context.btydDaysPerUnit / 365.25
    var histories = [PurchaseHistory]()
    let value = try #require(out.discountedValue)
    let alive = try #require(out.probabilityAlive)
    for i in 0..<table.rowCount {
      guard let (h, mean) = BTYDHistories.history(table, row: i, daysPerUnit: context.btydDaysPerUnit) else {
        #expect(out.spend[i] == 0 && value[i] == 0 && alive[i].isNaN)
        continue
      }
      histories.append(h)
      let m = h.frequency > 0 && mean.isFinite && mean > 0 ? mean : spendModel.populationMeanSpend
      let spend = expectedSpend(countModel: count, spendModel: spendModel, history: h, meanSpend: m, horizon: horizon)
      let clv = discountedCLV(
        countModel: count, spendModel: spendModel, history: h, meanSpend: m, horizon: horizon, steps: steps,
        discountRatePerTimeUnit: rate, margin: context.margin)
      #expect(out.spend[i] == spend, "\(key) row \(i)")
      #expect(value[i] == clv, "\(key) row \(i)")
      #expect(alive[i] == count.probabilityAlive(given: h), "\(key) row \(i)")
    }
    #expect(histories.count > 100)
    #expect(DistinctHistories(histories).patterns.count < histories.count)
  }

  /// The per-pattern values are computed in blocks side by side (``BTYDCandidate/perPattern(_:threads:_:)``):
  /// with one thread and with two they are the plain map's, in order, over many blocks and a
  /// ragged last one; and a candidate's predictions with the pool limited to one thread are
  /// those with two.
  @Test(arguments: ["bgnbd", "paretonbd"])
  func btydPerPatternValuesOnOneAndTwoThreads(_ key: String) throws {
    let shop = ContractShop.fixture
    var candidate = try #require(CandidateRegistry.standard[key]).candidate(shop.settings)
    _ = try candidate.prepareForward(shop.forwardTable, context: shop.forwardContext)
    let (count, _) = try Self.models(candidate)
    var rng = SplitMix64(seed: 17)
    let patterns = (0..<(3 * BTYDCandidate<BGNBD>.patternBlock + 123)).map { _ -> PurchaseHistory in
      let age = 1 + 60 * rng.nextUniform()
      let x = Double(Int(8 * rng.nextUniform()))
      return PurchaseHistory(frequency: x, recency: x == 0 ? 0 : age * rng.nextUniform(), age: age)
    }
    let value = { (h: PurchaseHistory) in
      BTYDCandidate<BGNBD>.PatternValues(
        expected: count.conditionalExpectedTransactions(in: 26, given: h), discounted: h.age,
        alive: count.probabilityAlive(given: h))
    }
    let plain = patterns.map(value)
    for threads in [1, 2] {
      let out = BTYDCandidate<BGNBD>.perPattern(patterns, threads: threads, value)
      #expect(out.map(\.expected.bitPattern) == plain.map(\.expected.bitPattern), "\(threads) threads")
      #expect(out.map(\.discounted.bitPattern) == plain.map(\.discounted.bitPattern), "\(threads) threads")
      #expect(out.map(\.alive.bitPattern) == plain.map(\.alive.bitPattern), "\(threads) threads")
    }
    let limit = WorkPool.shared.threadLimit
    defer { WorkPool.shared.threadLimit = limit }
    WorkPool.shared.threadLimit = 1
    let one = candidate.predict(shop.forwardTable, context: shop.forwardContext)
    WorkPool.shared.threadLimit = 2
    let two = candidate.predict(shop.forwardTable, context: shop.forwardContext)
    #expect(one.spend.map(\.bitPattern) == two.spend.map(\.bitPattern))
    #expect(one.discountedValue == two.discountedValue)
    #expect(one.probabilityAlive.map { $0.map(\.bitPattern) } == two.probabilityAlive.map { $0.map(\.bitPattern) })
  }

  static func models(_ c: any Candidate) throws -> (any PurchaseCountModel, GammaGammaModel) {
    if let c = c as? BTYDCandidate<BGNBD> { return (try #require(c.countModel), try #require(c.spendModel)) }
    if let c = c as? BTYDCandidate<MBGNBD> { return (try #require(c.countModel), try #require(c.spendModel)) }
    let c = try #require(c as? BTYDCandidate<ParetoNBD>)
    return (try #require(c.countModel), try #require(c.spendModel))
  }

  /// The tree candidates' predictions in blocks of 7 rows (many blocks and a ragged last one)
  /// equal one block of every row and the model applied to the whole table's matrix.
  @Test(arguments: ["gbt-tweedie", "gbt-hurdle"])
  func treePredictionsInBlocksEqualTheWholeTable(_ key: String) throws {
    let shop = ContractShop.fixture
    var any = try #require(CandidateRegistry.standard[key]).candidate(shop.settings)
    var rng = SplitMix64(seed: 3)
    _ = try any.fit(shop.dataset, context: shop.context, using: &rng)
    let candidate = try #require(any as? TreeCandidate)
    let table = shop.forwardTable
    #expect(table.rowCount % 7 != 0 && table.rowCount > 7 * 10)
    let blocked = candidate.predict(table, context: shop.forwardContext, blockRows: 7)
    let whole = candidate.predict(table, context: shop.forwardContext, blockRows: table.rowCount)
    #expect(blocked.spend == whole.spend)
    #expect(blocked.discountedValue == whole.discountedValue)
    #expect(blocked.purchaseProbability == whole.purchaseProbability)
    #expect((blocked.purchaseProbability != nil) == (key == "gbt-hurdle"))
    let encoder = try #require(candidate.encoder)
    #expect(blocked.spend == candidate.raw(encoder.transform(table)).map { $0 * candidate.calibration })
  }
}
