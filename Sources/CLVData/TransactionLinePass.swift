/// The per-line pass of ``TransactionLoader``: reads each record's fields into
/// ``OrderLines`` (customer ids interned, dates and values read by their columns, order
/// keys, exact-duplicate keys), quarantining lines that fail the line-level checks. One
/// value reads a whole file, or one chunk of it; ``append(_:)`` joins the chunk after it
/// so that the result is the one pass's over both (see ``LinePassChunks``).
struct TransactionLinePass {
  let customerColumn: Int
  let dateColumn: Int
  let orderColumn: Int?
  let statusColumn: Int?
  let refundColumn: Int?
  let currencyColumn: Int?
  /// The file's text, which ids and records point into.
  let fileBytes: UnsafeBufferPointer<UInt8>
  let cancellationPrefix: String?
  var dates: DateColumn
  var value: LineValueColumns
  var refunds: NumberColumn?
  var ids: ByteInterner
  var orderKeys: OrderKeys
  var statuses = ByteInterner(capacity: 64)
  var currencies = ByteInterner(capacity: 64)
  var lines = OrderLines()
  var duplicates: DuplicateDetector
  /// Only continuation lines can be quarantined after the pass: their line and bytes.
  var continuationRecords = [Int: (line: Int, raw: UnsafeBufferPointer<UInt8>)]()
  /// Ids wait in a small batch so their hash-table lookups overlap (see
  /// ByteInterner.touch); the customer column is appended at each flush, in row order.
  private var batch: InternBatch
  /// The order id of the last line without a customer id (a guest's order): its
  /// continuation lines are the guest's too, counted with it, not bad rows.
  private(set) var guestOrder: [UInt8] = []
  /// Whether a continuation line came before the pass's first other line: how it was
  /// read depends on the line before the pass (was it a guest's?).
  private(set) var continuationFirst = false
  private var sawOrderStart = false

  /// A pass for about `estimatedRows` lines of the file `fileBytes`, reading dates,
  /// values and refunds with the given columns (in the state they are in).
  init(
    columns: (customer: Int, date: Int, order: Int?, status: Int?, refund: Int?, currency: Int?),
    dates: DateColumn, value: LineValueColumns, refunds: NumberColumn?, fileBytes: UnsafeBufferPointer<UInt8>,
    estimatedRows: Int, cancellationPrefix: String?
  ) {
    customerColumn = columns.customer
    dateColumn = columns.date
    orderColumn = columns.order
    statusColumn = columns.status
    refundColumn = columns.refund
    currencyColumn = columns.currency
    self.fileBytes = fileBytes
    self.cancellationPrefix = cancellationPrefix
    self.dates = dates
    self.value = value
    self.refunds = refunds
    ids = ByteInterner(capacity: max(1024, estimatedRows / 8))
    orderKeys = OrderKeys(
      fileBytes: fileBytes, capacity: columns.order == nil ? 0 : estimatedRows, cancellationPrefix: cancellationPrefix)
    lines.reserveCapacity(estimatedRows)
    duplicates = DuplicateDetector(capacity: columns.order == nil ? 0 : estimatedRows)
    batch = InternBatch(fileBytes: fileBytes)
  }

  /// A new pass over the same file and columns, for about `estimatedRows` lines, with no
  /// lines yet; its date, value and refund columns in the state `source`'s are in
  /// (deferred values aside), or this pass's when nil.
  func emptyPass(estimatedRows: Int, columnsFrom source: TransactionLinePass? = nil) -> TransactionLinePass {
    let from = source ?? self
    return TransactionLinePass(
      columns: (customerColumn, dateColumn, orderColumn, statusColumn, refundColumn, currencyColumn),
      dates: from.dates.withoutDeferred, value: from.value.withoutDeferred, refunds: from.refunds?.withoutDeferred,
      fileBytes: fileBytes, estimatedRows: estimatedRows, cancellationPrefix: cancellationPrefix)
  }

  /// Reads records from `session` until the end of the input, or — when `boundary` is
  /// given — until the session's next record starts at or after byte `boundary`, or after
  /// `limit` records.
  mutating func read(_ session: inout IngestSession, boundary: Int = .max, limit: Int = .max) throws {
    var records = 0
    while records < limit, session.offset < boundary, try session.nextRecord() {
      records += 1
      readRecord(&session)
    }
    batch.flush(into: &lines.customer, using: &ids)
  }

