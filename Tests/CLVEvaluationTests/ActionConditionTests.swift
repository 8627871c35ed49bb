import Testing

@testable import CLVEvaluation

@Suite struct ActionConditionTests {
  @Test(arguments: [
    ("churn_risk >= 0.5", "churn_risk", ActionCondition.Comparison.greaterOrEqual, 0.5),
    ("value_index<=1.5", "value_index", .lessOrEqual, 1.5),
    ("  size > 100 ", "size", .greater, 100),
    ("recency_smd < -0.25", "recency_smd", .less, -0.25),
    ("size == 3", "size", .equal, 3),
    ("size != 3", "size", .notEqual, 3),
    ("churn_risk >= 50%", "churn_risk", .greaterOrEqual, 0.5),
    ("mean_clv > 2e3", "mean_clv", .greater, 2000),
  ])
  func parsesEveryOperatorAndNumberForm(
    text: String, metric: String, comparison: ActionCondition.Comparison, threshold: Double
  ) throws {
    let c = try ActionCondition(parsing: text, action: "a")
    #expect(c.metric == metric)
    #expect(c.comparison == comparison)
    #expect(c.threshold == threshold)
    #expect(c.text == text)
  }

  @Test func evaluatesAgainstMetrics() throws {
    let c = try ActionCondition(parsing: "churn_risk >= 0.5", action: "a")
    #expect(c.holds(for: ["churn_risk": 0.5]) == true)
    #expect(c.holds(for: ["churn_risk": 0.49]) == false)
    #expect(c.holds(for: [:]) == nil)
  }

  /// Each malformed condition raises the matching typed error, naming action and text.
  @Test(arguments: [
    ("", ActionCatalogueError.emptyCondition(action: "x")),
    ("churn_risk 0.5", .missingOperator(action: "x", condition: "churn_risk 0.5")),
    ("churn_risk = 0.5", .missingOperator(action: "x", condition: "churn_risk = 0.5")),
    ("churn risk >= 0.5", .invalidMetricName(action: "x", condition: "churn risk >= 0.5", metric: "churn risk")),
    (">= 0.5", .invalidMetricName(action: "x", condition: ">= 0.5", metric: "")),
    ("1st >= 0.5", .invalidMetricName(action: "x", condition: "1st >= 0.5", metric: "1st")),
    ("churn_risk >= high", .invalidNumber(action: "x", condition: "churn_risk >= high", text: "high")),
    ("churn_risk >=", .invalidNumber(action: "x", condition: "churn_risk >=", text: "")),
    (
      "churn_risk >= 0.5 and size > 3",
      .invalidNumber(action: "x", condition: "churn_risk >= 0.5 and size > 3", text: "0.5 and size > 3")
    ),
  ])
  func malformedConditionsThrowTypedErrors(text: String, expected: ActionCatalogueError) {
    #expect(throws: expected) { try ActionCondition(parsing: text, action: "x") }
  }

  @Test func errorMessagesNameTheConditionAndTheFix() {
    let e = ActionCatalogueError.missingOperator(action: "vip", condition: "churn_risk 0.5")
    #expect(e.description.contains("\"churn_risk 0.5\""))
    #expect(e.description.contains("vip"))
    #expect(e.description.contains(">="))
  }
}
