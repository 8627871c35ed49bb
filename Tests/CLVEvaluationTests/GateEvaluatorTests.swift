import Testing

@testable import CLVEvaluation

@Suite struct GateEvaluatorTests {
  static let champion = RegressionMetrics(
    count: 1000, rmse: 50, r2: nil, normalizedGini: 0.65, topDecileCapture: 0.35, decileMAPE: 0.30,
    totalRatio: 1.15)

  @Test func explicitGateStatusesAndVerdict() throws {
    let gates = try ["norm_gini>=0.6", "warn:norm_gini>=0.7", "decile_mape<=0.2", "r2>=0"].map(GateSpec.parse)
    let report = GateEvaluator().evaluate(gates: gates, champion: Self.champion, baseline: nil, previous: nil)
    // 4 threshold checks, then one regression check per gated metric (skipped: no previous run).
    #expect(report.results.map(\.status) == [.pass, .warn, .fail, .fail, .skipped, .skipped, .skipped])
    #expect(report.results[3].message.contains("undefined"))  // r2 is nil: cannot pass
    #expect(report.results[0].actual == 0.65 && report.results[0].threshold == 0.6)
    #expect(report.verdict == .fail)

    let onlyWarn = GateEvaluator().evaluate(
      gates: [gates[0], gates[1]], champion: Self.champion, baseline: nil, previous: nil)
    #expect(onlyWarn.verdict == .warn)
  }

  @Test func defaultsWithoutPreviousRun() {
    // (a) Gini 0.65 > baseline 0.30 → pass; MAPE 0.30 > baseline 0.20 → warn. (b) skipped.
    let baseline = RegressionMetrics(count: 1000, normalizedGini: 0.30, decileMAPE: 0.20)
    let report = GateEvaluator().evaluate(gates: [], champion: Self.champion, baseline: baseline, previous: nil)
    #expect(report.results.map(\.status) == [.pass, .warn, .skipped, .skipped, .skipped])
    #expect(report.results[0].previous == 0.30)
    #expect(report.verdict == .warn)

    let noBaseline = GateEvaluator().evaluate(gates: [], champion: Self.champion, baseline: nil, previous: nil)
    #expect(noBaseline.results.allSatisfy { $0.status == .skipped } && noBaseline.verdict == .pass)

    let beaten = RegressionMetrics(count: 1000, normalizedGini: 0.70, decileMAPE: 0.5)
    let lost = GateEvaluator().evaluate(gates: [], champion: Self.champion, baseline: beaten, previous: nil)
    #expect(lost.results[0].status == .fail && lost.results[1].status == .pass)
  }

  /// The baseline as the only model is the champion: compared with itself, Gini is not strictly
  /// better (the gate would fail) and MAPE is no worse (it would pass), neither of which says
  /// anything. Both are skipped as not assessed; a previous run and explicit gates still count.
  @Test func baselineAsTheOnlyModelIsNotAssessed() throws {
    let baseline = RegressionMetrics(count: 1000, normalizedGini: 0.30, decileMAPE: 0.20)
    let compared = GateEvaluator().evaluate(gates: [], champion: baseline, baseline: baseline, previous: nil)
    #expect(compared.results[0].status == .fail, "compared with itself, the default gate fails")
    let report = GateEvaluator().evaluate(
      gates: [], champion: baseline, baseline: baseline, previous: nil, baselineIsOnlyModel: true)
    #expect(report.results.map(\.status) == [.notAssessed, .notAssessed, .skipped, .skipped, .skipped])
    #expect(!report.anyEvaluated && report.verdict == .pass, "the verdict alone would pass: Assessment catches it")
    #expect(report.results[0].expression == "norm_gini better than naive baseline")
    #expect(report.results[1].expression == "decile_mape no worse than naive baseline")
    #expect(report.results[0].message.hasPrefix("Not assessed: the naive baseline is the only model"))
    #expect(report.results[0].actual == 0.30 && report.results[0].threshold == nil)

    let previous = RegressionMetrics(count: 1000, normalizedGini: 0.40, decileMAPE: 0.20)
    let withPrevious = GateEvaluator().evaluate(
      gates: [], champion: baseline, baseline: baseline, previous: previous, baselineIsOnlyModel: true)
    // 0.30 < 0.40 − 10%·0.40: the regression check on Gini fails.
    #expect(withPrevious.results.map(\.status) == [.notAssessed, .notAssessed, .fail, .pass, .skipped])

    let explicit = GateEvaluator().evaluate(
      gates: [try GateSpec.parse("norm_gini>=0.25")], champion: baseline, baseline: baseline, previous: nil,
      baselineIsOnlyModel: true)
    #expect(explicit.results.map(\.status) == [.pass, .skipped] && explicit.verdict == .pass && explicit.anyEvaluated)
  }

  @Test func defaultsWithPreviousRun() throws {
    // Gini: previous 0.75 → limit 0.75 − 0.075 = 0.675 > 0.65 → fail.
    // MAPE: previous 0.28 → limit 0.308 ≥ 0.30 → pass.
    // Top-decile capture: previous 0.40 → limit 0.36 > 0.35 → warn.
    let previous = RegressionMetrics(count: 900, normalizedGini: 0.75, topDecileCapture: 0.40, decileMAPE: 0.28)
    let report = GateEvaluator().evaluate(gates: [], champion: Self.champion, baseline: nil, previous: previous)
    let regression = Array(report.results.suffix(3))
    #expect(regression.map(\.metric) == [.normGini, .decileMAPE, .topDecileCapture])
    #expect(regression.map(\.status) == [.fail, .pass, .warn])
    #expect(abs(try #require(regression[0].threshold) - 0.675) < 1e-15)
    #expect(abs(try #require(regression[1].threshold) - 0.308) < 1e-15)
    #expect(report.verdict == .fail)
  }

  @Test func explicitGateRegressionIsDirectionAware() throws {
    // total_ratio: previous 1.02 → allowed distance from 1: 0.02 + 0.102 = 0.122; now 1.15 → 0.15 → fail.
    // rmse: previous 46 → limit 50.6 ≥ 50 → pass.
    let gates = try ["total_ratio>=0.8", "warn:rmse<=60"].map(GateSpec.parse)
    let previous = RegressionMetrics(count: 900, rmse: 46, totalRatio: 1.02)
    let report = GateEvaluator().evaluate(gates: gates, champion: Self.champion, baseline: nil, previous: previous)
    #expect(report.results.map(\.status) == [.pass, .pass, .fail, .pass])
    #expect(abs(try #require(report.results[2].threshold) - 0.122) < 1e-12)
    #expect(report.results[2].previous == 1.02)
  }
}
