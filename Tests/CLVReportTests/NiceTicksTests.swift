import Testing

@testable import CLVReport

/// Expected values are d3-array v3's own test cases (test/ticks-test.js) and d3-scale's
/// linear `nice` cases (test/linear-test.js); comparisons are exact (d3 computes i/10 the
/// same way, so the doubles are identical).
@Suite struct NiceTicksTests {
  struct Case: Sendable, CustomStringConvertible {
    let start: Double, stop: Double, count: Int, expected: [Double]
    var description: String { "ticks(\(start), \(stop), \(count))" }
  }

  static let cases: [Case] = [
    Case(start: 0, stop: 1, count: 10, expected: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
    Case(start: 0, stop: 1, count: 8, expected: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]),
    Case(start: 0, stop: 1, count: 7, expected: [0, 0.2, 0.4, 0.6, 0.8, 1]),
    Case(start: 0, stop: 1, count: 4, expected: [0, 0.2, 0.4, 0.6, 0.8, 1]),
    Case(start: 0, stop: 1, count: 3, expected: [0, 0.5, 1]),
    Case(start: 0, stop: 1, count: 2, expected: [0, 0.5, 1]),
    Case(start: 0, stop: 1, count: 1, expected: [0, 1]),
    Case(start: 0, stop: 10, count: 10, expected: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    Case(start: 0, stop: 10, count: 7, expected: [0, 2, 4, 6, 8, 10]),
    Case(start: 0, stop: 10, count: 3, expected: [0, 5, 10]),
    Case(start: 0, stop: 10, count: 1, expected: [0, 10]),
    Case(start: -10, stop: 10, count: 10, expected: [-10, -8, -6, -4, -2, 0, 2, 4, 6, 8, 10]),
    Case(start: -10, stop: 10, count: 6, expected: [-10, -5, 0, 5, 10]),
    Case(start: -10, stop: 10, count: 2, expected: [-10, 0, 10]),
    Case(start: -10, stop: 10, count: 1, expected: [0]),
    Case(start: 1, stop: 0, count: 10, expected: [1, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0]),
    Case(start: 10, stop: -10, count: 6, expected: [10, 5, 0, -5, -10]),
    Case(start: 0.98, stop: 1.14, count: 10, expected: [0.98, 1, 1.02, 1.04, 1.06, 1.08, 1.1, 1.12, 1.14]),
    Case(start: 0, stop: 2.2, count: 3, expected: [0, 1, 2]),
    Case(start: 1, stop: 364, count: 1, expected: [200]),
    Case(start: 1, stop: 499, count: 1, expected: [200, 400]),
    Case(start: 1, stop: 1, count: 10, expected: [1]),
    Case(start: 1, stop: 1, count: 0, expected: []),
    Case(start: 0, stop: 1, count: 0, expected: []),
  ]

  @Test(arguments: cases) func d3Ticks(_ c: Case) {
    #expect(NiceTicks.ticks(c.start, c.stop, count: c.count) == c.expected)
  }

  @Test func noNegativeZero() {
    let last = NiceTicks.ticks(-1, 0, count: 5).last ?? -1
    #expect(last == 0 && (1 / last) == .infinity)
  }

  @Test func tickStepAndIncrement() {
    #expect(NiceTicks.tickIncrement(0, 1, count: 10) == -10)
    #expect(NiceTicks.tickIncrement(0, 100, count: 10) == 10)
    #expect(NiceTicks.tickStep(0, 1, count: 10) == 0.1)
    #expect(NiceTicks.tickStep(1, 0, count: 10) == -0.1)
    #expect(NiceTicks.tickStep(0, 10, count: 5) == 2)
  }

  struct NiceCase: Sendable, CustomStringConvertible {
    let domain: (Double, Double), count: Int, expected: (Double, Double)
    var description: String { "nice(\(domain), \(count))" }
  }

  static let niceCases: [NiceCase] = [
    NiceCase(domain: (0, 0.96), count: 10, expected: (0, 1)),
    NiceCase(domain: (0, 96), count: 10, expected: (0, 100)),
    NiceCase(domain: (0.96, 0), count: 10, expected: (1, 0)),
    NiceCase(domain: (0, -0.96), count: 10, expected: (0, -1)),
    NiceCase(domain: (1.1, 10.9), count: 10, expected: (1, 11)),
    NiceCase(domain: (10.9, 1.1), count: 10, expected: (11, 1)),
    NiceCase(domain: (0.7, 11.001), count: 10, expected: (0, 12)),
    NiceCase(domain: (123.1, 6.7), count: 10, expected: (130, 0)),
    NiceCase(domain: (0, 0.49), count: 10, expected: (0, 0.5)),
    NiceCase(domain: (0, 14.1), count: 5, expected: (0, 20)),
    NiceCase(domain: (0, 15), count: 5, expected: (0, 20)),
  ]

  @Test(arguments: niceCases) func d3Nice(_ c: NiceCase) {
    let (a, b) = NiceTicks.nice(c.domain.0, c.domain.1, count: c.count)
    #expect(a == c.expected.0 && b == c.expected.1)
  }

  @Test func percentAxisLabels() {
    #expect(AxisFormat.percent.labels([0, 0.2, 0.4], step: 0.2) == ["0%", "20%", "40%"])
    #expect(AxisFormat.percent.labels([0, 0.005, 0.01], step: 0.005) == ["0.0%", "0.5%", "1.0%"])
  }

  @Test func tickLabelsUseStepPrecision() {
    #expect(
      TickFormat.labels(NiceTicks.ticks(0, 1, count: 5), step: 0.2) == ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"])
    #expect(TickFormat.labels([0, 500, 1000, 1500], step: 500) == ["0", "500", "1,000", "1,500"])
    #expect(TickFormat.labels([0, 20_000, 40_000], step: 20_000) == ["0", "20k", "40k"])
    #expect(TickFormat.labels([0, 500_000, 1_000_000, 1_500_000], step: 500_000) == ["0", "0.5M", "1.0M", "1.5M"])
  }
}
