/// Loads a transactions CSV into a ``TransactionLog`` and an ``IngestSummary``.
///
/// Per data row, in this order:
/// 1. wrong number of fields → quarantined (`wrong_column_count`);
/// 2. empty customer id → not a bad row: counted as having no customer id (a guest
///    order), excluded; unreadable date → `bad_date`; unreadable amount → `bad_amount`
///    (fields are trimmed of spaces first; dates and numbers are read in the notation
///    detected for their column, see ``DateColumn`` and ``NumberColumn``); a date or
///    amount outside ``PlausibleValues`` → `date_out_of_range`, `amount_out_of_range`;
/// 3. an exact copy of an earlier *valid* record (same bytes) → dropped and counted
///    (a repeated bad row is quarantined each time, so each of its lines is listed);
/// 4. otherwise kept, in file order. Negative amounts are refunds (kept, counted and
///    totalled); zero amounts are kept (a free order is still an order: it counts for
///    frequency and recency).
///
/// At the end the load fails if more than ``FileReadSettings/maxBadRowFraction`` of the
/// rows were quarantined. Costs one pass over the bytes; memory is the mapped file plus
/// the output arrays (16 bytes per row), the duplicate keys (≈ 40 bytes per row while
/// sorting) and the id table (32 bytes per slot, ≤ 4 slots per distinct customer).
public struct TransactionLoader: TableLoader {
  /// The columns only transactions have (amount, order id).
  public var columns: TransactionColumns
  /// How to read the file: id and date columns, date format, dialect, tolerances.
  package var settings: FileReadSettings

  package static let kind = "transactions"

  /// Creates a loader.
  package init(columns: TransactionColumns = TransactionColumns(), settings: FileReadSettings = FileReadSettings()) {
    self.columns = columns
    self.settings = settings
  }

  package func read(_ session: inout IngestSession) throws -> (log: TransactionLog, summary: IngestSummary) {
    let r = session.resolver
    let customerColumn = try session.customerColumn()
    let dateColumn = try session.column(
      named: settings.dateColumn, defaultName: TransactionColumns.defaultDate, tiers: ColumnRoles.orderDate,
      role: "date", key: "date-column")!
    let amountColumn = try session.column(
      named: columns.amount, defaultName: TransactionColumns.defaultAmount, tiers: ColumnRoles.amount, role: "amount",
      key: "amount-column")!
    let orderColumn = try session.column(
      named: columns.order, defaultName: TransactionColumns.defaultOrder, tiers: ColumnRoles.order, role: "order id",
      key: "order-column", required: false)
    session.summary.columnMapping = [
      "customer": r.header[customerColumn], "date": r.header[dateColumn], "amount": r.header[amountColumn],
    ]
    // Without an order id, two identical rows can be two real orders (the same
    // item bought twice on one day, as in the CDNOW log), so exact duplicates are
    // dropped only when the file has an order id column.
    let dropsDuplicates = orderColumn != nil
    if let orderColumn {
      session.summary.columnMapping["order"] = r.header[orderColumn]
    } else {
      session.summary.notes.append(
        "no order id column '\(columns.order ?? TransactionColumns.defaultOrder)': identical rows are kept as separate orders")
    }

    var dates = try DateColumn(name: r.header[dateColumn], role: "date", format: settings.dateFormat)
    var amounts = NumberColumn(name: r.header[amountColumn], role: "amount", mark: settings.decimal)
    // Roughly 40 bytes per row in typical exports.
    let estimatedRows = max(16, session.bytes.count / 40)
    var customers = CustomerColumnBuilder(fileBytes: session.bytes, estimatedRows: estimatedRows, rowsPerCustomer: 8)
    var day: [Int32] = []
    var amount: [Double] = []
    day.reserveCapacity(estimatedRows)
    amount.reserveCapacity(estimatedRows)
    var duplicates = DuplicateDetector(capacity: dropsDuplicates ? estimatedRows : 0)

    while try session.nextRecord() {
      guard session.hasHeaderWidth(), let id = session.customerID(customerColumn),
        let d = session.day(dateColumn, &dates), let a = session.number(amountColumn, &amounts)
      else { continue }
      if !a.deferred, let problem = PlausibleValues.problem(amount: a.value) {
        session.quarantine(.amountOutOfRange, problem)
        continue
      }
      let record = session.record
      if d.deferred { dates.deferValue(record.trimmedField(dateColumn), row: day.count, line: record.line) }
      if a.deferred { amounts.deferValue(record.trimmedField(amountColumn), row: amount.count, line: record.line) }
      // Duplicates are found after the pass (see DuplicateDetector); interning a
      // duplicate's id is harmless because its original came first.
      if dropsDuplicates { duplicates.add(record.raw) }
      customers.append(id)
      day.append(d.value)
      amount.append(a.value)
    }
    var (ids, customer) = customers.finish()
    try dates.resolve(path: session.path, option: session.option("date-format")) { day[$0] = $1 }
    try amounts.resolve(path: session.path, option: session.option("decimal")) { amount[$0] = $1 }
    session.summary.dialect.dates["date"] = dates.shown
    session.summary.dialect.numbers["amount"] = amounts.shown
    if let several = amounts.severalCurrencies {
      session.summary.notes.append(
        "the amount column shows several currencies (" + several.map { "'\($0)'" }.joined(separator: ", ")
          + "): amounts are added as written, without conversion")
    }
    try session.finish()
    if dropsDuplicates {
      let flags = duplicates.duplicateFlags()
      customer.removeFlagged(flags)
      day.removeFlagged(flags)
      amount.removeFlagged(flags)
      session.summary.duplicateRowsDropped = flags.count - amount.count
    }
    Self.summarise(amount, into: &session.summary)
    session.recordDayRange(day)
    session.summary.distinctCustomers = ids.count
    let log = TransactionLog(customerIDs: ids, customer: customer, day: day, amount: amount)
    return (log, session.summary)
  }

  /// Fills the summary's kept-row, refund and zero-amount counts from the kept amounts.
  static func summarise(_ amount: [Double], into summary: inout IngestSummary) {
    for a in amount {
      if a < 0 {
        summary.refundRows += 1
        summary.refundTotal += a
      } else if a == 0 {
        summary.zeroAmountRows += 1
      }
    }
    summary.keptRows = amount.count
  }
}
