/// Outcome of one gate.
package enum GateStatus: String, Codable, Sendable, Equatable {
  /// The condition holds.
  case pass
  /// A `warn` gate did not hold.
  case warn
  /// A `fail` gate did not hold (or its metric is undefined).
  case fail
  /// Not checked: no previous run, no baseline, or the comparison value is undefined.
  case skipped
  /// Not checked because the check would mean nothing: the champion-vs-baseline gates when
  /// the baseline is the only model (it would be compared with itself). Never a pass.
  case notAssessed = "not_assessed"
}

/// One evaluated gate, ready for the report's gate table.
package struct GateResult: Codable, Sendable, Equatable {
  /// What was checked, e.g. `"norm_gini>=0.6"` or `"norm_gini not >10% worse than previous"`.
  package var expression: String
  /// The gated metric.
  package var metric: MetricKey
  /// The bound the value was held to (for `total_ratio` regression checks: the
  /// allowed distance from 1); `nil` when skipped for lack of one.
  package var threshold: Double?
  /// The champion's test value; `nil` when undefined.
  package var actual: Double?
  /// The previous run's (or baseline's) value, when the gate compares with one.
  package var previous: Double?
  /// The outcome.
  package var status: GateStatus
  /// One sentence for the report.
  package var message: String

  /// Creates a result.
  package init(
    expression: String, metric: MetricKey, threshold: Double?, actual: Double?, previous: Double?,
    status: GateStatus, message: String
  ) {
    self.expression = expression
    self.metric = metric
    self.threshold = threshold
    self.actual = actual
    self.previous = previous
    self.status = status
    self.message = message
  }
}

/// Every gate result and the overall verdict.
package struct GateReport: Codable, Sendable, Equatable {
  /// Results in evaluation order.
  package var results: [GateResult]

  /// Creates a report.
  package init(results: [GateResult]) {
    self.results = results
  }

  /// `fail` if any gate failed, else `warn` if any warned, else `pass` (skipped and not
  /// assessed gates do not count; no gates at all is a pass).
  /// Whether any gate was evaluated (passed, warned or failed).
  package var anyEvaluated: Bool { results.contains { $0.status != .skipped && $0.status != .notAssessed } }

  package var verdict: GateStatus {
    if results.contains(where: { $0.status == .fail }) { return .fail }
    if results.contains(where: { $0.status == .warn }) { return .warn }
    return .pass
  }
}
