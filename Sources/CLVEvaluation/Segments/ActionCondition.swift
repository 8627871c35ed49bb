/// One comparison of the playbook's condition language, e.g. `churn_risk >= 0.5`.
///
/// Grammar (whitespace around tokens is ignored):
/// `condition := metric operator number`, `metric := letter (letter | digit | _)*`,
/// `operator := >= | <= | > | < | == | !=`, `number :=` a decimal such as `1.5`, `-0.2`
/// or `2e3`, optionally followed by `%` (divides by 100: `50%` = 0.5). Metrics are those
/// of ``SegmentProfile/metrics``. An entry's conditions must all hold (logical AND).
/// Comparisons are exact on doubles (`==` is meant for counts such as `size`).
package struct ActionCondition: Sendable, Equatable {
  /// Comparison operators.
  package enum Comparison: String, Sendable, CaseIterable {
    case greaterOrEqual = ">="
    case lessOrEqual = "<="
    case notEqual = "!="
    case equal = "=="
    case greater = ">"
    case less = "<"

    /// Whether `lhs op rhs` holds.
    package func holds(_ lhs: Double, _ rhs: Double) -> Bool {
      switch self {
      case .greaterOrEqual: lhs >= rhs
      case .lessOrEqual: lhs <= rhs
      case .notEqual: lhs != rhs
      case .equal: lhs == rhs
      case .greater: lhs > rhs
      case .less: lhs < rhs
      }
    }
  }

  /// The metric name on the left.
  package let metric: String
  /// The operator.
  package let comparison: Comparison
  /// The threshold on the right (after `%` scaling).
  package let threshold: Double
  /// The condition as written.
  package let text: String

  /// Parses `text`; `action` names the playbook entry in errors.
  package init(parsing text: String, action: String) throws(ActionCatalogueError) {
    let trimmed = Self.trimmed(text)
    guard !trimmed.isEmpty else { throw .emptyCondition(action: action) }
    // Two-character operators are listed first in `allCases`, so ">=" wins over ">".
    var found: (Comparison, Range<String.Index>)?
    for op in Comparison.allCases {
      guard let r = trimmed.range(of: op.rawValue) else { continue }
      if found.map({ r.lowerBound < $0.1.lowerBound }) ?? true { found = (op, r) }
    }
    guard let (comparison, range) = found else {
      throw .missingOperator(action: action, condition: text)
    }
    let metric = Self.trimmed(String(trimmed[..<range.lowerBound]))
    var number = Self.trimmed(String(trimmed[range.upperBound...]))
    guard let first = metric.first, first.isASCII, first.isLetter,
      metric.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
    else { throw .invalidMetricName(action: action, condition: text, metric: metric) }
    var scale = 1.0
    if number.hasSuffix("%") {
      number.removeLast()
      number = Self.trimmed(number)
      scale = 0.01
    }
    guard let value = Double(number), value.isFinite else {
      throw .invalidNumber(action: action, condition: text, text: number)
    }
    self.metric = metric
    self.comparison = comparison
    self.threshold = value * scale
    self.text = text
  }

  /// Whether the condition holds for `metrics`; nil when the metric is missing.
  package func holds(for metrics: [String: Double]) -> Bool? {
    metrics[metric].map { comparison.holds($0, threshold) }
  }

  /// `s` without leading and trailing spaces, tabs and newlines.
  static func trimmed(_ s: String) -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }
    guard let start = s.firstIndex(where: { !isSpace($0) }),
      let end = s.lastIndex(where: { !isSpace($0) })
    else { return "" }
    return String(s[start...end])
  }
}
