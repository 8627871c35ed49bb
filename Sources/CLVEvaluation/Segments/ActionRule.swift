/// One entry of the action playbook: when it applies, what to do, through which
/// channel, how much to spend, and why.
///
/// Maps 1:1 onto a `[[action]]` table of templates/actions.toml (snake_case keys).
package struct ActionRule: Sendable, Codable, Equatable {
  /// Unique id, e.g. `"vip_retention"`.
  package var id: String
  /// Conditions on the segment profile that must all hold (see ``ActionCondition``);
  /// empty (or missing in the file) means "always".
  package var when: [String]
  /// What to do, in the marketing team's words.
  package var action: String
  /// Channel, e.g. `"email"`, `"phone"`, `"paid social"`.
  package var channel: String
  /// Spend up to this percent of predicted CLV × margin per customer (0 = no spend).
  package var budgetPercent: Double
  /// Why-text template; `{metric}`, `{segment}` and `{budget}` are filled in (see
  /// ``ActionCatalogue``).
  package var why: String
  /// Segment names the action is limited to (a name also matches its de-duplicated
  /// form, e.g. "Loyal" matches "Loyal (2)"); nil or empty means any segment.
  package var segments: [String]?
  /// A fallback applies only to segments no other (non-fallback) action matched.
  package var fallback: Bool?

  /// Creates a rule.
  package init(
    id: String, when: [String], action: String, channel: String, budgetPercent: Double,
    why: String, segments: [String]? = nil, fallback: Bool? = nil
  ) {
    self.id = id
    self.when = when
    self.action = action
    self.channel = channel
    self.budgetPercent = budgetPercent
    self.why = why
    self.segments = segments
    self.fallback = fallback
  }

  enum CodingKeys: String, CodingKey {
    case id, when, action, channel, why, segments, fallback
    case budgetPercent = "budget_percent"
  }

  /// Decodes an entry; `budget_percent` may be written as an integer (`15`) or a
  /// float (`15.0`): TOMLKit does not turn TOML integers into `Double` by itself.
  package init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    self.id = try c.decode(String.self, forKey: .id)
    self.when = try c.decodeIfPresent([String].self, forKey: .when) ?? []
    self.action = try c.decode(String.self, forKey: .action)
    self.channel = try c.decode(String.self, forKey: .channel)
    self.budgetPercent = try Self.decodeNumber(c, .budgetPercent)
    self.why = try c.decode(String.self, forKey: .why)
    self.segments = try c.decodeIfPresent([String].self, forKey: .segments)
    self.fallback = try c.decodeIfPresent(Bool.self, forKey: .fallback)
  }

  /// A number that may be stored as a floating-point value or as an integer.
  static func decodeNumber<Key: CodingKey>(
    _ c: KeyedDecodingContainer<Key>, _ key: Key
  ) throws -> Double {
    if let value = try? c.decode(Double.self, forKey: key) { return value }
    return Double(try c.decode(Int.self, forKey: key))
  }

  /// Whether the action is open to a segment called `name` (see ``segments``).
  package func admits(segmentName name: String) -> Bool {
    guard let segments, !segments.isEmpty else { return true }
    return segments.contains { name == $0 || name.hasPrefix($0 + " (") }
  }

  /// The parsed conditions, or the first parse error.
  package func conditions() throws(ActionCatalogueError) -> [ActionCondition] {
    var parsed = [ActionCondition]()
    for text in when { parsed.append(try ActionCondition(parsing: text, action: id)) }
    return parsed
  }
}
