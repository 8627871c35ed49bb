/// Loads an optional events CSV (`customer_id, timestamp, event_type`) into an
/// ``EventLog``.
///
/// Rows: wrong field count, empty id (`missing_customer_id`), unreadable timestamp
/// (`bad_date`) or empty event type (`missing_value`) → quarantined; exact duplicate
/// records (e.g. a tracker firing twice in the same second) → dropped and counted.
/// Event logs are often the largest input, so this uses the transactions loader's fast
/// path (batched id interning, duplicates found by sorting after the pass).
/// The timestamp column defaults to `timestamp`; when absent, the first present of
/// ``timestampFallbacks`` is used and noted in the summary.
public struct EventLoader: Sendable {
  /// Id column name.
  public var customerColumn: String
  /// Timestamp column name.
  public var timestampColumn: String
  /// Event type column name.
  public var eventTypeColumn: String
  /// strftime-style format, or nil for ISO-8601 / `yyyyMMdd`.
  public var dateFormat: String?
  /// Tolerances.
  public var options: IngestOptions

  /// The default timestamp column.
  public static let defaultTimestamp = "timestamp"
  /// Timestamp columns tried, in order, when the default is absent.
  public static let timestampFallbacks = ["event_time", "event_date", "date", "time", "created_at"]

  /// Creates a loader.
  public init(
    customerColumn: String = "customer_id", timestampColumn: String = EventLoader.defaultTimestamp,
    eventTypeColumn: String = "event_type", dateFormat: String? = nil, options: IngestOptions = IngestOptions()
  ) {
    self.customerColumn = customerColumn
    self.timestampColumn = timestampColumn
    self.eventTypeColumn = eventTypeColumn
    self.dateFormat = dateFormat
    self.options = options
  }

  /// Loads the file at `path`.
  /// - Throws: ``IngestError``.
  public func load(path: String) throws -> (log: EventLog, summary: IngestSummary) {
    let file = try MappedFile(path: path)
    return try file.withBytes { try load(bytes: $0, path: path) }
  }

  /// Loads CSV text held in memory; `path` is used in messages and the summary.
  public func load(bytes: [UInt8], path: String) throws -> (log: EventLog, summary: IngestSummary) {
    try bytes.withUnsafeBufferPointer { try load(bytes: $0, path: path) }
  }

  /// Loads CSV bytes; `path` is used in messages and the summary.
  public func load(bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> (
    log: EventLog, summary: IngestSummary
  ) {
    let parser: DayParser
    do { parser = try DayParser(format: dateFormat) } catch { throw IngestError.badDateFormat(error) }
    var session = try IngestSession(bytes: bytes, path: path, kind: "events", options: options)
    let r = session.resolver
    let idColumn = try r.require(customerColumn, role: "customer")
    let (timeColumn, note) = try r.requireDate(
      timestampColumn, defaultName: EventLoader.defaultTimestamp,
      fallbacks: EventLoader.timestampFallbacks, role: "timestamp")
    let typeColumn = try r.require(eventTypeColumn, role: "event-type")
    session.summary.columnMapping = [
      "customer": r.header[idColumn], "timestamp": r.header[timeColumn], "event_type": r.header[typeColumn],
    ]
    if let note { session.summary.notes.append(note) }

    let estimatedRows = max(16, bytes.count / 36)
    var ids = ByteInterner(capacity: max(1024, estimatedRows / 16))
    var types = ByteInterner(capacity: 64)
    var customer: [Int32] = []
    var day: [Int32] = []
    var typeInFirstSeenOrder: [Int32] = []
    customer.reserveCapacity(estimatedRows)
    day.reserveCapacity(estimatedRows)
    typeInFirstSeenOrder.reserveCapacity(estimatedRows)
    var duplicates = DuplicateDetector(capacity: estimatedRows)
    var batch = InternBatch(fileBytes: bytes)
    while try session.nextRecord() {
      guard session.hasHeaderWidth() else { continue }
      let record = session.record
      let id = record.trimmedField(idColumn)
      guard id.count > 0 else {
        session.quarantine(.missingCustomerID, "customer id is empty")
        continue
      }
      let t = record.trimmedField(timeColumn)
      guard let d = parser.parseDay(t) else {
        session.quarantine(.badDate, t.isEmpty ? "timestamp is empty" : "cannot read \(session.quoted(t)) as a date")
        continue
      }
      let type = record.trimmedField(typeColumn)
      guard type.count > 0 else {
        session.quarantine(.missingValue, "event type is empty")
        continue
      }
      // Same scheme as TransactionLoader: duplicates found after the pass, ids batched.
      duplicates.add(record.raw)
      if !batch.add(id) {
        batch.flush(into: &customer, using: &ids)
        customer.append(ids.intern(id).id)
      }
      if batch.isFull { batch.flush(into: &customer, using: &ids) }
      day.append(Int32(truncatingIfNeeded: d))
      typeInFirstSeenOrder.append(types.intern(type).id)
    }
    batch.flush(into: &customer, using: &ids)
    try session.finish()
    // Drop exact duplicates (order kept) and collect the day range of what remains.
    let flags = duplicates.duplicateFlags()
    var w = 0
    var firstDay = Int32.max
    var lastDay = Int32.min
    for r in 0..<flags.count where !flags[r] {
      customer[w] = customer[r]
      day[w] = day[r]
      typeInFirstSeenOrder[w] = typeInFirstSeenOrder[r]
      firstDay = min(firstDay, day[r])
      lastDay = max(lastDay, day[r])
      w += 1
    }
    customer.removeLast(flags.count - w)
    day.removeLast(flags.count - w)
    typeInFirstSeenOrder.removeLast(flags.count - w)
    session.summary.duplicateRowsDropped = flags.count - w
    // Re-index event types in sorted order so indices are independent of row order.
    let sortedTypes = types.strings.sorted()
    let rank = Dictionary(uniqueKeysWithValues: sortedTypes.enumerated().map { ($1, Int32($0)) })
    let remap = types.strings.map { rank[$0] ?? 0 }
    let eventType = typeInFirstSeenOrder.map { remap[Int($0)] }
    session.summary.keptRows = day.count
    session.summary.distinctCustomers = ids.count
    if w > 0 {
      session.summary.firstDay = Int(firstDay)
      session.summary.lastDay = Int(lastDay)
    }
    let log = EventLog(
      customerIDs: ids.strings, customer: customer, day: day, eventType: eventType, eventTypes: sortedTypes)
    return (log, session.summary)
  }
}
