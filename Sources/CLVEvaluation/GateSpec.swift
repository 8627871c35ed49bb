import Foundation

/// How a gate compares a metric with its threshold.
package enum GateComparison: String, Codable, Sendable, Equatable, CaseIterable {
  /// value ≥ threshold.
  case atLeast = ">="
  /// value ≤ threshold.
  case atMost = "<="
  /// value > threshold.
  case greaterThan = ">"
  /// value < threshold.
  case lessThan = "<"

  /// Whether `value` satisfies the comparison against `threshold`.
  package func holds(_ value: Double, _ threshold: Double) -> Bool {
    switch self {
    case .atLeast: return value >= threshold
    case .atMost: return value <= threshold
    case .greaterThan: return value > threshold
    case .lessThan: return value < threshold
    }
  }
}

/// What a failed gate does to the run.
package enum GateSeverity: String, Codable, Sendable, Equatable {
  /// The run fails (non-zero exit).
  case fail
  /// The run passes with a warning in the report.
  case warn
}

/// A quality gate on one test-split metric, e.g. `norm_gini>=0.6` or `warn:decile_mape<=0.25`.
///
/// Grammar (whitespace ignored): `[fail:|warn:] metric (>=|<=|>|<) number`, where
/// `metric` is a ``MetricKey`` raw value and `number` is finite.
package struct GateSpec: Codable, Sendable, Equatable {
  /// The gated metric.
  package var metric: MetricKey
  /// The comparison.
  package var comparison: GateComparison
  /// The threshold.
  package var threshold: Double
  /// What failing it does.
  package var severity: GateSeverity

  /// Creates a gate.
  package init(metric: MetricKey, comparison: GateComparison, threshold: Double, severity: GateSeverity = .fail) {
    precondition(threshold.isFinite, "gate threshold must be finite")
    self.metric = metric
    self.comparison = comparison
    self.threshold = threshold
    self.severity = severity
  }

  /// The canonical expression, e.g. `"warn:norm_gini>=0.65"` (no prefix for `fail`).
  package var expression: String {
    (severity == .warn ? "warn:" : "") + metric.rawValue + comparison.rawValue + "\(threshold)"
  }

  /// Parses an expression; throws a ``GateParseError`` naming it otherwise.
  package static func parse(_ text: String) throws(GateParseError) -> GateSpec {
    var body = text.filter { !$0.isWhitespace }
    guard !body.isEmpty else { throw .empty }
    var severity = GateSeverity.fail
    if let colon = body.firstIndex(of: ":") {
      let prefix = String(body[..<colon]).lowercased()
      guard let s = GateSeverity(rawValue: prefix) else {
        throw .unknownSeverity(expression: text, severity: prefix)
      }
      severity = s
      body = String(body[body.index(after: colon)...])
    }
    // Two-character operators first so ">=" is not read as ">".
    let operators: [GateComparison] = [.atLeast, .atMost, .greaterThan, .lessThan]
    guard
      let (op, range) = operators.lazy.compactMap({ op in
        body.range(of: op.rawValue).map { (op, $0) }
      }).first
    else { throw .missingOperator(expression: text) }
    let name = String(body[..<range.lowerBound])
    let number = String(body[range.upperBound...])
    guard let metric = MetricKey(rawValue: name.lowercased()) else {
      throw .unknownMetric(expression: text, metric: name)
    }
    guard let threshold = Double(number), threshold.isFinite else {
      throw .badThreshold(expression: text, threshold: number)
    }
    return GateSpec(metric: metric, comparison: op, threshold: threshold, severity: severity)
  }
}
