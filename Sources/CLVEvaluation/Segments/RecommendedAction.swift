/// An action recommended for one segment, with the reason and the budget.
public struct RecommendedAction: Sendable, Codable, Equatable {
  /// The segment's cluster label.
  public let segment: Int
  /// The segment's name.
  public let segmentName: String
  /// Id of the playbook entry.
  public let actionID: String
  /// What to do.
  public let action: String
  /// Through which channel.
  public let channel: String
  /// The rendered why text.
  public let why: String
  /// Each condition with the segment's value, e.g. `"churn_risk = 0.62 (rule: churn_risk >= 0.5)"`.
  public let evidence: [String]
  /// Spend ceiling per customer: budget_percent / 100 × mean predicted CLV × margin.
  public let budgetPerCustomer: Double
  /// budgetPerCustomer × segment size.
  public let totalBudget: Double

  /// Creates a recommendation.
  public init(
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
