/// Loads an optional events CSV (`customer_id, timestamp, event_type`) into an
/// ``EventLog``.
///
/// Rows: an empty customer id → an anonymous event, counted and excluded (not a bad row);
/// wrong field count, unreadable timestamp (`bad_date`) or empty event type
/// (`missing_value`) → quarantined; exact duplicate
/// records (e.g. a tracker firing twice in the same second) → dropped and counted.
/// Event logs are often the largest input, so this uses the transactions loader's fast
/// path (batched id interning, duplicates found by sorting after the pass).
/// The timestamp column defaults to `timestamp`; when absent, a recognised name
/// (``ColumnRoles/eventTime``) is used and noted in the summary.
package struct EventLoader: TableLoader {
  /// Event type column name; nil: `event_type` or a recognised one.
  package var eventTypeColumn: String?
  /// How to read the file: id and timestamp columns, date format, dialect, tolerances.
  package var settings: FileReadSettings

  package static let kind = "events"

  /// The default timestamp column.
  package static let defaultTimestamp = "timestamp"

  /// Creates a loader.
  package init(eventTypeColumn: String? = nil, settings: FileReadSettings = FileReadSettings()) {
    self.eventTypeColumn = eventTypeColumn
    self.settings = settings
  }

  package func read(_ session: inout IngestSession) throws -> (log: EventLog, summary: IngestSummary) {
    let r = session.resolver
    let idColumn = try session.customerColumn()
    let timeColumn = try session.column(
      named: settings.dateColumn, defaultName: EventLoader.defaultTimestamp, tiers: ColumnRoles.eventTime,
      role: "timestamp", key: "date-column")!
    let typeColumn = try session.column(
      named: eventTypeColumn, defaultName: "event_type", tiers: ColumnRoles.eventType, role: "event-type",
      key: "event-type-column")!
    session.summary.columnMapping = [
      "customer": r.header[idColumn], "timestamp": r.header[timeColumn], "event_type": r.header[typeColumn],
    ]
    var dates = try DateColumn(name: r.header[timeColumn], role: "timestamp", format: settings.dateFormat)

    let estimatedRows = max(16, session.bytes.count / 36)
    var customers = CustomerColumnBuilder(fileBytes: session.bytes, estimatedRows: estimatedRows, rowsPerCustomer: 16)
    var types = ByteInterner(capacity: 64)
    var day: [Int32] = []
    var typeInFirstSeenOrder: [Int32] = []
    day.reserveCapacity(estimatedRows)
    typeInFirstSeenOrder.reserveCapacity(estimatedRows)
    var duplicates = DuplicateDetector(capacity: estimatedRows)
    while try session.nextRecord() {
      guard session.hasHeaderWidth(), let id = session.customerID(idColumn), let d = session.day(timeColumn, &dates)
      else { continue }
      let type = session.record.trimmedField(typeColumn)
      guard type.count > 0 else {
        session.quarantine(.missingValue, "event type is empty")
        continue
      }
      if d.deferred {
        dates.deferValue(session.record.trimmedField(timeColumn), row: day.count, line: session.record.line)
      }
      // Same scheme as TransactionLoader: duplicates found after the pass, ids batched.
      duplicates.add(session.record.raw)
      customers.append(id)
      day.append(d.value)
      typeInFirstSeenOrder.append(types.intern(type).id)
    }
    var (ids, customer) = customers.finish()
    try dates.resolve(path: session.path, option: session.option("date-format")) { day[$0] = $1 }
    session.summary.dialect.dates["timestamp"] = dates.shown
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
