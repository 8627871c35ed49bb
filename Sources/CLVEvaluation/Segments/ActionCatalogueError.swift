/// What is wrong with an action playbook (templates/actions.toml), naming the action
/// and the offending text so a business user can fix the file.
package enum ActionCatalogueError: Error, Equatable, CustomStringConvertible {
  /// A condition string is empty or blank.
  case emptyCondition(action: String)
  /// A condition has no comparison operator.
  case missingOperator(action: String, condition: String)
  /// The left-hand side is not a metric name (letters, digits, `_`, starting with a letter).
  case invalidMetricName(action: String, condition: String, metric: String)
  /// The right-hand side is not a number (optionally with `%`).
  case invalidNumber(action: String, condition: String, text: String)
  /// The metric does not exist for these profiles.
  case unknownMetric(action: String, condition: String, metric: String, known: [String])
  /// A `{placeholder}` in the why text is not a known metric (or is unbalanced).
  case unknownPlaceholder(action: String, placeholder: String, known: [String])
  /// A budget percentage is negative or not finite.
  case invalidBudget(action: String, percent: Double)
  /// The margin is not in (0, 1].
  case invalidMargin(Double)
  /// Two actions share an id.
  case duplicateActionID(String)

  /// A message that says what is wrong and what to do.
  package var description: String {
    switch self {
    case .emptyCondition(let action):
      return "action '\(action)': a condition in `when` is empty; remove it or write e.g. \"churn_risk >= 0.5\""
    case .missingOperator(let action, let condition):
      return
        "action '\(action)': condition \"\(condition)\" has no comparison; use one of >=, <=, >, <, ==, != (e.g. \"value_index >= 1.5\")"
    case .invalidMetricName(let action, let condition, let metric):
      return
        "action '\(action)': condition \"\(condition)\": '\(metric)' is not a metric name; use letters, digits and _ (e.g. churn_risk)"
    case .invalidNumber(let action, let condition, let text):
      return "action '\(action)': condition \"\(condition)\": '\(text)' is not a number; write e.g. 0.5 or 50%"
    case .unknownMetric(let action, let condition, let metric, let known):
      return
        "action '\(action)': condition \"\(condition)\": unknown metric '\(metric)'; known metrics: \(known.joined(separator: ", "))"
    case .unknownPlaceholder(let action, let placeholder, let known):
      return
        "action '\(action)': why text uses unknown placeholder '{\(placeholder)}'; use {segment}, {budget} or a metric: \(known.joined(separator: ", "))"
    case .invalidBudget(let action, let percent):
      return
        "action '\(action)': budget_percent \(percent) must be a finite number ≥ 0 (percent of predicted CLV × margin)"
    case .invalidMargin(let margin):
      return
        "margin \(margin) must be in (0, 1]: the gross margin as a fraction of revenue (1 if CLV is already profit)"
    case .duplicateActionID(let id):
      return "two actions have id '\(id)'; give each action a unique id"
    }
  }
}
