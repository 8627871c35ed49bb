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
    let parser = try session.dayParser()
    let r = session.resolver
    let customerColumn = try r.require(settings.customerColumn ?? "customer_id", role: "customer")
    let (dateColumn, dateNote) = try r.requireDate(
      settings.dateColumn, defaultName: TransactionColumns.defaultDate, fallbacks: TransactionColumns.dateFallbacks)
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
    let estimatedRows = max(16, session.bytes.count / 40)
    var customers = CustomerColumnBuilder(fileBytes: session.bytes, estimatedRows: estimatedRows, rowsPerCustomer: 8)
    var day: [Int32] = []
    var amount: [Double] = []
    day.reserveCapacity(estimatedRows)
    amount.reserveCapacity(estimatedRows)
    var duplicates = DuplicateDetector(capacity: dropsDuplicates ? estimatedRows : 0)

    while try session.nextRecord() {
      guard session.hasHeaderWidth(), let id = session.customerID(customerColumn),
        let d = session.day(dateColumn, parser)
      else { continue }
      let amountField = session.record.trimmedField(amountColumn)
      guard let value = DecimalParser.parse(amountField) else {
        session.quarantine(
          .badAmount,
          amountField.isEmpty
            ? "amount is empty" : "cannot read \(session.quoted(amountField)) as a number")
        continue
      }
      // Duplicates are found after the pass (see DuplicateDetector); interning a
      // duplicate's id is harmless because its original came first.
      if dropsDuplicates { duplicates.add(session.record.raw) }
      customers.append(id)
      day.append(Int32(truncatingIfNeeded: d))
      amount.append(value)
    }
    var (ids, customer) = customers.finish()
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
