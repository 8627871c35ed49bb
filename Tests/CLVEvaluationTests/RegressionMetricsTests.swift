import Foundation
import Testing

@testable import CLVEvaluation

@Suite struct RegressionMetricsTests {
  // actual [0, 10, 5, 0], predicted [1, 8, 6, 0]
  // residuals p − y: 1, −2, 1, 0 → MSE = (1 + 4 + 1 + 0)/4 = 1.5, RMSE = √1.5, MAE = 4/4 = 1
  // ȳ = 3.75, SS_tot = 14.0625 + 39.0625 + 1.5625 + 14.0625 = 68.75 → R² = 1 − 6/68.75 = 0.912727…
  // totals 15 / 15 → ratio 1. Ranks (average ties): pred [3, 1, 2, 4], actual [3.5, 1, 2, 3.5]
  // → Spearman 4.5/√(5·4.5) = √0.9 = 0.948683 (scipy.stats.spearmanr: 0.9486832980505139).
  // Gini: order by pred = by actual → 1. n = 4 < 10 → decile MAPE nil; top ⌈4/10⌉ = 1
  // customer (prediction 8) holds 10 of 15 → top-decile capture 2/3.
  @Test func handComputedTinyCase() throws {
    let m = RegressionMetrics.evaluate(predicted: [1, 8, 6, 0], actual: [0, 10, 5, 0])
    #expect(m.count == 4)
    #expect(m.mse == 1.5)
    #expect(abs(try #require(m.rmse) - 1.5.squareRoot()) < 1e-15)
    #expect(m.mae == 1)
    #expect(abs(try #require(m.r2) - 0.9127272727272727) < 1e-14)
    #expect(m.totalPredicted == 15 && m.totalActual == 15 && m.totalRatio == 1)
    #expect(m.meanActual == 3.75 && m.meanPredicted == 3.75)
    #expect(abs(try #require(m.spearman) - 0.9486832980505139) < 1e-14)
    #expect(abs(try #require(m.normalizedGini) - 1) < 1e-15)
    #expect(m.decileMAPE == nil && m.topDecileCapture == 10.0 / 15)
  }

  @Test func perfectPredictionsScoreOne() throws {
    // Zero-inflated actuals with ties: the perfect order is the order by actual.
    let actual: [Double] = [0, 0, 3, 120, 0, 7.5, 42, 0, 1, 0, 19, 0, 250]
    let m = RegressionMetrics.evaluate(predicted: actual, actual: actual)
    #expect(abs(try #require(m.normalizedGini) - 1) < 1e-15)
    #expect(abs(try #require(m.spearman) - 1) < 1e-15)
    #expect(m.mse == 0 && m.r2 == 1 && m.decileMAPE == 0)
  }

  @Test func degenerateInputsGiveNilNotCrash() {
    let empty = RegressionMetrics.evaluate(predicted: [], actual: [])
    #expect(empty.count == 0 && empty.rmse == nil && empty.normalizedGini == nil)

    let zeros = RegressionMetrics.evaluate(predicted: [1, 2, 3], actual: [0, 0, 0])
    #expect(zeros.normalizedGini == nil && zeros.totalRatio == nil && zeros.r2 == nil)
    #expect(zeros.spearman == nil && zeros.mae == 2)

    let constant = RegressionMetrics.evaluate(predicted: [2, 2, 2, 2], actual: [0, 10, 5, 0])
    #expect(constant.spearman == nil && constant.pearson == nil)
    // Ties keep input order: the Gini of the input order (0.4, see NormalizedGiniTests).
    #expect(abs((constant.normalizedGini ?? 0) - 0.4) < 1e-15)

    let nonFinite = RegressionMetrics.evaluate(predicted: [1, .nan, 3], actual: [1, 2, .infinity])
    #expect(nonFinite.nonFiniteCount == 2 && nonFinite.rmse == nil && nonFinite.normalizedGini == nil)
  }

  @Test func nilMetricsEncodeToJSON() throws {
    let m = RegressionMetrics.evaluate(predicted: [1, 2, 3], actual: [0, 0, 0])
    let data = try JSONEncoder().encode(m)
    #expect(try JSONDecoder().decode(RegressionMetrics.self, from: data) == m)
  }

  @Test(arguments: MetricKey.allCases) func lookupByKeyMatchesField(key: MetricKey) {
    let m = RegressionMetrics(
      count: 10, mse: 1, rmse: 2, mae: 3, r2: 4, normalizedGini: 5, spearman: 6, pearson: 7,
      topDecileCapture: 8, decileMAPE: 9, totalRatio: 10)
    let expected: [MetricKey: Double] = [
      .mse: 1, .rmse: 2, .mae: 3, .r2: 4, .normGini: 5, .spearman: 6, .pearson: 7,
      .topDecileCapture: 8, .decileMAPE: 9, .totalRatio: 10,
    ]
    #expect(m.value(of: key) == expected[key])
    #expect(m.value(named: key.rawValue) == expected[key])
  }

  @Test func keysAndDirections() {
    #expect(MetricKey(rawValue: "norm_gini") == .normGini)
    #expect(MetricKey(rawValue: "decile_mape")?.direction == .lowerIsBetter)
    #expect(MetricKey.normGini.direction == .higherIsBetter)
    #expect(MetricKey.totalRatio.isBetter(0.95, than: 1.2))
    #expect(!MetricKey.rmse.isBetter(3, than: 2))
    #expect(RegressionMetrics(count: 1).value(named: "gini") == nil)
  }
}
