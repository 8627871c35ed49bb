/// Orders left out of the analysis on purpose, by one rule and one value: e.g. the
/// status `voided`, the currency `EUR`, the placeholder id `0`. Not bad rows: they are
/// read correctly and do not count against `--max-bad-rows`.
package struct Exclusion: Codable, Equatable, Sendable, Comparable {
  /// The rule: `status`, `currency`, `placeholder_id` or `dominant_id` (see ``Rule``).
  package var rule: String
  /// The value that was excluded, as written (first spelling seen).
  package var value: String
  /// Data rows (lines) of the excluded orders.
  package var rows: Int
  /// Excluded orders.
  package var orders: Int
  /// Sum of the excluded orders' amounts, in the file's currency (for a currency
  /// exclusion: in that currency).
  package var amount: Double

  /// The rule names.
  package enum Rule: String, Sendable, CaseIterable {
    case status
    case currency
    case placeholderID = "placeholder_id"
    case dominantID = "dominant_id"
  }

  package init(rule: String, value: String, rows: Int = 0, orders: Int = 0, amount: Double = 0) {
    self.rule = rule
    self.value = value
    self.rows = rows
    self.orders = orders
    self.amount = amount
  }

  /// Sorted by rule, then value.
  package static func < (a: Exclusion, b: Exclusion) -> Bool { (a.rule, a.value) < (b.rule, b.value) }
}
