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
public struct EventLoader: TableLoader {
  /// Event type column name.
  public var eventTypeColumn: String
  /// How to read the file: id and timestamp columns, date format, dialect, tolerances.
  package var settings: FileReadSettings

  package static let kind = "events"

  /// The default timestamp column.
  public static let defaultTimestamp = "timestamp"
  /// Timestamp columns tried, in order, when none is named and the default is absent.
  public static let timestampFallbacks = ["event_time", "event_date", "date", "time", "created_at"]

  /// Creates a loader.
  package init(eventTypeColumn: String = "event_type", settings: FileReadSettings = FileReadSettings()) {
    self.eventTypeColumn = eventTypeColumn
    self.settings = settings
  }

  package func read(_ session: inout IngestSession) throws -> (log: EventLog, summary: IngestSummary) {
    let parser = try session.dayParser()
    let r = session.resolver
    let idColumn = try r.require(settings.customerColumn ?? "customer_id", role: "customer")
    let (timeColumn, note) = try r.requireDate(
      settings.dateColumn, defaultName: EventLoader.defaultTimestamp,
      fallbacks: EventLoader.timestampFallbacks, role: "timestamp")
    let typeColumn = try r.require(eventTypeColumn, role: "event-type")
    session.summary.columnMapping = [
      "customer": r.header[idColumn], "timestamp": r.header[timeColumn], "event_type": r.header[typeColumn],
    ]
    if let note { session.summary.notes.append(note) }

    let estimatedRows = max(16, session.bytes.count / 36)
    var customers = CustomerColumnBuilder(fileBytes: session.bytes, estimatedRows: estimatedRows, rowsPerCustomer: 16)
    var types = ByteInterner(capacity: 64)
    var day: [Int32] = []
    var typeInFirstSeenOrder: [Int32] = []
    day.reserveCapacity(estimatedRows)
    typeInFirstSeenOrder.reserveCapacity(estimatedRows)
    var duplicates = DuplicateDetector(capacity: estimatedRows)
    while try session.nextRecord() {
      guard session.hasHeaderWidth(), let id = session.customerID(idColumn), let d = session.day(timeColumn, parser)
      else { continue }
      let type = session.record.trimmedField(typeColumn)
      guard type.count > 0 else {
        session.quarantine(.missingValue, "event type is empty")
        continue
      }
      // Same scheme as TransactionLoader: duplicates found after the pass, ids batched.
      duplicates.add(session.record.raw)
      customers.append(id)
      day.append(Int32(truncatingIfNeeded: d))
      typeInFirstSeenOrder.append(types.intern(type).id)
    }
    var (ids, customer) = customers.finish()
    try session.finish()
    // Drop exact duplicates (order kept).
    let flags = duplicates.duplicateFlags()
    customer.removeFlagged(flags)
    day.removeFlagged(flags)
    typeInFirstSeenOrder.removeFlagged(flags)
    session.summary.duplicateRowsDropped = flags.count - day.count
    // Re-index event types in sorted order so indices are independent of row order.
    let sortedTypes = types.strings.sorted()
    let rank = Dictionary(uniqueKeysWithValues: sortedTypes.enumerated().map { ($1, Int32($0)) })
    let remap = types.strings.map { rank[$0] ?? 0 }
    let eventType = typeInFirstSeenOrder.map { remap[Int($0)] }
    session.summary.keptRows = day.count
    session.summary.distinctCustomers = ids.count
    session.recordDayRange(day)
    let log = EventLog(
      customerIDs: ids, customer: customer, day: day, eventType: eventType, eventTypes: sortedTypes)
    return (log, session.summary)
  }
}
