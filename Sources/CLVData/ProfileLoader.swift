/// Loads an optional customer-profile CSV into a ``ProfileTable``.
///
/// Columns: the id column (default `customer_id`, required); a signup date column
/// (the settings' date column, or the first present of ``signupFallbacks``; optional); everything
/// else becomes an attribute. Rows: wrong field count, empty id, or a non-empty
/// signup date that cannot be read → quarantined; exact duplicate records → dropped;
/// a later row for an id already seen → dropped and counted in
/// ``IngestSummary/duplicateIDsDropped`` (the first row wins: exports list the
/// original registration first).
public struct ProfileLoader: TableLoader {
  /// How to read the file: id and signup date columns, date format, dialect, tolerances.
  package var settings: FileReadSettings

  package static let kind = "profiles"

  /// Signup columns looked for when none is named.
  public static let signupFallbacks = [
    "signup_date", "signup", "signed_up", "created_at", "registration_date", "first_seen", "date",
  ]

  /// Creates a loader.
  package init(settings: FileReadSettings = FileReadSettings()) {
    self.settings = settings
  }

  package func read(_ session: inout IngestSession) throws -> (table: ProfileTable, summary: IngestSummary) {
    let parser = try session.dayParser()
    let r = session.resolver
    let idColumn = try r.require(settings.customerColumn ?? "customer_id", role: "customer")
    let signup: Int?
    if let signupColumn = settings.dateColumn {
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
    while try session.nextRecord() {
      guard session.hasHeaderWidth(), let id = session.customerID(idColumn) else { continue }
      var day: Int?
      if let signup {
        // The signup date is optional: only a non-empty unreadable one is a bad row.
        if session.record.trimmedField(signup).count > 0 {
          guard let d = session.day(signup, parser, what: "signup date") else { continue }
          day = d
        }
      }
      guard session.isFirstOccurrence() else { continue }
      guard ids.intern(id).isNew else {
        session.summary.duplicateIDsDropped += 1
        continue
      }
      signupDays.append(day.map { Int32(truncatingIfNeeded: $0) })
      for (k, c) in attributeColumns.enumerated() {
        values[k].append(String(decoding: session.record.trimmedField(c), as: UTF8.self))
      }
    }
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
