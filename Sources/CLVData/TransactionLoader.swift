/// Loads a transactions CSV into a ``TransactionLog`` and an ``IngestSummary``.
///
/// Per data row (line), in this order:
/// 1. wrong number of fields → quarantined (`wrong_column_count`);
/// 2. no customer id on a line that names its date → a guest's line (counted in
///    ``IngestSummary/noCustomerIDRows``, not a bad row), and so are the continuation
///    lines of its order; a non-empty date, amount (or quantity, price) or refund that cannot be read →
///    `bad_date` / `bad_amount` (fields are trimmed of spaces first); empty fields are
///    allowed here, because a line-item export writes order-level fields on an order's
///    first line only; a date or amount (a line's value, a refund) outside
///    ``PlausibleValues`` → `date_out_of_range`, `amount_out_of_range`;
/// 3. with an order id column, an exact copy of an earlier line (same bytes: the whole
///    line, never a projection of it) is a duplicate.
///
/// The lines then become orders (``OrderAssembler``: lines sharing an order id are one
/// order; empty id/date/amount over a whole order → quarantined; status, currency and
/// placeholder-id exclusions; cancellations and refunds netted): the log has one row per
/// order, in file order of the orders' first lines. Negative rows are refunds (netted
/// downstream); zero amounts are kept (a free order is still an order: it counts for
/// frequency and recency).
///
/// At the end the load fails if more than ``FileReadSettings/maxBadRowFraction`` of the
/// rows were quarantined. Costs one pass over the bytes; memory is the mapped file plus
/// about 40 bytes per line (parsed fields, the record's location, duplicate keys) and
/// the id tables (32 bytes per slot, ≤ 4 slots per distinct customer or order).
package struct TransactionLoader: TableLoader {
  /// The columns only transactions have (amount, order id).
  package var columns: TransactionColumns
  /// How to read the file: id and date columns, date format, dialect, tolerances.
  package var settings: FileReadSettings
  /// What the rows mean: line items, status, refunds, currencies, id rules.
  package var rules = OrderRules()
  /// How the line pass is split across threads (the result is the same either way).
  var split = LinePassSplit.automatic
  /// Told how the line pass went (tests).
  var lastOutcome: (@Sendable (LinePassChunks.Outcome) -> Void)?

  package static let kind = "transactions"

  /// Creates a loader.
  package init(columns: TransactionColumns = TransactionColumns(), settings: FileReadSettings = FileReadSettings()) {
    self.columns = columns
    self.settings = settings
  }

  package func read(_ session: inout IngestSession) throws -> (log: TransactionLog, summary: IngestSummary) {
    let bytes = session.bytes
    let path = session.path
    let r = session.resolver
    let customerColumn = try session.customerColumn()
    let dateColumn = try session.column(
      named: settings.dateColumn, defaultName: TransactionColumns.defaultDate, tiers: ColumnRoles.orderDate,
      role: "date", key: "date-column")!
    let value = try LineValueColumns(columns: columns, rules: rules, session: &session, mark: settings.decimal)
    let statusColumn = try rules.statusColumn.map { try r.require($0, role: "status") }
    let refundColumn = try rules.refundColumn.map { try r.require($0, role: "refund") }
    let currencyColumn = try rules.currencyColumn.map { try r.require($0, role: "currency") }
    let orderColumn = try session.column(
      named: columns.order, defaultName: TransactionColumns.defaultOrder, tiers: ColumnRoles.order, role: "order id",
      key: "order-column", required: false)
    session.summary.columnMapping = ["customer": r.header[customerColumn], "date": r.header[dateColumn]]
    for (role, i) in value.mapping { session.summary.columnMapping[role] = r.header[i] }
    for (role, i) in [("status", statusColumn), ("refund", refundColumn), ("currency", currencyColumn)] {
      if let i { session.summary.columnMapping[role] = r.header[i] }
    }
    // Without an order id, two identical rows can be two real orders (the same
    // item bought twice on one day, as in the CDNOW log), so exact duplicates are
    // dropped only when the file has an order id column.
    if let orderColumn {
      session.summary.columnMapping["order"] = r.header[orderColumn]
    } else {
      session.summary.notes.append(
        "no order id column '\(columns.order ?? TransactionColumns.defaultOrder)': identical rows are kept as separate orders"
      )
    }
    let usedColumns = Set(
      [customerColumn, dateColumn, orderColumn, statusColumn, refundColumn, currencyColumn].compactMap { $0 }
        + value.mapping.map(\.1))
    let dates = try DateColumn(name: r.header[dateColumn], role: "date", format: settings.dateFormat)
    let refunds = refundColumn.map { NumberColumn(name: r.header[$0], role: "refund", mark: settings.decimal) }

    // Roughly 40 bytes per row in typical exports.
    let estimatedRows = max(16, bytes.count / 40)
    var pass = TransactionLinePass(
      columns: (customerColumn, dateColumn, orderColumn, statusColumn, refundColumn, currencyColumn), dates: dates,
      value: value, refunds: refunds, fileBytes: bytes, estimatedRows: estimatedRows,
      cancellationPrefix: rules.cancellationPrefix)
    let outcome = try LinePassChunks.read(&session, pass: &pass, split: split)
    lastOutcome?(outcome)
    var lines = pass.lines
    pass.lines = OrderLines()
    try pass.dates.resolve(path: path, option: session.option("date-format")) { lines.day[$0] = $1 }
    try pass.value.resolve(path: path, option: session.option("decimal")) { lines.value[$0] = $1 }
    try pass.refunds?.resolve(path: path, option: session.option("decimal")) { lines.refund[$0] = $1 }
    session.summary.dialect.dates["date"] = pass.dates.shown
    for (role, shown) in pass.value.shown { session.summary.dialect.numbers[role] = shown }
    if let refunds = pass.refunds { session.summary.dialect.numbers["refund"] = refunds.shown }
    if let several = pass.value.severalCurrencies {
      session.summary.notes.append(
        "the amount column shows several currencies (" + several.map { "'\($0)'" }.joined(separator: ", ")
          + "): amounts are added as written, without conversion")
    }
    lines.customerSpellings = pass.ids.strings
    if orderColumn != nil {
      lines.order = pass.orderKeys.orderOfLine
      lines.orderCount = pass.orderKeys.count
      lines.cancelled = pass.orderKeys.hasPrefix
      lines.orderNames = pass.orderKeys.names
    } else {
      lines.orderCount = lines.count
    }
    lines.statuses = pass.statuses.strings
    lines.currencies = pass.currencies.strings
    let duplicateFlags = orderColumn == nil ? [] : pass.duplicates.duplicateFlags()
    let continuationRecords = pass.continuationRecords
    pass = pass.emptyPass(estimatedRows: 16)  // its tables are not needed any more

    var late = [(index: Int, reason: QuarantineReason, detail: String)]()
    let assembler = OrderAssembler(rules: rules, path: path)
    let log = try assembler.assemble(
      &lines, duplicate: duplicateFlags,
      linesDistinguishable: usedColumns.count < r.header.count, summary: &session.summary
    ) { late.append((index: $0, reason: $1, detail: $2)) }
    session.quarantineLate(late, records: continuationRecords)
    try session.finish()
    return (log, session.summary)
  }
}