  /// The line-level checks and reads of the session's current record.
  @inline(__always)
  private mutating func readRecord(_ session: inout IngestSession) {
    guard session.hasHeaderWidth() else { return }
    let record = session.record
    let id = record.trimmedField(customerColumn)
    let dateField = record.trimmedField(dateColumn)
    let orderField = orderColumn.map { record.trimmedField($0) }
    // A line with neither customer nor date continues its order (Shopify writes
    // the order-level fields on an order's first line only); any other line must
    // name its customer (else it is a guest's row: counted, not a bad row) and date.
    let continuation = id.count == 0 && dateField.count == 0 && (orderField?.count ?? 0) > 0
    if !continuation {
      sawOrderStart = true
      guard session.customerID(customerColumn) != nil else {
        guestOrder.removeAll(keepingCapacity: true)
        if let orderField { guestOrder.append(contentsOf: orderField) }
        return
      }
      if !guestOrder.isEmpty { guestOrder.removeAll(keepingCapacity: true) }
    } else {
      if !sawOrderStart { continuationFirst = true }
      if !guestOrder.isEmpty, let orderField, guestOrder.elementsEqual(orderField) {
        session.summary.noCustomerIDRows += 1
        return
      }
    }
    var d = OrderLines.noDay
    var dateDeferred = false
    if dateField.count > 0 || !continuation {
      guard let cell = session.day(dateColumn, &dates) else { return }
      d = cell.value
      dateDeferred = cell.deferred
    }
    guard let v = value.read(record, session: &session, required: !continuation) else { return }
    if !v.isNaN, !value.lastReadDeferred, let problem = PlausibleValues.problem(amount: v) {
      session.quarantine(.amountOutOfRange, problem)
      return
    }
    var refund = Double.nan
    var refundDeferred = false
    if let refundColumn, record.trimmedField(refundColumn).count > 0 {
      guard let cell = session.number(refundColumn, &refunds!) else { return }
      if !cell.deferred, let problem = PlausibleValues.problem(amount: cell.value) {
        session.quarantine(.amountOutOfRange, "refund " + problem)
        return
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

  /// Whether `later`, a pass over the records right after this one's that started with
  /// its columns in the state `start`, read every line exactly as this pass would have
  /// gone on reading them: this pass's columns ended in a state alike to `start`
  /// (``DateColumn/readsAlike(_:)``), and `later` did not open with continuation lines
  /// while this pass ended on a guest's order.
  func continuesInto(_ later: TransactionLinePass, startedFrom start: TransactionLinePass) -> Bool {
    guard dates.readsAlike(start.dates), value.readsAlike(start.value) else { return false }
    switch (refunds, start.refunds) {
    case (nil, nil): break
    case (let a?, let b?): guard a.readsAlike(b) else { return false }
    default: return false
    }
    return !(later.continuationFirst && !guestOrder.isEmpty)
  }

  /// Appends the lines of `later` (see ``continuesInto(_:startedFrom:)``, which must
  /// hold): interned ids, statuses and currencies keep first-appearance order over both,
  /// order numbers run on (an order straddling the two stays one), deferred values and
  /// late-quarantine candidates move up by this pass's line count.
  mutating func append(_ later: TransactionLinePass) {
    let shift = lines.count
    let customerMap = ids.absorb(later.ids)
    let statusMap = statuses.absorb(later.statuses)
    let currencyMap = currencies.absorb(later.currencies)
    func mapped(_ index: Int32, _ map: [Int32]) -> Int32 { index == OrderLines.none ? index : map[Int(index)] }
    lines.customer.reserveCapacity(shift + later.lines.count)
    for c in later.lines.customer { lines.customer.append(mapped(c, customerMap)) }
    lines.day += later.lines.day
    lines.value += later.lines.value
    for s in later.lines.status { lines.status.append(mapped(s, statusMap)) }
    lines.refund += later.lines.refund
    for c in later.lines.currency { lines.currency.append(mapped(c, currencyMap)) }
    orderKeys.append(later.orderKeys)
    duplicates.append(later.duplicates)
    for (row, r) in later.continuationRecords { continuationRecords[row + shift] = r }
    dates = dates.followed(by: later.dates, rowOffset: shift)
    value = value.followed(by: later.value, rowOffset: shift)
    if let refunds { self.refunds = refunds.followed(by: later.refunds!, rowOffset: shift) }
    if later.sawOrderStart { guestOrder = later.guestOrder }
    sawOrderStart = sawOrderStart || later.sawOrderStart
  }

  /// The interned index of a field, or ``OrderLines/none`` when it is empty.
  @inline(__always)
  static func intern(_ field: UnsafeBufferPointer<UInt8>, _ table: inout ByteInterner) -> Int32 {
    field.count == 0 ? OrderLines.none : table.intern(field).id
  }
}
