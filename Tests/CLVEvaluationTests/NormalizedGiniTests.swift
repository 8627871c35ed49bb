import Testing

@testable import CLVEvaluation

/// Normalized Gini on hand-computed cases (definition: reference.md; Wang, Liu & Miao 2019).
@Suite struct NormalizedGiniTests {
  // Perfect order of actual [0, 10, 5, 0]: 10, 5, 0, 0 → cumulative 10, 15, 15, 15 of 15
  // → gains 2/3, 1, 1, 1 → mean 11/12 → raw = 2·11/12 − 1 = 5/6.
  static let actual: [Double] = [0, 10, 5, 0]

  @Test func sameOrderAsActualIsOne() throws {
    // predicted [1, 8, 6, 0] orders 10, 5, 0, 0 — the perfect order → raw 5/6, normalized 1.
    #expect(abs(try #require(NormalizedGini.raw(predicted: [1, 8, 6, 0], actual: Self.actual)) - 5.0 / 6) < 1e-15)
    #expect(abs(try #require(NormalizedGini.of(predicted: [1, 8, 6, 0], actual: Self.actual)) - 1) < 1e-15)
  }

  @Test func swappedPairGivesPointEight() throws {
    // predicted [6, 8, 1, 0] orders actual 10, 0, 5, 0 → cumulative 10, 10, 15, 15
    // → gains 2/3, 2/3, 1, 1 → mean 5/6 → raw 2/3 → normalized (2/3)/(5/6) = 0.8.
    let g = try #require(NormalizedGini.of(predicted: [6, 8, 1, 0], actual: Self.actual))
    #expect(abs(g - 0.8) < 1e-15)
  }

  @Test func tiesKeepInputOrder() throws {
    // predicted [5, 5, 1, 0]: the tie keeps index 0 (actual 0) before index 1 (actual 10)
    // → actual order 0, 10, 5, 0 → gains 0, 2/3, 1, 1 → mean 2/3 → raw 1/3 → 0.4.
    // (Breaking the tie the other way would give 0.8.)
    let g = try #require(NormalizedGini.of(predicted: [5, 5, 1, 0], actual: Self.actual))
    #expect(abs(g - 0.4) < 1e-15)
  }

  @Test func reversedRankingIsNegative() throws {
    // predicted [0, -10, -5, 0]: order 0(idx0), 0(idx3), 5, 10 → cumulative 0, 0, 5, 15
    // → gains 0, 0, 1/3, 1 → mean 1/3 → raw −1/3 → normalized −0.4.
    let g = try #require(NormalizedGini.of(predicted: [0, -10, -5, 0], actual: Self.actual))
    #expect(abs(g + 0.4) < 1e-15)
  }

  @Test func undefinedForZeroActuals() {
    #expect(NormalizedGini.of(predicted: [1, 2], actual: [0, 0]) == nil)
    #expect(NormalizedGini.of(predicted: [], actual: []) == nil)
  }
}
