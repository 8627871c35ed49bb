/// Loads a transactions CSV into a ``TransactionLog`` and an ``IngestSummary``.
///
/// Per data row, in this order:
/// 1. wrong number of fields → quarantined (`wrong_column_count`);
/// 2. empty customer id → `missing_customer_id`; unreadable date → `bad_date`;
///    unreadable amount → `bad_amount` (fields are trimmed of spaces first);
/// 3. an exact copy of an earlier *valid* record (same bytes) → dropped and counted
///    (a repeated bad row is quarantined each time, so each of its lines is listed);
/// 4. otherwise kept, in file order. Negative amounts are refunds (kept, counted and
///    totalled); zero amounts are kept (a free order is still an order: it counts for
///    frequency and recency).
///
/// At the end the load fails if more than ``IngestOptions/maxBadRowFraction`` of the
/// rows were quarantined. Costs one pass over the bytes; memory is the mapped file plus
/// the output arrays (16 bytes per row), the duplicate keys (≈ 40 bytes per row while
/// sorting) and the id table (32 bytes per slot, ≤ 4 slots per distinct customer).
public struct TransactionLoader: Sendable {
  /// Column names and date format.
  public var columns: TransactionColumns
  /// Tolerances.
  public var options: IngestOptions

  /// Creates a loader.
  public init(columns: TransactionColumns = TransactionColumns(), options: IngestOptions = IngestOptions()) {
    self.columns = columns
    self.options = options
  }

  /// Loads the file at `path`.
  /// - Throws: ``IngestError`` (missing/empty file, missing column, broken CSV, bad date
  ///   format, too many bad rows).
  public func load(path: String) throws -> (log: TransactionLog, summary: IngestSummary) {
    let file = try MappedFile(path: path)
    return try file.withBytes { try load(bytes: $0, path: path) }
  }

  /// Loads CSV text held in memory; `path` is used in messages and the summary.
  public func load(bytes: [UInt8], path: String) throws -> (log: TransactionLog, summary: IngestSummary) {
    try bytes.withUnsafeBufferPointer { try load(bytes: $0, path: path) }
  }

  /// Loads CSV bytes; `path` is used in messages and the summary.
  public func load(bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> (
    log: TransactionLog, summary: IngestSummary
  ) {
    let parser: DayParser
    do { parser = try DayParser(format: columns.dateFormat) } catch { throw IngestError.badDateFormat(error) }
    var session = try IngestSession(bytes: bytes, path: path, kind: "transactions", options: options)
    let r = session.resolver
    let customerColumn = try r.require(columns.customer, role: "customer")
    let (dateColumn, dateNote) = try r.requireDate(
      columns.date, defaultName: TransactionColumns.defaultDate,
      fallbacks: TransactionColumns.dateFallbacks)
    let amountColumn = try r.require(columns.amount, role: "amount")
    session.summary.columnMapping = [
      "customer": r.header[customerColumn], "date": r.header[dateColumn],
      "amount": r.header[amountColumn],
    ]
    // Without an order id, two identical rows can be two real orders (the same
    // item bought twice on one day, as in the CDNOW log), so exact duplicates are
    // dropped only when the file has an order id column.
    var dropsDuplicates = false
    if let order = columns.order, let i = r.index(of: order) {
      session.summary.columnMapping["order"] = r.header[i]
      dropsDuplicates = true
    } else {
      session.summary.notes.append(
        "no order id column\(columns.order.map { " '\($0)'" } ?? ""): identical rows are kept as separate orders")
    }
    if let dateNote { session.summary.notes.append(dateNote) }

    // Roughly 40 bytes per row in typical exports.
    let estimatedRows = max(16, bytes.count / 40)
    var ids = ByteInterner(capacity: max(1024, estimatedRows / 8))
    var customer: [Int32] = []
    var day: [Int32] = []
    var amount: [Double] = []
    customer.reserveCapacity(estimatedRows)
    day.reserveCapacity(estimatedRows)
    amount.reserveCapacity(estimatedRows)
    var duplicates = DuplicateDetector(capacity: estimatedRows)
    // Ids wait in a small batch so their hash-table lookups overlap (see
    // ByteInterner.touch); the customer column is appended at each flush, in row order.
    var batch = InternBatch(fileBytes: bytes)

    while try session.nextRecord() {
      guard session.hasHeaderWidth() else { continue }
      let record = session.record
      let id = record.trimmedField(customerColumn)
      guard id.count > 0 else {
        session.quarantine(.missingCustomerID, "customer id is empty")
        continue
      }
      let dateField = record.trimmedField(dateColumn)
      guard let d = parser.parseDay(dateField) else {
        session.quarantine(
          .badDate,
          dateField.isEmpty ? "date is empty" : "cannot read \(session.quoted(dateField)) as a date")
        continue
      }
      let amountField = record.trimmedField(amountColumn)
      guard let value = DecimalParser.parse(amountField) else {
        session.quarantine(
          .badAmount,
          amountField.isEmpty
            ? "amount is empty" : "cannot read \(session.quoted(amountField)) as a number")
        continue
      }
      // Duplicates are found after the pass (see DuplicateDetector); interning a
      // duplicate's id is harmless because its original came first.
      if dropsDuplicates { duplicates.add(record.raw) }
      if !batch.add(id) {
        // The id lives in the reader's scratch buffer (it had "" escapes): intern it now.
        batch.flush(into: &customer, using: &ids)
        customer.append(ids.intern(id).id)
      }
      if batch.isFull { batch.flush(into: &customer, using: &ids) }
      day.append(Int32(truncatingIfNeeded: d))
      amount.append(value)
    }
    batch.flush(into: &customer, using: &ids)
    try session.finish()
    let flags = dropsDuplicates ? duplicates.duplicateFlags() : Array(repeating: false, count: amount.count)
    Self.dropDuplicates(flags, &customer, &day, &amount, into: &session.summary)
    session.summary.distinctCustomers = ids.count
    let log = TransactionLog(customerIDs: ids.strings, customer: customer, day: day, amount: amount)
    return (log, session.summary)
  }

  /// Removes the rows flagged as duplicates (keeping order) and fills the summary's
  /// row, refund, zero-amount and date statistics from the rows that remain.
  static func dropDuplicates(
    _ flags: [Bool], _ customer: inout [Int32], _ day: inout [Int32], _ amount: inout [Double],
    into summary: inout IngestSummary
  ) {
    var w = 0
    var firstDay = Int32.max
    var lastDay = Int32.min
    for r in 0..<flags.count where !flags[r] {
      customer[w] = customer[r]
      day[w] = day[r]
      amount[w] = amount[r]
      firstDay = min(firstDay, day[r])
      lastDay = max(lastDay, day[r])
      if amount[r] < 0 {
        summary.refundRows += 1
        summary.refundTotal += amount[r]
      } else if amount[r] == 0 {
        summary.zeroAmountRows += 1
      }
      w += 1
    }
    summary.duplicateRowsDropped = flags.count - w
    customer.removeLast(flags.count - w)
    day.removeLast(flags.count - w)
    amount.removeLast(flags.count - w)
    summary.keptRows = w
    if w > 0 {
      summary.firstDay = Int(firstDay)
      summary.lastDay = Int(lastDay)
    }
  }
}
