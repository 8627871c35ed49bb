/// Which order statuses count as purchases: an include list (only these) or an exclude
/// list (all but these), compared case-insensitively after trimming. An order with an
/// empty status is kept by an exclude list and dropped by an include list (an include
/// list names what counts; an empty status is not one of them), and the report counts it
/// under the status `(empty)`.
package struct StatusFilter: Sendable, Equatable, Codable {
  /// Statuses that count (nil: every status not excluded).
  package var include: [String]?
  /// Statuses that do not count.
  package var exclude: [String]

  /// The name under which orders without a status are counted.
  package static let emptyStatus = "(empty)"

  /// Creates a filter; with neither list every order counts.
  package init(include: [String]? = nil, exclude: [String] = []) {
    self.include = include
    self.exclude = exclude
  }

  /// Whether the filter lets every status through.
  package var isOpen: Bool { include == nil && exclude.isEmpty }

  /// Whether an order with status `status` (as written; "" when empty) counts.
  package func keeps(_ status: String) -> Bool {
    let s = Self.normalised(status)
    if let include, !include.contains(where: { Self.normalised($0) == s }) { return false }
    return !exclude.contains { Self.normalised($0) == s }
  }

  /// Trimmed and lower-cased.
  static func normalised(_ s: String) -> String { s.trimmingASCIISpaces().lowercased() }

  /// The label a status is counted under: trimmed as written, or ``emptyStatus``.
  package static func label(_ status: String) -> String {
    let t = status.trimmingASCIISpaces()
    return t.isEmpty ? emptyStatus : t
  }

  /// The rule in words, e.g. `only paid, refunded` or `all but voided`.
  package var description: String {
    if let include { return "only " + include.joined(separator: ", ") }
    if exclude.isEmpty { return "all" }
    return "all but " + exclude.joined(separator: ", ")
  }
}
