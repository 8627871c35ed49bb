/// The editable action playbook: which actions apply to which segments, through which
/// channel, with what budget and why.
///
/// Stored as templates/actions.toml (decoded with TOMLKit's `TOMLDecoder`; JSON with the
/// same keys decodes too):
/// ```toml
/// margin = 0.30                 # gross margin as a fraction of revenue
/// [[action]]
/// id = "vip_retention"
/// when = ["churn_risk >= 0.5", "value_index >= 1.5"]
/// action = "Personal call and a loyalty gift"
/// channel = "phone"
/// budget_percent = 10.0         # up to 10 % of predicted CLV × margin per customer
/// why = "{segment}: churn risk {churn_risk}, worth {value_index}× the average customer."
/// ```
/// Semantics: an action applies to a segment when all its `when` conditions hold
/// (``ActionCondition``) and, if it lists `segments = ["Champions", …]`, the segment's
/// name is one of them (so name segments with ``SegmentNamer`` first); fallback
/// actions apply only when no other action does.
/// Recommendations keep the file's order. Budget per customer =
/// budget_percent / 100 × mean predicted CLV × margin (never negative).
package struct ActionCatalogue: Sendable, Codable, Equatable {
  /// Gross margin as a fraction of revenue, in (0, 1]; 1 when CLV is already profit.
  package var margin: Double
  /// The actions, in priority order.
  package var actions: [ActionRule]

  /// Creates a catalogue.
  package init(margin: Double, actions: [ActionRule]) {
    self.margin = margin
    self.actions = actions
  }

  enum CodingKeys: String, CodingKey {
    case margin
    case actions = "action"
  }

  /// Decodes a playbook; `margin` may be an integer (`1`) or a float (`0.3`).
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.margin = try ActionRule.decodeNumber(c, .margin)
    self.actions = try c.decode([ActionRule].self, forKey: .actions)
  }

  /// Checks the whole playbook against profiles with these features: margin, unique
  /// ids, budgets, every condition (syntax and metric) and every why placeholder.
  /// Call it right after loading the file to report all mistakes before any use.
  package func validate(featureNames: [String]) throws(ActionCatalogueError) {
    guard margin > 0 && margin <= 1 else { throw .invalidMargin(margin) }
    let known = SegmentProfile.metricNames(featureNames: featureNames)
    let knownSet = Set(known)
    var ids = Set<String>()
    for rule in actions {
      guard ids.insert(rule.id).inserted else { throw .duplicateActionID(rule.id) }
      guard rule.budgetPercent >= 0 && rule.budgetPercent.isFinite else {
        throw .invalidBudget(action: rule.id, percent: rule.budgetPercent)
      }
      for condition in try rule.conditions() where !knownSet.contains(condition.metric) {
        throw .unknownMetric(
          action: rule.id, condition: condition.text, metric: condition.metric, known: known)
      }
      for name in try ActionWhyTemplate.placeholders(in: rule.why, action: rule.id)
      where name != "segment" && name != "budget" && !knownSet.contains(name) {
        throw .unknownPlaceholder(action: rule.id, placeholder: name, known: known)
      }
    }
  }

  /// The actions that apply to `profile`, in catalogue order, each with its rendered
  /// why text, the evidence (each condition with the profile's value) and the budget.
  package func recommend(
    for profile: SegmentProfile
  ) throws(ActionCatalogueError)
    -> [RecommendedAction]
  {
    try validate(featureNames: profile.featureNames)
    let metrics = profile.metrics
    var matched = [RecommendedAction]()
    var fallbacks = [RecommendedAction]()
    for rule in actions {
      guard rule.admits(segmentName: profile.name) else { continue }
      let conditions = try rule.conditions()
      // validate() guarantees every metric exists, so `?? false` never decides.
      guard conditions.allSatisfy({ $0.holds(for: metrics) ?? false }) else { continue }
      let evidence = conditions.map { c in
        "\(c.metric) = \(ActionWhyTemplate.format(c.metric, metrics[c.metric] ?? .nan)) (rule: \(c.text))"
      }
      let perCustomer = max(0, rule.budgetPercent / 100 * profile.meanPredictedValue * margin)
      let why = try ActionWhyTemplate.render(
        rule.why, action: rule.id, segmentName: profile.name, budget: perCustomer,
        metrics: metrics)
      let recommendation = RecommendedAction(
        segment: profile.segment, segmentName: profile.name, actionID: rule.id,
        action: rule.action, channel: rule.channel, why: why, evidence: evidence,
        budgetPerCustomer: perCustomer, totalBudget: perCustomer * Double(profile.size))
      if rule.fallback == true {
        fallbacks.append(recommendation)
      } else {
        matched.append(recommendation)
      }
    }
    return matched.isEmpty ? fallbacks : matched
  }

  /// Recommendations for every profile, segment by segment in the given order.
  package func recommend(
    for profiles: [SegmentProfile]
  ) throws(ActionCatalogueError)
    -> [RecommendedAction]
  {
    var all = [RecommendedAction]()
    for p in profiles { all += try recommend(for: p) }
    return all
  }
}
