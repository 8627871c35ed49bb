/// Why a gate expression could not be parsed; the message names the expression and
/// says what is accepted.
package enum GateParseError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The expression was empty.
  case empty
  /// No `>=`, `<=`, `>` or `<` in the expression.
  case missingOperator(expression: String)
  /// The metric name is not a ``MetricKey``.
  case unknownMetric(expression: String, metric: String)
  /// The threshold is not a finite number.
  case badThreshold(expression: String, threshold: String)
  /// The prefix before `:` is neither `fail` nor `warn`.
  case unknownSeverity(expression: String, severity: String)

  /// The known metric keys, comma-separated, for messages.
  package static var knownMetrics: String {
    MetricKey.allCases.map(\.rawValue).joined(separator: ", ")
  }

  /// What went wrong and how to write the gate instead.
  package var description: String {
    let form = "write gates as [warn:]metric>=number, e.g. norm_gini>=0.6 or warn:decile_mape<=0.25"
    switch self {
    case .empty:
      return "Empty gate expression: \(form)."
    case .missingOperator(let e):
      return "Gate '\(e)' has no comparison (>=, <=, > or <): \(form)."
    case .unknownMetric(let e, let m):
      return "Gate '\(e)' names unknown metric '\(m)'; known metrics: \(Self.knownMetrics)."
    case .badThreshold(let e, let t):
      return "Gate '\(e)' has threshold '\(t)', which is not a finite number: \(form)."
    case .unknownSeverity(let e, let s):
      return "Gate '\(e)' has severity '\(s)'; use 'warn:' or 'fail:' (the default) before the metric."
    }
  }
}
