import Foundation
import Testing

@testable import CLVEvaluation

@Suite struct ActionCatalogueTests {
  typealias P = SegmentTestProfiles

  /// A small playbook in the JSON form of templates/actions.toml (same keys).
  static let json = """
    {
      "margin": 0.3,
      "action": [
        {"id": "vip_retention", "when": ["churn_risk >= 0.5", "value_index >= 1.5"],
         "action": "Call them", "channel": "phone", "budget_percent": 10.0,
         "why": "{segment}: churn risk {churn_risk}, worth {value_index}× average, {size} customers, up to {budget} each."},
        {"id": "winback", "when": ["churn_risk >= 50%", "value_index < 1.5"],
         "action": "Win-back email", "channel": "email", "budget_percent": 5.0, "why": "{segment} lapsing"},
        {"id": "champions_referral", "segments": ["Champions"], "when": [],
         "action": "Referral ask", "channel": "email", "budget_percent": 2.0, "why": "{segment} {{VIP}}"},
        {"id": "newsletter", "fallback": true, "when": [],
         "action": "Newsletter", "channel": "email", "budget_percent": 0.0, "why": "nothing else for {segment}"}
      ]
    }
    """

  static func catalogue() throws -> ActionCatalogue {
    try JSONDecoder().decode(ActionCatalogue.self, from: Data(json.utf8))
  }

  @Test func decodesSnakeCaseJSON() throws {
    let c = try Self.catalogue()
    #expect(c.margin == 0.3)
    #expect(c.actions.map(\.id) == ["vip_retention", "winback", "champions_referral", "newsletter"])
    #expect(c.actions[0].budgetPercent == 10)
    #expect(c.actions[2].segments == ["Champions"])
    #expect(c.actions[3].fallback == true && c.actions[0].fallback == nil)
    try c.validate(featureNames: ["tenure", "frequency", "recency"])
  }

  /// High churn, high value: the retention action applies, with the rendered why text,
  /// the evidence and the budget 10 % × mean CLV 300 × margin 0.3 = 9 per customer.
  @Test func highChurnHighValueGetsRetention() throws {
    let p = P.make(
      segment: 2, name: "At risk — high value", size: 40, valueIndex: 2.25, churnRisk: 0.62,
      meanCLV: 300)
    let recs = try Self.catalogue().recommend(for: p)
    #expect(recs.map(\.actionID) == ["vip_retention"])
    let r = recs[0]
    #expect(r.segment == 2 && r.segmentName == "At risk — high value")
    #expect(
      r.why == "At risk — high value: churn risk 62%, worth 2.25× average, 40 customers, up to 9.00 each.")
    #expect(
      r.evidence == [
        "churn_risk = 62% (rule: churn_risk >= 0.5)", "value_index = 2.25 (rule: value_index >= 1.5)",
      ])
    #expect(abs(r.budgetPerCustomer - 9) < 1e-12)
    #expect(abs(r.totalBudget - 360) < 1e-10)
    #expect(r.action == "Call them" && r.channel == "phone")
  }

  @Test func percentThresholdAndSegmentLimits() throws {
    let c = try Self.catalogue()
    let lapsing = P.make(segment: 0, name: "Hibernating", valueIndex: 0.5, churnRisk: 0.5)
    #expect(try c.recommend(for: lapsing).map(\.actionID) == ["winback"])
    let champions = P.make(segment: 1, name: "Champions (2)", valueIndex: 2, churnRisk: 0.1)
    let recs = try c.recommend(for: champions)
    #expect(recs.map(\.actionID) == ["champions_referral"])
    #expect(recs[0].why == "Champions (2) {VIP}")
  }

  @Test func fallbackOnlyWhenNothingElseMatches() throws {
    let p = P.make(segment: 3, name: "Occasional", valueIndex: 0.5, churnRisk: 0.1)
    let recs = try Self.catalogue().recommend(for: p)
    #expect(recs.map(\.actionID) == ["newsletter"])
    #expect(recs[0].why == "nothing else for Occasional")
    #expect(recs[0].budgetPerCustomer == 0)
  }

  @Test func validationErrorsNameTheProblem() throws {
    var c = try Self.catalogue()
    c.actions[1].when = ["value_idx >= 1"]
    #expect(throws: ActionCatalogueError.self) { try c.validate(featureNames: []) }
    do {
      try c.validate(featureNames: [])
    } catch {
      guard case .unknownMetric(let action, let condition, let metric, let known) = error else {
        Issue.record("wrong error \(error)")
        return
      }
      #expect(action == "winback" && condition == "value_idx >= 1" && metric == "value_idx")
      #expect(known.contains("value_index"))
    }

    var badWhy = try Self.catalogue()
    badWhy.actions[0].why = "risk {churn}"
    #expect(
      throws: ActionCatalogueError.unknownPlaceholder(
        action: "vip_retention", placeholder: "churn",
        known: SegmentProfile.metricNames(featureNames: []))
    ) { try badWhy.validate(featureNames: []) }

    var duplicate = try Self.catalogue()
    duplicate.actions[1].id = "vip_retention"
    #expect(throws: ActionCatalogueError.duplicateActionID("vip_retention")) {
      try duplicate.validate(featureNames: [])
    }

    var margin = try Self.catalogue()
    margin.margin = 0
    #expect(throws: ActionCatalogueError.invalidMargin(0)) { try margin.validate(featureNames: []) }

    var budget = try Self.catalogue()
    budget.actions[0].budgetPercent = -1
    #expect(throws: ActionCatalogueError.invalidBudget(action: "vip_retention", percent: -1)) {
      try budget.validate(featureNames: [])
    }

    var unclosed = try Self.catalogue()
    unclosed.actions[0].why = "risk {churn_risk"
    #expect(throws: ActionCatalogueError.self) { try unclosed.validate(featureNames: []) }
  }

  /// Integer numbers and a missing `when` decode (TOML users write `margin = 1`).
  @Test func lenientNumbersAndOptionalWhen() throws {
    let json =
      #"{"margin": 1, "action": [{"id": "a", "action": "x", "channel": "c", "budget_percent": 10, "why": "w"}]}"#
    let c = try JSONDecoder().decode(ActionCatalogue.self, from: Data(json.utf8))
    #expect(c.margin == 1 && c.actions[0].budgetPercent == 10 && c.actions[0].when.isEmpty)
    let p = P.make(segment: 0, valueIndex: 1, churnRisk: 0.1, meanCLV: 50)
    #expect(try c.recommend(for: p).first?.budgetPerCustomer == 5)
  }

  @Test func recommendationRoundTripsThroughJSON() throws {
    let p = P.make(segment: 2, valueIndex: 2.25, churnRisk: 0.62, meanCLV: 300)
    let recs = try Self.catalogue().recommend(for: [p, p])
    #expect(recs.count == 2)
    let data = try JSONEncoder().encode(recs)
    #expect(try JSONDecoder().decode([RecommendedAction].self, from: data) == recs)
    #expect(String(decoding: data, as: UTF8.self).contains("\"budget_per_customer\""))
  }
}
