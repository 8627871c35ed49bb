/// What happened to one input file during loading: provenance, counts, and the
/// quarantined rows, for the report's data section and for audit.
///
/// Invariant: `dataRows == keptRows + duplicateRowsDropped + duplicateIDsDropped +
/// noCustomerIDRows + quarantinedRows + excludedRows` (blank lines are not data rows).
package struct IngestSummary: Codable, Equatable, Sendable {
  /// Which table: `"transactions"`, `"profiles"` or `"events"`.
  package var kind: String
  /// The file name (last path component).
  package var fileName: String
  /// SHA-256 of the file's bytes, lowercase hex (empty when hashing was turned off).
  package var sha256: String
  /// Size in bytes of the text as read (after gzip decompression).
  package var bytes: Int
  /// How the file was read: source, compression, encoding, delimiter, number and date formats.
  package var dialect = FileDialect()
  /// Records after the header, blank lines excluded.
  package var dataRows = 0
  /// Blank lines skipped.
  package var blankLines = 0
  /// Rows loaded into the table.
  package var keptRows = 0
  /// Exact duplicate records (byte-identical after the header) dropped.
  package var duplicateRowsDropped = 0
  /// Rows with an empty customer id — guest checkouts, anonymous events. Not bad rows: they
  /// are excluded from the models and never count against the bad-row limit.
  package var noCustomerIDRows = 0
  /// Profiles only: later rows of an id already seen (the first row is kept).
  package var duplicateIDsDropped = 0
  /// Transactions only: kept rows with a negative amount (refunds, netted downstream).
  package var refundRows = 0
  /// Transactions only: sum of the negative amounts (≤ 0).
  package var refundTotal = 0.0
  /// Transactions only: kept rows with amount exactly 0 (free orders, kept as orders).
  package var zeroAmountRows = 0
  /// Transactions only: orders kept as purchases (rows of the log with an amount ≥ 0;
  /// the lines of one order count once).
  package var orders = 0
  /// Transactions only: orders recognised as cancellations (netted, not purchases).
  package var cancelledOrders = 0
  /// Transactions only: sum of the cancellations' values (≤ 0).
  package var cancelledTotal = 0.0
  /// Transactions only: orders with an amount in the refund column (netted against them).
  package var refundedOrders = 0
  /// Orders (and their rows) left out on purpose: by status, currency, placeholder or
  /// dominant customer id; sorted by rule and value.
  package var exclusions: [Exclusion] = []
  /// The currency of the amounts, when known (from the currency column, `--currency`,
  /// the rates' target, or a preset's account currency).
  package var currency: String?
  /// Profiles and events: distinct ids that are also transaction customers (nil for the
  /// transactions themselves); the share is shown, and under 50% it is a warning.
  package var matchedCustomers: Int?
  /// The settings in effect for this file (preset, columns, rules), with their source.
  package var settings: [EffectiveSetting] = []
  /// Things the user must know because a number depends on them (a placeholder id left
  /// out, duplicates kept): shown in the CLI, the report and metrics.json.
  package var warnings: [String] = []
  /// Quarantined rows per reason code (`QuarantineReason.rawValue`).
  package var quarantineCounts: [String: Int] = [:]
  /// The first quarantined rows in file order (up to ``FileReadSettings/quarantineSampleLimit``).
  package var quarantineSamples: [QuarantinedRow] = []
  /// Earliest and latest day (days since 1970-01-01) among kept rows.
  package var firstDay: Int?
  /// See ``firstDay``.
  package var lastDay: Int?
  /// Distinct customer ids among kept rows.
  package var distinctCustomers = 0
  /// Role → header name actually used, e.g. `["date": "timestamp"]`.
  package var columnMapping: [String: String] = [:]
  /// Plain-language remarks, e.g. a date column fallback.
  package var notes: [String] = []

  /// Creates a summary for a file; counts start at zero.
  package init(kind: String, fileName: String, sha256: String, bytes: Int) {
    self.kind = kind
    self.fileName = fileName
    self.sha256 = sha256
    self.bytes = bytes
  }

  /// Rows of excluded orders (see ``exclusions``).
  package var excludedRows: Int { exclusions.reduce(0) { $0 + $1.rows } }

  /// Total quarantined rows.
  package var quarantinedRows: Int { quarantineCounts.values.reduce(0, +) }

  /// ``firstDay`` as a date.
  package var firstDate: CivilDate? { firstDay.map(CivilDate.init(day:)) }
  /// ``lastDay`` as a date.
  package var lastDate: CivilDate? { lastDay.map(CivilDate.init(day:)) }
}
