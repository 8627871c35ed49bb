/// An action recommended for one segment, with the reason and the budget.
package struct RecommendedAction: Sendable, Codable, Equatable {
  /// The segment's cluster label.
  package let segment: Int
  /// The segment's name.
  package let segmentName: String
  /// Id of the playbook entry.
  package let actionID: String
  /// What to do.
  package let action: String
  /// Through which channel.
  package let channel: String
  /// The rendered why text.
  package let why: String
  /// Each condition with the segment's value, e.g. `"churn_risk = 0.62 (rule: churn_risk >= 0.5)"`.
  package let evidence: [String]
  /// Spend ceiling per customer: budget_percent / 100 × mean predicted CLV × margin.
  package let budgetPerCustomer: Double
  /// budgetPerCustomer × segment size.
  package let totalBudget: Double

  /// Creates a recommendation.
  package init(
    segment: Int, segmentName: String, actionID: String, action: String, channel: String,
    why: String, evidence: [String], budgetPerCustomer: Double, totalBudget: Double
  ) {
    self.segment = segment
    self.segmentName = segmentName
    self.actionID = actionID
    self.action = action
    self.channel = channel
    self.why = why
    self.evidence = evidence
    self.budgetPerCustomer = budgetPerCustomer
    self.totalBudget = totalBudget
  }

  enum CodingKeys: String, CodingKey {
    case segment, action, channel, why, evidence
    case segmentName = "segment_name"
    case actionID = "action_id"
    case budgetPerCustomer = "budget_per_customer"
    case totalBudget = "total_budget"
  }
}
