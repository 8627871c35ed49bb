import Testing

@testable import CLVEvaluation

@Suite struct ChampionRuleTests {
  static func score(_ name: String, gini: Double?, mape: Double?, rmse: Double? = 1) -> ModelScore {
    ModelScore(
      name: name, validation: RegressionMetrics(count: 100, rmse: rmse, normalizedGini: gini, decileMAPE: mape))
  }

  @Test func bestGiniExcludedByCalibration() throws {
    // Best MAPE 0.20 → limit 1.5 × 0.20 = 0.30: "a" (Gini .70, MAPE .40) is out;
    // "b" (.65, .20) beats "c" (.60, .25); "d" has no Gini.
    let s = try #require(
      ChampionRule().select(validation: [
        Self.score("a", gini: 0.70, mape: 0.40), Self.score("b", gini: 0.65, mape: 0.20),
        Self.score("c", gini: 0.60, mape: 0.25), Self.score("d", gini: nil, mape: nil),
      ]))
    #expect(s.champion == "b" && s.championIndex == 1 && s.basis == .giniWithinCalibration)
    #expect(abs(try #require(s.mapeLimit) - 0.30) < 1e-15)
    #expect(s.verdicts.map(\.outcome) == [.excludedByCalibration, .champion, .outranked, .undefinedRanking])
    #expect(s.verdicts[0].note.contains("despite a higher normalized Gini"))
    #expect(s.reason.hasPrefix("b won") && s.reason.contains("1.5×") && s.reason.contains("a — decile MAPE 0.400"))
  }

  @Test func modelAtTheLimitIsEligible() throws {
    let s = try #require(
      ChampionRule().select(validation: [
        Self.score("calibrated", gini: 0.5, mape: 0.2), Self.score("sharp", gini: 0.6, mape: 0.3),
      ]))
    #expect(s.champion == "sharp")
  }

  @Test func tiesBreakOnMAPEThenRMSEThenOrder() throws {
    let rule = ChampionRule()
    let byMAPE = try #require(
      rule.select(validation: [
        Self.score("x", gini: 0.6, mape: 0.25), Self.score("y", gini: 0.6, mape: 0.2),
      ]))
    #expect(byMAPE.champion == "y")
    #expect(byMAPE.verdicts[0].note.contains("tie-break"))
    let byRMSE = try #require(
      rule.select(validation: [
        Self.score("x", gini: 0.6, mape: 0.2, rmse: 5), Self.score("y", gini: 0.6, mape: 0.2, rmse: 4),
      ]))
    #expect(byRMSE.champion == "y")
    let byOrder = try #require(
      rule.select(validation: [
        Self.score("x", gini: 0.6, mape: 0.2), Self.score("y", gini: 0.6, mape: 0.2),
      ]))
    #expect(byOrder.champion == "x")
  }

  @Test func fallbacks() throws {
    let noMAPE = try #require(
      ChampionRule().select(validation: [
        Self.score("x", gini: 0.4, mape: nil), Self.score("y", gini: 0.5, mape: nil),
      ]))
    #expect(noMAPE.champion == "y" && noMAPE.basis == .giniOnly && noMAPE.mapeLimit == nil)

    let noGini = try #require(
      ChampionRule().select(validation: [
        Self.score("x", gini: nil, mape: nil, rmse: 3), Self.score("y", gini: nil, mape: nil, rmse: 2),
      ]))
    #expect(noGini.champion == "y" && noGini.basis == .lowestRMSE)

    let nothing = try #require(
      ChampionRule().select(validation: [
        Self.score("x", gini: nil, mape: nil, rmse: nil), Self.score("y", gini: nil, mape: nil, rmse: nil),
      ]))
    #expect(nothing.champion == "x" && nothing.basis == .firstListed)
    #expect(ChampionRule().select(validation: []) == nil)
  }

  @Test func undefinedMAPEIsExcludedWhenOthersHaveOne() throws {
    let s = try #require(
      ChampionRule().select(validation: [
        Self.score("nomape", gini: 0.9, mape: nil), Self.score("ok", gini: 0.5, mape: 0.3),
      ]))
    #expect(s.champion == "ok" && s.verdicts[0].outcome == .excludedByCalibration)
  }
}
