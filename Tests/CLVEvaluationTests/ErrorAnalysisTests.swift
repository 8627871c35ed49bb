import Testing

@testable import CLVEvaluation

@Suite struct ErrorAnalysisTests {
  @Test func largestUnderAndOverPredictions() {
    // residual = actual − predicted: [1−5, 6−1, 2−10, 3−3] = [−4, 5, −8, 0]
    let r = ResidualExtremes(predicted: [5, 1, 10, 3], actual: [1, 6, 2, 3], count: 5)
    #expect(r.underPredicted.map(\.index) == [1])
    #expect(r.underPredicted.first?.residual == 5)
    #expect(r.overPredicted.map(\.index) == [2, 0])
    let top1 = ResidualExtremes(predicted: [5, 1, 10, 3], actual: [1, 6, 2, 3], count: 1)
    #expect(top1.overPredicted.map(\.index) == [2])
  }

  @Test func tiesBreakByIndex() {
    let r = ResidualExtremes(predicted: [0, 0, 0], actual: [2, 2, 1], count: 2)
    #expect(r.underPredicted.map(\.index) == [0, 1])
  }

  @Test func metricsPerGroup() {
    // group a: rows 1, 3 → |1−6|, |3−3| → MAE 2.5; group b: rows 0, 2 → |5−1|, |10−2| → MAE 6.
    let rows = GroupMetrics.evaluate(
      predicted: [5, 1, 10, 3], actual: [1, 6, 2, 3], groups: ["b", "a", "b", "a"])
    #expect(rows.map(\.group) == ["a", "b"])
    #expect(rows.map(\.metrics.count) == [2, 2])
    #expect(rows.map(\.metrics.mae) == [2.5, 6])
  }
}
