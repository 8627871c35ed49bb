import Testing

@testable import CLVEvaluation

@Suite struct MetricComparisonTests {
  @Test func directionAwareRows() throws {
    let old = RegressionMetrics(count: 10, rmse: 10, normalizedGini: 0.6, decileMAPE: 0, totalRatio: 0.9)
    let new = RegressionMetrics(count: 10, rmse: 12, normalizedGini: 0.66, decileMAPE: 0.1, totalRatio: 1.1)
    let rows = MetricComparison.table(old: old, new: new)
    func row(_ k: MetricKey) throws -> MetricComparison { try #require(rows.first { $0.metric == k }) }
    let gini = try row(.normGini)
    #expect(gini.assessment == .better)
    #expect(abs(try #require(gini.absoluteChange) - 0.06) < 1e-12)
    #expect(abs(try #require(gini.relativeChange) - 0.1) < 1e-12)
    #expect(try row(.rmse).assessment == .worse && row(.rmse).relativeChange == 0.2)
    #expect(try row(.decileMAPE).relativeChange == nil && row(.decileMAPE).assessment == .worse)
    #expect(try row(.totalRatio).assessment == .unchanged)  // 0.9 and 1.1 are equally far from 1
    #expect(try row(.spearman).assessment == .undefined)
    #expect(rows.count == MetricKey.allCases.count)
  }
}
