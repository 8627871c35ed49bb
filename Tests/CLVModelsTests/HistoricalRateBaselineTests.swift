import Testing

@testable import CLVModels

@Suite struct HistoricalRateBaselineTests {
  @Test func handComputedRates() {
    let b = HistoricalRateBaseline(minimumExposureDays: 90)
    // 300 over 300 days → 1/day → 365 over a year; 100 over 10 days is floored to
    // 90 days → 100/90 × 365; no purchase → 0; net negative → 0.
    let p = b.predict(totalSpend: [300, 100, 0, -5], tenureDays: [300, 10, .nan, 50], horizonDays: 365)
    #expect(p[0] == 365)
    #expect(abs(p[1] - 100.0 / 90 * 365) < 1e-9)
    #expect(p[2] == 0 && p[3] == 0)
  }
}
