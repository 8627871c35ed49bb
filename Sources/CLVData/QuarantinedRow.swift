/// Why a data row was set aside instead of being used. (A row without a customer id is
/// not one of these: it is its own outcome, ``IngestSummary/noCustomerIDRows``.)
package enum QuarantineReason: String, Codable, Sendable, CaseIterable, Comparable {
  /// The date field is empty or not a valid date in the expected format.
  case badDate = "bad_date"
  /// The amount field is empty, not a number, or not finite.
  case badAmount = "bad_amount"
  /// The record has more or fewer fields than the header.
  case wrongColumnCount = "wrong_column_count"
  /// A required non-id field (e.g. an event type) is empty.
  case missingValue = "missing_value"
  /// The date lies outside ``PlausibleValues/days`` (before 1900, or after today + one
  /// year): a typo year (2126) or a placeholder (9999-12-31), not a real order.
  case dateOutOfRange = "date_out_of_range"
  /// The amount is larger in size than ``PlausibleValues/maxAmount`` (1e12): no real order
  /// is, and such values overflow sums and squares downstream.
  case amountOutOfRange = "amount_out_of_range"
  /// The record holds a NUL byte (a binary file, or a broken export).
  case nulByte = "nul_byte"

  /// Orders reasons by their code, for stable output.
  package static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
}

/// One quarantined row: where it is, why, and what it looked like.
package struct QuarantinedRow: Codable, Equatable, Sendable {
  /// 1-based physical line where the record starts.
  package var line: Int
  /// The reason code.
  package var reason: QuarantineReason
  /// A human explanation, e.g. `"cannot read '2023-02-30' as a date"`.
  package var detail: String
  /// The start of the record as written (≤ 80 characters, line breaks as ⏎).
  package var excerpt: String

  /// Creates a quarantine entry.
  package init(line: Int, reason: QuarantineReason, detail: String, excerpt: String) {
    self.line = line
    self.reason = reason
    self.detail = detail
    self.excerpt = excerpt
  }
}
