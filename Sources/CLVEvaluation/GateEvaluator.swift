import Foundation

/// Evaluates quality gates against the champion's test metrics (hyperparameters).
///
/// Explicit gates: each ``GateSpec`` is checked as written; with a previous run, each
/// gated metric also gets a regression check (below) at the strictest severity of its gates.
///
/// Built-in defaults (when no gates are set):
/// - (a) vs the naive baseline: the champion's normalized Gini must be strictly higher
///   (`fail`) — ranking is what the report is used for; its decile MAPE must not be
///   higher (`warn`) — a naive average can be well calibrated on totals, so losing on
///   calibration is worth a look but not a broken run. Skipped without a baseline, and not
///   assessed when the baseline is the only model of the run (`--models baseline`, or every
///   other model failed): the champion is then the baseline itself, and a model compared
///   with itself neither beats it nor fails to.
/// - (b) with a previous run: regression checks on ``MetricKey/headline``: `norm_gini`
///   at `fail`, `decile_mape` and `top_decile_capture` at `warn`.
///
/// Regression check with tolerance t (default 0.10), old value o, new value v:
/// higher-is-better fails when v < o − t·|o|; lower-is-better when v > o + t·|o|;
/// closer-to-one when |v − 1| > |o − 1| + t·|o|. Skipped when o is undefined.
///
/// An undefined champion metric never passes: a gate on it takes its severity.
package struct GateEvaluator: Sendable {
  /// Allowed relative worsening against the previous run.
  package var regressionTolerance: Double

  /// Creates the evaluator.
  package init(regressionTolerance: Double = 0.10) {
    precondition(regressionTolerance >= 0, "tolerance must be non-negative")
    self.regressionTolerance = regressionTolerance
  }

  /// Evaluates `gates` (or the defaults when empty) on the champion's test metrics.
  ///
  /// - Parameters:
  ///   - champion: the champion's metrics on the test split.
  ///   - baseline: the naive baseline's test metrics (used by the default gates only).
  ///   - previous: the previous run's champion test metrics, if there was a run.
  ///   - baselineIsOnlyModel: the baseline is the only model fitted, so it is the champion
  ///     and the baseline gates are not assessed.
  package func evaluate(
    gates: [GateSpec], champion: RegressionMetrics, baseline: RegressionMetrics?,
    previous: RegressionMetrics?, baselineIsOnlyModel: Bool = false
  ) -> GateReport {
    var results = [GateResult]()
    if gates.isEmpty {
      for (metric, severity) in [(MetricKey.normGini, GateSeverity.fail), (.decileMAPE, .warn)] {
        results.append(
          baselineIsOnlyModel
            ? onlyBaseline(metric, champion) : baselineCheck(metric, severity, champion, baseline))
      }
      let defaults: [(MetricKey, GateSeverity)] = [
        (.normGini, .fail), (.decileMAPE, .warn), (.topDecileCapture, .warn),
      ]
      for (metric, severity) in defaults {
        results.append(regressionCheck(metric, severity, champion, previous))
      }
      return GateReport(results: results)
    }
    for gate in gates { results.append(thresholdCheck(gate, champion)) }
    var seen = [MetricKey]()
    for gate in gates where !seen.contains(gate.metric) {
      seen.append(gate.metric)
      let strictest: GateSeverity =
        gates.contains { $0.metric == gate.metric && $0.severity == .fail } ? .fail : .warn
      results.append(regressionCheck(gate.metric, strictest, champion, previous))
    }
    return GateReport(results: results)
  }

  /// One explicit gate.
  func thresholdCheck(_ gate: GateSpec, _ champion: RegressionMetrics) -> GateResult {
    let value = champion.value(of: gate.metric)
    let expr = gate.expression
    guard let value else {
      return GateResult(
        expression: expr, metric: gate.metric, threshold: gate.threshold, actual: nil, previous: nil,
        status: failing(gate.severity),
        message: "\(gate.metric.rawValue) is undefined on the test split, so '\(expr)' cannot hold.")
    }
    let ok = gate.comparison.holds(value, gate.threshold)
    return GateResult(
      expression: expr, metric: gate.metric, threshold: gate.threshold, actual: value, previous: nil,
      status: ok ? .pass : failing(gate.severity),
      message: "\(gate.metric.rawValue) = \(f(value)) \(ok ? "satisfies" : "violates") "
        + "\(gate.comparison.rawValue) \(f(gate.threshold)).")
  }

  /// The name of default gate (a) on `metric`, e.g. `"norm_gini better than naive baseline"`.
  func baselineExpression(_ metric: MetricKey) -> String {
    "\(metric.rawValue) \(metric.direction == .higherIsBetter ? "better than" : "no worse than") naive baseline"
  }

  /// Default gate (a) when the baseline is the only model: skipped, saying why.
  func onlyBaseline(_ metric: MetricKey, _ champion: RegressionMetrics) -> GateResult {
    GateResult(
      expression: baselineExpression(metric), metric: metric, threshold: nil, actual: champion.value(of: metric),
      previous: nil, status: .notAssessed,
      message: "Not assessed: the naive baseline is the only model of this run, so there is no model to compare "
        + "with it.")
  }

  /// Default gate (a): the champion against the naive baseline.
  func baselineCheck(
    _ metric: MetricKey, _ severity: GateSeverity, _ champion: RegressionMetrics, _ baseline: RegressionMetrics?
  ) -> GateResult {
    let strict = metric.direction == .higherIsBetter
    let expr = baselineExpression(metric)
    let value = champion.value(of: metric)
    guard let reference = baseline?.value(of: metric) else {
      return GateResult(
        expression: expr, metric: metric, threshold: nil, actual: value, previous: nil,
        status: .skipped, message: "No naive baseline value of \(metric.rawValue) to compare with.")
    }
    guard let value else {
      return GateResult(
        expression: expr, metric: metric, threshold: reference, actual: nil, previous: reference,
        status: failing(severity), message: "\(metric.rawValue) is undefined for the champion.")
    }
    let ok = strict ? metric.isBetter(value, than: reference) : !metric.isBetter(reference, than: value)
    return GateResult(
      expression: expr, metric: metric, threshold: reference, actual: value, previous: reference,
      status: ok ? .pass : failing(severity),
      message: "Champion \(metric.rawValue) \(f(value)) vs naive baseline \(f(reference))"
        + (ok ? "." : ": the model does not beat the naive baseline."))
  }

  /// Default gate (b) / per-gated-metric check: no more than the tolerance worse than before.
  func regressionCheck(
    _ metric: MetricKey, _ severity: GateSeverity, _ champion: RegressionMetrics, _ previous: RegressionMetrics?
  ) -> GateResult {
    let pct = String(format: "%g", regressionTolerance * 100)
    let expr = "\(metric.rawValue) not >\(pct)% worse than previous run"
    let value = champion.value(of: metric)
    guard let old = previous?.value(of: metric) else {
      return GateResult(
        expression: expr, metric: metric, threshold: nil, actual: value, previous: nil, status: .skipped,
        message: previous == nil ? "No previous run." : "\(metric.rawValue) was undefined in the previous run.")
    }
    let slack = regressionTolerance * abs(old)
    let limit: Double
    let ok: Bool?
    switch metric.direction {
    case .higherIsBetter:
      limit = old - slack
      ok = value.map { $0 >= limit }
    case .lowerIsBetter:
      limit = old + slack
      ok = value.map { $0 <= limit }
    case .closerToOneIsBetter:
      limit = abs(old - 1) + slack
      ok = value.map { abs($0 - 1) <= limit }
    }
    guard let ok, let value else {
      return GateResult(
        expression: expr, metric: metric, threshold: limit, actual: nil, previous: old,
        status: failing(severity), message: "\(metric.rawValue) is undefined now (previous \(f(old))).")
    }
    return GateResult(
      expression: expr, metric: metric, threshold: limit, actual: value, previous: old,
      status: ok ? .pass : failing(severity),
      message: "\(metric.rawValue) \(f(value)) vs previous \(f(old))"
        + (ok ? " (within \(pct)%)." : ": more than \(pct)% worse."))
  }

  private func failing(_ severity: GateSeverity) -> GateStatus {
    severity == .fail ? .fail : .warn
  }
}

/// Four significant decimals for messages.
private func f(_ x: Double) -> String { String(format: "%.4g", x) }
