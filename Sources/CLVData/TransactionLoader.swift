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
    var value = try LineValueColumns(columns: columns, rules: rules, session: &session, mark: settings.decimal)
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
    var dates = try DateColumn(name: r.header[dateColumn], role: "date", format: settings.dateFormat)
    var refunds = refundColumn.map { NumberColumn(name: r.header[$0], role: "refund", mark: settings.decimal) }

    // Roughly 40 bytes per row in typical exports.
    let estimatedRows = max(16, bytes.count / 40)
    var ids = ByteInterner(capacity: max(1024, estimatedRows / 8))
    var orderKeys = OrderKeys(
      fileBytes: bytes, capacity: orderColumn == nil ? 0 : estimatedRows, cancellationPrefix: rules.cancellationPrefix)
    var statuses = ByteInterner(capacity: 64)
    var currencies = ByteInterner(capacity: 64)
    var lines = OrderLines()
    lines.reserveCapacity(estimatedRows)
    var duplicates = DuplicateDetector(capacity: orderColumn == nil ? 0 : estimatedRows)
    // Only continuation lines can be quarantined after the pass: their line and bytes.
    var continuationRecords = [Int: (line: Int, raw: UnsafeBufferPointer<UInt8>)]()
    // Ids wait in a small batch so their hash-table lookups overlap (see
    // ByteInterner.touch); the customer column is appended at each flush, in row order.
    var batch = InternBatch(fileBytes: bytes)
    // The order id of the last line without a customer id (a guest's order): its
    // continuation lines are the guest's too, counted with it, not bad rows.
    var guestOrder: [UInt8] = []

    while try session.nextRecord() {
      guard session.hasHeaderWidth() else { continue }
      let record = session.record
      let id = record.trimmedField(customerColumn)
      let dateField = record.trimmedField(dateColumn)
      let orderField = orderColumn.map { record.trimmedField($0) }
      // A line with neither customer nor date continues its order (Shopify writes
      // the order-level fields on an order's first line only); any other line must
      // name its customer (else it is a guest's row: counted, not a bad row) and date.
      let continuation = id.count == 0 && dateField.count == 0 && (orderField?.count ?? 0) > 0
      if !continuation {
        guard session.customerID(customerColumn) != nil else {
          guestOrder.removeAll(keepingCapacity: true)
          if let orderField { guestOrder.append(contentsOf: orderField) }
          continue
        }
        if !guestOrder.isEmpty { guestOrder.removeAll(keepingCapacity: true) }
      } else if !guestOrder.isEmpty, let orderField, guestOrder.elementsEqual(orderField) {
        session.summary.noCustomerIDRows += 1
        continue
      }
      var d = OrderLines.noDay
      var dateDeferred = false
      if dateField.count > 0 || !continuation {
        guard let cell = session.day(dateColumn, &dates) else { continue }
        d = cell.value
        dateDeferred = cell.deferred
      }
      guard let v = value.read(record, session: &session, required: !continuation) else { continue }
      if !v.isNaN, !value.lastReadDeferred, let problem = PlausibleValues.problem(amount: v) {
        session.quarantine(.amountOutOfRange, problem)
        continue
      }
      var refund = Double.nan
      var refundDeferred = false
      if let refundColumn, record.trimmedField(refundColumn).count > 0 {
        guard let cell = session.number(refundColumn, &refunds!) else { continue }
        if !cell.deferred, let problem = PlausibleValues.problem(amount: cell.value) {
          session.quarantine(.amountOutOfRange, "refund " + problem)
          continue
        }
        refund = cell.value
        refundDeferred = cell.deferred
      }
      let row = lines.count
      if dateDeferred { dates.deferValue(dateField, row: row, line: record.line) }
      if refundDeferred, let refundColumn {
        refunds!.deferValue(record.trimmedField(refundColumn), row: row, line: record.line)
      }
      value.deferIfNeeded(record, row: row)
      if let statusColumn { lines.status.append(Self.intern(record.trimmedField(statusColumn), &statuses)) }
      if let currencyColumn { lines.currency.append(Self.intern(record.trimmedField(currencyColumn), &currencies)) }
      if refundColumn != nil { lines.refund.append(refund) }
      if let orderField {
        orderKeys.add(orderField, continuation: continuation)
        duplicates.add(record.raw)
      }
      if continuation { continuationRecords[lines.count] = (record.line, record.raw) }
      lines.day.append(d)
      lines.value.append(v)
      if id.count == 0 {
        batch.flush(into: &lines.customer, using: &ids)
        lines.customer.append(OrderLines.none)
      } else if !batch.add(id) {
        // The id lives in the reader's scratch buffer (it had "" escapes): intern it now.
        batch.flush(into: &lines.customer, using: &ids)
        lines.customer.append(ids.intern(id).id)
      }
      if batch.isFull { batch.flush(into: &lines.customer, using: &ids) }
    }
    batch.flush(into: &lines.customer, using: &ids)
    try dates.resolve(path: path, option: session.option("date-format")) { lines.day[$0] = $1 }
    try value.resolve(path: path, option: session.option("decimal")) { lines.value[$0] = $1 }
    try refunds?.resolve(path: path, option: session.option("decimal")) { lines.refund[$0] = $1 }
    session.summary.dialect.dates["date"] = dates.shown
    for (role, shown) in value.shown { session.summary.dialect.numbers[role] = shown }
    if let refunds { session.summary.dialect.numbers["refund"] = refunds.shown }
    if let several = value.severalCurrencies {
      session.summary.notes.append(
        "the amount column shows several currencies (" + several.map { "'\($0)'" }.joined(separator: ", ")
          + "): amounts are added as written, without conversion")
    }
    lines.customerSpellings = ids.strings
    if orderColumn != nil {
      lines.order = orderKeys.orderOfLine
      lines.orderCount = orderKeys.count
      lines.cancelled = orderKeys.hasPrefix
      lines.orderNames = orderKeys.names
    } else {
      lines.orderCount = lines.count
    }
    lines.statuses = statuses.strings
    lines.currencies = currencies.strings

    var late = [(index: Int, reason: QuarantineReason, detail: String)]()
    let assembler = OrderAssembler(rules: rules, path: path)
    let log = try assembler.assemble(
      &lines, duplicate: orderColumn == nil ? [] : duplicates.duplicateFlags(),
      linesDistinguishable: usedColumns.count < r.header.count, summary: &session.summary
    ) { late.append((index: $0, reason: $1, detail: $2)) }
    session.quarantineLate(late, records: continuationRecords)
    try session.finish()
    return (log, session.summary)
  }

  /// The interned index of a field, or ``OrderLines/none`` when it is empty.
  @inline(__always)
  static func intern(_ field: UnsafeBufferPointer<UInt8>, _ table: inout ByteInterner) -> Int32 {
    field.count == 0 ? OrderLines.none : table.intern(field).id
  }
}
