import CLVEvaluation
import CLVFeatures

/// Whether a run judged anything. Gates that all pass because none could be evaluated,
/// or metrics measured on nobody, are not a pass: such a run is "not assessed", with the
/// reason, in the verdict box, `metrics.json` and on stderr, and `clv report` exits with
/// its own status (the report is still written).
///
/// A run is not assessed when, checked in this order,
/// 1. no customer is known before the as-of date;
/// 2. there is no backtest (too short a history for the horizon);
/// 3. no model could be fitted on the backtest;
/// 4. the validation split is empty (no champion can be chosen on validation);
/// 5. the test split is empty;
/// 6. nobody in the test split spent anything in the label window (nothing to rank);
/// 7. no quality gate could be evaluated (every gate skipped); said apart when the naive
///    baseline is the only model, whose default gates compare it with itself.
enum Assessment {
  /// The reason nothing was judged, or nil when the gates' verdict stands.
  static func notAssessedReason(
    customersKnown: Int, timeline: Timeline, backtest: BacktestOutcome?, gates: GateReport, split: String
  ) -> String? {
    if customersKnown == 0 {
      return "no customer is known before the as-of date \(Timeline.iso(timeline.asOf))"
    }
    guard let b = backtest else {
      return "no backtest: " + (timeline.plan.infeasibleReason ?? "the backtest did not run")
    }
    guard let champion = b.champion else {
      let why = b.failures.first.map { ": \($0.name) — \($0.reason)" } ?? ""
      return "no model could be fitted on the backtest" + why
    }
    if b.dataset.indices(of: .validation).isEmpty {
      return "the validation split is empty (--split \(split)), so no champion could be chosen on validation"
    }
    let test = b.dataset.indices(of: .test)
    if test.isEmpty {
      return "the test split is empty (--split \(split)), so no metric could be measured"
    }
    if champion.test.totalActual.map({ $0 <= 0 }) ?? true {
      return "nobody in the test split spent anything between \(Timeline.iso(timeline.plan.cutoff)) and "
        + "\(Timeline.iso(timeline.asOf)), so there is no value to rank or calibrate"
    }
    if !gates.anyEvaluated {
      if b.baselineIsOnlyModel {
        let why =
          b.failures.first.map { "only the naive baseline could be fitted (\($0.name) — \($0.reason))" }
          ?? "only the naive baseline ran (--models baseline)"
        return why + ", so there is no model to compare with it: the champion-vs-baseline gates are not assessed "
          + "and no other gate could be evaluated; add a --gate (e.g. --gate \"norm_gini>=0.3\") or --previous "
          + "to judge the baseline on its own"
      }
      let why = gates.results.first.map { ": \($0.message)" } ?? " (no gates)"
      return "no quality gate could be evaluated" + why
    }
    return nil
  }
}
