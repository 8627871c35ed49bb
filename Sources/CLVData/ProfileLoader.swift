/// Loads an optional customer-profile CSV into a ``ProfileTable``.
///
/// Columns: the id column (default `customer_id`, required); a signup date column
/// (`signupColumn`, or the first present of ``signupFallbacks``; optional); everything
/// else becomes an attribute. Rows: wrong field count, empty id, or a non-empty
/// signup date that cannot be read → quarantined; exact duplicate records → dropped;
/// a later row for an id already seen → dropped and counted in
/// ``IngestSummary/duplicateIDsDropped`` (the first row wins: exports list the
/// original registration first).
public struct ProfileLoader: Sendable {
  /// Id column name.
  public var customerColumn: String
  /// Signup date column, or nil to look for one of ``signupFallbacks``.
  public var signupColumn: String?
  /// strftime-style format of the signup date, or nil for ISO-8601 / `yyyyMMdd`.
  public var dateFormat: String?
  /// Tolerances.
  public var options: IngestOptions

  /// Signup columns looked for when none is named.
  public static let signupFallbacks = [
    "signup_date", "signup", "signed_up", "created_at", "registration_date", "first_seen", "date",
  ]

  /// Creates a loader.
  public init(
    customerColumn: String = "customer_id", signupColumn: String? = nil, dateFormat: String? = nil,
    options: IngestOptions = IngestOptions()
  ) {
    self.customerColumn = customerColumn
    self.signupColumn = signupColumn
    self.dateFormat = dateFormat
    self.options = options
  }

  /// Loads the file at `path`.
  /// - Throws: ``IngestError``.
  public func load(path: String) throws -> (table: ProfileTable, summary: IngestSummary) {
    let file = try MappedFile(path: path)
    return try file.withBytes { try load(bytes: $0, path: path) }
  }

  /// Loads CSV text held in memory; `path` is used in messages and the summary.
  public func load(bytes: [UInt8], path: String) throws -> (table: ProfileTable, summary: IngestSummary) {
    try bytes.withUnsafeBufferPointer { try load(bytes: $0, path: path) }
  }

  /// Loads CSV bytes; `path` is used in messages and the summary.
  public func load(bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> (
    table: ProfileTable, summary: IngestSummary
  ) {
    let parser: DayParser
    do { parser = try DayParser(format: dateFormat) } catch { throw IngestError.badDateFormat(error) }
    var session = try IngestSession(bytes: bytes, path: path, kind: "profiles", options: options)
    let r = session.resolver
    let idColumn = try r.require(customerColumn, role: "customer")
    let signup: Int?
    if let signupColumn {
      signup = try r.require(signupColumn, role: "signup")
    } else {
      signup = ProfileLoader.signupFallbacks.lazy.compactMap { r.index(of: $0) }.first
    }
    let attributeColumns = r.header.indices.filter { $0 != idColumn && $0 != signup }
    session.summary.columnMapping["customer"] = r.header[idColumn]
    if let signup { session.summary.columnMapping["signup"] = r.header[signup] }

    var ids = ByteInterner()
    var signupDays: [Int32?] = []
    var values = Array(repeating: [String](), count: attributeColumns.count)
    var firstDay = Int.max
    var lastDay = Int.min
    while try session.nextRecord() {
      guard session.hasHeaderWidth() else { continue }
      let record = session.record
      let id = record.trimmedField(idColumn)
      guard id.count > 0 else {
        session.quarantine(.missingCustomerID, "customer id is empty")
        continue
      }
      var day: Int?
      if let signup {
        let f = record.trimmedField(signup)
        if f.count > 0 {
          guard let d = parser.parseDay(f) else {
            session.quarantine(.badDate, "cannot read \(session.quoted(f)) as a signup date")
            continue
          }
          day = d
        }
      }
      guard session.isFirstOccurrence() else { continue }
      guard ids.intern(id).isNew else {
        session.summary.duplicateIDsDropped += 1
        continue
      }
      signupDays.append(day.map { Int32(truncatingIfNeeded: $0) })
      if let d = day {
        firstDay = min(firstDay, d)
        lastDay = max(lastDay, d)
      }
      for (k, c) in attributeColumns.enumerated() {
        values[k].append(String(decoding: record.trimmedField(c), as: UTF8.self))
      }
    }
    try session.finish()
    session.summary.keptRows = ids.count
    session.summary.distinctCustomers = ids.count
    if firstDay <= lastDay {
      session.summary.firstDay = firstDay
      session.summary.lastDay = lastDay
    }
    let attributes = attributeColumns.enumerated().map { k, c in
      ProfileAttribute(name: r.header[c], values: values[k])
    }
    let table = ProfileTable(
      customerIDs: ids.strings, signupDay: signupDays, signupColumn: signup.map { r.header[$0] },
      attributes: attributes)
    return (table, session.summary)
  }
}
