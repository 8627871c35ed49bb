/// The machinery the three loaders share: hashing the file, reading the header,
/// walking records, quarantining bad rows, dropping exact duplicates, and the
/// end-of-file checks (header only, too many bad rows).
///
/// A loader (see ``TableLoader``) is handed a session over the file's bytes, resolves its
/// columns with ``resolver``, then loops `while try session.nextRecord() { … }` reading
/// `session.record` through ``customerID(_:)`` and ``day(_:_:what:)``, calling
/// ``quarantine(_:_:)`` or ``isFirstOccurrence()`` per row, and finally ``finish()``.
package struct IngestSession {
  let path: String
  let settings: FileReadSettings
  var summary: IngestSummary
  let header: [String]
  let resolver: ColumnResolver
  /// The file's bytes (which the records and ids point into).
  let bytes: UnsafeBufferPointer<UInt8>
  private(set) var record = CSVRecord()
  private var reader: CSVReader
  /// Records seen so far, made on first use (only profiles ask).
  private var seen: RecordSet?
  private let digest: BackgroundSHA256?

  /// Starts a session: hashes the bytes and reads the header.
  /// - Throws: ``IngestError/emptyFile(path:)``, ``IngestError/malformedCSV(_:)``.
  init(bytes: UnsafeBufferPointer<UInt8>, path: String, kind: String, settings: FileReadSettings) throws {
    self.path = path
    self.settings = settings
    self.bytes = bytes
    let fileName = path.split(separator: "/").last.map(String.init) ?? path
    digest = settings.hashFile && bytes.count > 0 ? BackgroundSHA256(bytes: bytes) : nil
    summary = IngestSummary(kind: kind, fileName: fileName, sha256: "", bytes: bytes.count)
    reader = CSVReader(bytes: bytes, fileName: path, delimiter: settings.delimiter ?? .comma)
    var headerRecord = CSVRecord()
    let hasHeader: Bool
    do {
      hasHeader = try reader.next(into: &headerRecord)
    } catch let e as CSVParseError {
      throw IngestError.malformedCSV(e)
    }
    guard hasHeader else { throw IngestError.emptyFile(path: path) }
    header = headerRecord.strings
    resolver = ColumnResolver(path: path, header: header)
  }

  /// Advances to the next data record; false at the end.
  @inline(__always)
  mutating func nextRecord() throws -> Bool {
    do {
      guard try reader.next(into: &record) else { return false }
    } catch let e as CSVParseError {
      throw IngestError.malformedCSV(e)
    }
    summary.dataRows += 1
    return true
  }

  /// Sets the current record aside with a reason.
  mutating func quarantine(_ reason: QuarantineReason, _ detail: String) {
    summary.quarantineCounts[reason.rawValue, default: 0] += 1
    if summary.quarantineSamples.count < settings.quarantineSampleLimit {
      summary.quarantineSamples.append(
        QuarantinedRow(line: record.line, reason: reason, detail: detail, excerpt: record.excerpt()))
    }
  }

  /// Whether the current record is the first of its exact (byte-identical) copies;
  /// later copies are counted in ``IngestSummary/duplicateRowsDropped``.
  @inline(__always)
  mutating func isFirstOccurrence() -> Bool {
    // Sized for ~40-byte rows so the table rarely grows.
    if seen == nil { seen = RecordSet(capacity: max(1024, bytes.count / 40)) }
    if seen!.insert(record.raw) { return true }
    summary.duplicateRowsDropped += 1
    return false
  }

  /// Quarantines the record unless it has as many fields as the header.
  @inline(__always)
  mutating func hasHeaderWidth() -> Bool {
    if record.count == header.count { return true }
    quarantine(
      .wrongColumnCount, "has \(record.count) fields; the header has \(header.count)")
    return false
  }

  /// The parser of the file's date format.
  /// - Throws: ``IngestError/badDateFormat(_:)``.
  func dayParser() throws -> DayParser {
    do { return try DayParser(format: settings.dateFormat) } catch { throw IngestError.badDateFormat(error) }
  }

  /// The current record's customer id (trimmed), or nil after quarantining a row whose id
  /// is empty.
  @inline(__always)
  mutating func customerID(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
    let id = record.trimmedField(column)
    if id.count > 0 { return id }
    quarantine(.missingCustomerID, "customer id is empty")
    return nil
  }

  /// The day in `column` of the current record, or nil after quarantining the row as
  /// `bad_date`; `what` names the field in the detail (`"date"`, `"signup date"`).
  @inline(__always)
  mutating func day(_ column: Int, _ parser: DayParser, what: String = "date") -> Int? {
    let field = record.trimmedField(column)
    if let d = parser.parseDay(field) { return d }
    quarantine(.badDate, field.isEmpty ? "\(what) is empty" : "cannot read \(quoted(field)) as a \(what)")
    return nil
  }

  /// Sets the summary's day range from the kept rows' days.
  mutating func recordDayRange(_ days: [Int32]) {
    guard let lo = days.min(), let hi = days.max() else { return }
    summary.firstDay = Int(lo)
    summary.lastDay = Int(hi)
  }

  /// A short quoted rendering of a field for a quarantine detail.
  func quoted(_ field: UnsafeBufferPointer<UInt8>) -> String {
    let s = String(decoding: field, as: UTF8.self)
    return "'" + (s.count > 40 ? String(s.prefix(39)) + "…" : s) + "'"
  }

  /// End-of-file checks.
  /// - Throws: ``IngestError/headerOnly(path:columns:)`` when there were no data rows,
  ///   ``IngestError/tooManyBadRows(path:badRows:dataRows:maxFraction:firstBad:)`` when
  ///   the quarantined share exceeds the option.
  mutating func finish() throws {
    if let digest { summary.sha256 = digest.wait() }
    summary.blankLines = reader.skippedBlankLines
    guard summary.dataRows > 0 else { throw IngestError.headerOnly(path: path, columns: header) }
    let bad = summary.quarantinedRows
    if Double(bad) > settings.maxBadRowFraction * Double(summary.dataRows) {
      throw IngestError.tooManyBadRows(
        path: path, badRows: bad, dataRows: summary.dataRows,
        maxFraction: settings.maxBadRowFraction, firstBad: summary.quarantineSamples)
    }
  }
}
