import Testing

@testable import CLVEvaluation

@Suite struct DecileTableTests {
  // One customer per decile. predicted 10…1, actual below:
  // pred:   10  9   8  7  6  5  4  3  2  1
  // actual:  8  9  10  0  5  5  4  2  2  2
  // |p−a|/a: .25 0  .2  –  .2 0  0  .5 0  .5   (decile 4 has mean actual 0 → skipped)
  // → MAPE = 1.65 / 9 = 0.183333…; top decile holds 8 of Σ actual 47 → 0.170213.
  static let predicted: [Double] = [10, 9, 8, 7, 6, 5, 4, 3, 2, 1]
  static let actual: [Double] = [8, 9, 10, 0, 5, 5, 4, 2, 2, 2]

  @Test func decileMAPESkipsZeroActualDecile() throws {
    let m = RegressionMetrics.evaluate(predicted: Self.predicted, actual: Self.actual)
    #expect(abs(try #require(m.decileMAPE) - 1.65 / 9) < 1e-15)
    #expect(abs(try #require(m.topDecileCapture) - 8.0 / 47) < 1e-15)
    let table = try #require(DecileTable(predicted: Self.predicted, actual: Self.actual))
    #expect(abs(try #require(table.mape) - 1.65 / 9) < 1e-15)
    #expect(table.rows[3].meanActual == 0 && table.rows[3].meanPredicted == 7)
  }

  @Test func inputOrderDoesNotMatterWithoutTies() throws {
    let order = [3, 7, 0, 9, 1, 5, 2, 8, 6, 4]
    let m = RegressionMetrics.evaluate(
      predicted: order.map { Self.predicted[$0] }, actual: order.map { Self.actual[$0] })
    #expect(abs(try #require(m.decileMAPE) - 1.65 / 9) < 1e-15)
  }

  @Test func unevenSizesFollowFloorBoundaries() throws {
    // n = 25: boundaries ⌊g·25/10⌋ = 0, 2, 5, 7, 10, 12, 15, 17, 20, 22, 25.
    let p = (0..<25).map { Double($0) }
    let table = try #require(DecileTable(predicted: p, actual: p))
    #expect(table.rows.map(\.count) == [2, 3, 2, 3, 2, 3, 2, 3, 2, 3])
    #expect(table.rows[0].meanPredicted == 23.5)  // 24 and 23: decile 1 is the highest
  }

  @Test func topDecileTakesCeilingOfATenth() throws {
    // n = 25 → ⌈2.5⌉ = 3 customers (as the Python peer's clv_metrics.py): predictions 24, 23, 22
    // hold actual 24 + 23 + 22 = 69 of Σ 0…24 = 300 → 0.23 (decile 1 of the table has 2).
    let p = (0..<25).map { Double($0) }
    let m = RegressionMetrics.evaluate(predicted: p, actual: p)
    #expect(abs(try #require(m.topDecileCapture) - 0.23) < 1e-15)
  }

  @Test func fewerThanTenLeavesDecileMetricsUndefined() throws {
    let table = try #require(DecileTable(predicted: [3, 2, 1], actual: [1, 1, 1]))
    #expect(table.mape == nil)
    #expect(table.rows.map(\.count).reduce(0, +) == 3)
  }

  @Test func allZeroActualsGiveNil() {
    let m = RegressionMetrics.evaluate(predicted: Self.predicted, actual: [Double](repeating: 0, count: 10))
    #expect(m.decileMAPE == nil && m.topDecileCapture == nil)
  }
}
