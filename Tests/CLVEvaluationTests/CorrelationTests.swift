import Testing

@testable import CLVEvaluation

@Suite struct CorrelationTests {
  @Test func spearmanWithTies() throws {
    // x = [1, 2, 2, 3] → average ranks 1, 2.5, 2.5, 4; y = [1, 3, 2, 4] → ranks 1, 3, 2, 4.
    // deviations from 2.5: (−1.5, 0, 0, 1.5) and (−1.5, .5, −.5, 1.5)
    // → ρ = 4.5 / √(4.5 · 5) = √0.9 = 0.948683 (scipy.stats.spearmanr: 0.9486832980505139).
    let rho = try #require(Correlation.spearman([1, 2, 2, 3], [1, 3, 2, 4]))
    #expect(abs(rho - 0.9486832980505139) < 1e-14)
  }

  @Test func pearsonHandComputed() throws {
    // x̄ = 2.5, ȳ = 5; Σdxdy = 4.5 + .5 + 0 + 6 = 11; Σdx² = 5; Σdy² = 26 → r = 11/√130
    // (scipy.stats.pearsonr: 0.9647638212377322).
    let r = try #require(Correlation.pearson([1, 2, 3, 4], [2, 4, 5, 9]))
    #expect(abs(r - 0.9647638212377322) < 1e-14)
  }

  @Test func undefinedCases() {
    #expect(Correlation.pearson([1, 1, 1], [1, 2, 3]) == nil)  // constant x
    #expect(Correlation.pearson([0.1, 0.1, 0.1], [1, 2, 3]) == nil)  // constant, inexact mean
    #expect(Correlation.spearman([1], [2]) == nil)
    #expect(Correlation.pearson([1, .nan], [1, 2]) == nil)
  }

  @Test func monotoneTransformKeepsSpearmanAtOne() throws {
    let x: [Double] = [3, 1, 4, 1, 5, 9, 2, 6]
    let rho = try #require(Correlation.spearman(x, x.map { $0 * $0 * $0 }))
    #expect(abs(rho - 1) < 1e-15)
  }
}
