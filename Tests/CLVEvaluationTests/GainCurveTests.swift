import Testing

@testable import CLVEvaluation

@Suite struct GainCurveTests {
  @Test func handComputedCurves() throws {
    // predicted [6, 8, 1, 0] orders actual 10, 0, 5, 0 (see NormalizedGiniTests).
    let c = try #require(GainCurve(predicted: [6, 8, 1, 0], actual: [0, 10, 5, 0], resolution: 4))
    #expect(c.model.map(\.customerShare) == [0, 0.25, 0.5, 0.75, 1])
    #expect(c.model.map(\.valueShare) == [0, 10.0 / 15, 10.0 / 15, 1, 1])
    #expect(c.perfect.map(\.valueShare) == [0, 10.0 / 15, 1, 1, 1])
    #expect(c.random.map(\.valueShare) == [0, 0.25, 0.5, 0.75, 1])
  }

  @Test func coarserThanSampleDeduplicatesPoints() throws {
    let c = try #require(GainCurve(predicted: [1, 2], actual: [1, 2], resolution: 100))
    #expect(c.model.count == 3)  // k = 0, 1, 2
    #expect(c.model.last == GainPoint(customerShare: 1, valueShare: 1))
  }

  @Test func undefinedWithoutValue() {
    #expect(GainCurve(predicted: [1, 2], actual: [0, 0]) == nil)
  }
}
