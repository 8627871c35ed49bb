/// What happened to one input file during loading: provenance, counts, and the
/// quarantined rows, for the report's data section and for audit.
///
/// Invariant: `dataRows == keptRows + duplicateRowsDropped + duplicateIDsDropped +
/// noCustomerIDRows + quarantinedRows + excludedRows` (blank lines are not data rows).
public struct IngestSummary: Codable, Equatable, Sendable {
  /// Which table: `"transactions"`, `"profiles"` or `"events"`.
  public var kind: String
  /// The file name (last path component).
  public var fileName: String
  /// SHA-256 of the file's bytes, lowercase hex (empty when hashing was turned off).
  public var sha256: String
  /// Size in bytes of the text as read (after gzip decompression).
  public var bytes: Int
  /// How the file was read: source, compression, encoding, delimiter, number and date formats.
  public var dialect = FileDialect()
  /// Records after the header, blank lines excluded.
  public var dataRows = 0
  /// Blank lines skipped.
  public var blankLines = 0
  /// Rows loaded into the table.
  public var keptRows = 0
  /// Exact duplicate records (byte-identical after the header) dropped.
  public var duplicateRowsDropped = 0
  /// Rows with an empty customer id — guest checkouts, anonymous events. Not bad rows: they
  /// are excluded from the models and never count against the bad-row limit.
  public var noCustomerIDRows = 0
  /// Profiles only: later rows of an id already seen (the first row is kept).
  public var duplicateIDsDropped = 0
  /// Transactions only: kept rows with a negative amount (refunds, netted downstream).
  public var refundRows = 0
  /// Transactions only: sum of the negative amounts (≤ 0).
  public var refundTotal = 0.0
  /// Transactions only: kept rows with amount exactly 0 (free orders, kept as orders).
  public var zeroAmountRows = 0
  /// Transactions only: orders kept as purchases (rows of the log with an amount ≥ 0;
  /// the lines of one order count once).
  public var orders = 0
  /// Transactions only: orders recognised as cancellations (netted, not purchases).
  public var cancelledOrders = 0
  /// Transactions only: sum of the cancellations' values (≤ 0).
  public var cancelledTotal = 0.0
  /// Transactions only: orders with an amount in the refund column (netted against them).
  public var refundedOrders = 0
  /// Orders (and their rows) left out on purpose: by status, currency, placeholder or
  /// dominant customer id; sorted by rule and value.
  public var exclusions: [Exclusion] = []
  /// The currency of the amounts, when known (from the currency column, `--currency`,
  /// the rates' target, or a preset's account currency).
  public var currency: String?
  /// Profiles and events: distinct ids that are also transaction customers (nil for the
  /// transactions themselves); the share is shown, and under 50% it is a warning.
  public var matchedCustomers: Int?
  /// The settings in effect for this file (preset, columns, rules), with their source.
  public var settings: [EffectiveSetting] = []
  /// Things the user must know because a number depends on them (a placeholder id left
  /// out, duplicates kept): shown in the CLI, the report and metrics.json.
  public var warnings: [String] = []
  /// Quarantined rows per reason code (`QuarantineReason.rawValue`).
  public var quarantineCounts: [String: Int] = [:]
  /// The first quarantined rows in file order (up to ``FileReadSettings/quarantineSampleLimit``).
  public var quarantineSamples: [QuarantinedRow] = []
  /// Earliest and latest day (days since 1970-01-01) among kept rows.
  public var firstDay: Int?
  /// See ``firstDay``.
  public var lastDay: Int?
  /// Distinct customer ids among kept rows.
  public var distinctCustomers = 0
  /// Role → header name actually used, e.g. `["date": "timestamp"]`.
  public var columnMapping: [String: String] = [:]
  /// Plain-language remarks, e.g. a date column fallback.
  public var notes: [String] = []

  /// Creates a summary for a file; counts start at zero.
  public init(kind: String, fileName: String, sha256: String, bytes: Int) {
    self.kind = kind
    self.fileName = fileName
    self.sha256 = sha256
    self.bytes = bytes
  }

  /// Rows of excluded orders (see ``exclusions``).
  public var excludedRows: Int { exclusions.reduce(0) { $0 + $1.rows } }

  /// Total quarantined rows.
  public var quarantinedRows: Int { quarantineCounts.values.reduce(0, +) }

  /// ``firstDay`` as a date.
  public var firstDate: CivilDate? { firstDay.map(CivilDate.init(day:)) }
  /// ``lastDay`` as a date.
  public var lastDate: CivilDate? { lastDay.map(CivilDate.init(day:)) }
}
