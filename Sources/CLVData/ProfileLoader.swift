/// Loads an optional customer-profile CSV into a ``ProfileTable``.
///
/// Columns: the id column (default `customer_id`, required); a signup date column
/// (the settings' date column, else `signup_date` or a recognised name; optional); everything
/// else becomes an attribute. Rows: wrong field count, empty id, or a non-empty
/// signup date that cannot be read → quarantined; exact duplicate records → dropped;
/// a later row for an id already seen → dropped and counted in
/// ``IngestSummary/duplicateIDsDropped`` (the first row wins: exports list the
/// original registration first).
package struct ProfileLoader: TableLoader {
  /// How to read the file: id and signup date columns, date format, dialect, tolerances.
  package var settings: FileReadSettings

  package static let kind = "profiles"

  /// Creates a loader.
  package init(settings: FileReadSettings = FileReadSettings()) {
    self.settings = settings
  }

  package func read(_ session: inout IngestSession) throws -> (table: ProfileTable, summary: IngestSummary) {
    let r = session.resolver
    let idColumn = try session.customerColumn()
    let signup = try session.column(
      named: settings.dateColumn, defaultName: "signup_date", tiers: ColumnRoles.signupDate, role: "signup",
      key: "date-column", required: false)
    let attributeColumns = r.header.indices.filter { $0 != idColumn && $0 != signup }
    session.summary.columnMapping["customer"] = r.header[idColumn]
    if let signup { session.summary.columnMapping["signup"] = r.header[signup] }

    var dates = try DateColumn(name: signup.map { r.header[$0] } ?? "", role: "signup", format: settings.dateFormat)
    var ids = ByteInterner()
    var signupDays: [Int32?] = []
    var values = Array(repeating: [String](), count: attributeColumns.count)
    while try session.nextRecord() {
      guard session.hasHeaderWidth(), let id = session.customerID(idColumn) else { continue }
      var day: IngestSession.Cell<Int32>?
      if let signup {
        // The signup date is optional: only a non-empty unreadable one is a bad row.
        if session.record.trimmedField(signup).count > 0 {
          guard let d = session.day(signup, &dates) else { continue }
          day = d
        }
      }
      guard session.isFirstOccurrence() else { continue }
      guard ids.intern(id).isNew else {
        session.summary.duplicateIDsDropped += 1
        continue
      }
      if let day, day.deferred, let signup {
        dates.deferValue(session.record.trimmedField(signup), row: signupDays.count, line: session.record.line)
      }
      signupDays.append(day?.value)
      for (k, c) in attributeColumns.enumerated() {
        values[k].append(String(decoding: session.record.trimmedField(c), as: UTF8.self))
      }
    }
    try dates.resolve(path: session.path, option: session.option("date-format")) { signupDays[$0] = $1 }
    if signup != nil { session.summary.dialect.dates["signup"] = dates.shown }
    try session.finish()
    session.summary.keptRows = ids.count
    session.summary.distinctCustomers = ids.count
    session.recordDayRange(signupDays.compactMap { $0 })
    let attributes = attributeColumns.enumerated().map { k, c in
      ProfileAttribute(name: r.header[c], values: values[k])
    }
    let table = ProfileTable(
      customerIDs: ids.strings, signupDay: signupDays, signupColumn: signup.map { r.header[$0] },
      attributes: attributes)
    return (table, session.summary)
  }
}
