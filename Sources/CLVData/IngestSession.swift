#if canImport(Glibc)
  import Glibc
#endif

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
  /// The file's text (UTF-8), which the records and ids point into.
  let bytes: UnsafeBufferPointer<UInt8>
  /// Owns the memory behind ``bytes``.
  private let input: InputText
  private(set) var record = CSVRecord()
  private var reader: CSVReader
  /// Records seen so far, made on first use (only profiles ask).
  private var seen: RecordSet?
  private var digest: BackgroundSHA256?
  /// Whether the file holds a NUL byte anywhere (one `memchr`; only then are records searched).
  private let fileHasNUL: Bool
  /// Bytes of a mapped file read since its pages behind the reader were last released.
  private var readSinceRelease = 0
  /// Where this session's records start: pages before it are another chunk's (see
  /// ``chunk(at:line:)``) and are not released from here.
  private var releaseFloor = 0
  /// Blank lines skipped by chunks read apart and absorbed (``absorb(_:)``).
  private var absorbedBlankLines = 0
  /// The first rows of each quarantine reason, for the too-many-bad-rows message.
  private var firstByReason: [QuarantineReason: [QuarantinedRow]] = [:]

  /// Starts a session: hashes the bytes as read, finds the delimiter and reads the header.
  /// - Throws: ``IngestError/emptyFile(path:)``, ``IngestError/malformedCSV(_:)``.
  init(input: InputText, kind: String, settings: FileReadSettings) throws {
    let path = input.path
    self.path = path
    self.settings = settings
    self.input = input
    bytes = input.text
    fileHasNUL = input.text.baseAddress.map { memchr($0, 0, input.text.count) != nil } ?? false
    digest = settings.hashFile && input.raw.count > 0 ? BackgroundSHA256(bytes: input.raw) : nil
    summary = IngestSummary(kind: kind, fileName: Self.shownName(path), sha256: "", bytes: input.raw.count)
    summary.dialect.source = input.origin.rawValue
    summary.dialect.compression = input.compression
    summary.dialect.encoding = input.encoding.shown
    let detected = DelimiterDetector.detect(bytes)
    let delimiter = settings.delimiter ?? detected.delimiter
    summary.dialect.delimiter = delimiter.shown + (settings.delimiter != nil ? " (set)" : " (\(detected.how))")
    summary.dialect.lineEnding = Self.lineEnding(bytes)
    reader = CSVReader(bytes: bytes, fileName: path, delimiter: delimiter)
    var headerRecord = CSVRecord()
    let hasHeader: Bool
    do {
      hasHeader = try reader.next(into: &headerRecord)
      // Excel's `sep=;` line comes before the header.
      if hasHeader, settings.delimiter == nil, detected.sepLineLength > 0 {
        guard try reader.next(into: &headerRecord) else { throw IngestError.emptyFile(path: path) }
      }
    } catch let e as CSVParseError {
      throw IngestError.malformedCSV(e)
    }
    guard hasHeader else { throw IngestError.emptyFile(path: path) }
    header = headerRecord.strings
    resolver = ColumnResolver(path: path, header: header)
  }

  /// The name shown for `path`: its last component; standard input and the pipes of a
  /// shell (`/dev/fd/63`) keep the whole.
  static func shownName(_ path: String) -> String {
    if path == "-" { return "standard input" }
    if path.hasPrefix("/dev/") || path.hasPrefix("/proc/") { return path }
    return path.split(separator: "/").last.map(String.init) ?? path
  }

  /// `CRLF` or `LF`, from the first line end (`LF` when there is none).
  static func lineEnding(_ p: UnsafeBufferPointer<UInt8>) -> String {
    guard let lf = p.firstIndex(of: 10) else { return "LF" }
    return lf > 0 && p[lf - 1] == 13 ? "CRLF" : "LF"
  }

  /// Advances to the next data record; false at the end.
  @inline(__always)
  mutating func nextRecord() throws -> Bool {
    while true {
      do {
        guard try reader.next(into: &record) else { return false }
      } catch let e as CSVParseError {
        throw IngestError.malformedCSV(e)
      }
      summary.dataRows += 1
      readSinceRelease += record.raw.count
      if readSinceRelease > Self.releaseStride { releasePagesBehind() }
      guard fileHasNUL, record.raw.contains(0) else { return true }
      quarantine(.nulByte, "holds a NUL byte (a binary file or a broken export)")
    }
  }

  /// How many bytes the reader goes between two releases of the pages behind it (32 MiB).
  static let releaseStride = 32 << 20

  /// Releases the mapped pages more than one stride behind the current record: a mapped
  /// file's resident memory stays ~64 MiB whatever its size (the bytes stay readable).
  @inline(never)
  private mutating func releasePagesBehind() {
    readSinceRelease = 0
    guard let at = record.raw.baseAddress, let base = bytes.baseAddress else { return }
    input.releasePages(from: releaseFloor, before: at - base - Self.releaseStride)
  }

  /// The byte offset of the text where the next record (or blank line) starts.
  var offset: Int { reader.offset }

  /// The 1-based physical line the reader is on.
  var line: Int { reader.currentLine }

  /// A session over the same file that reads the records from byte `offset` on (a record
  /// start on physical `line`, see ``CSVReader/starting(at:line:)``), with its own
  /// record, counts and quarantine samples, and no digest: a chunk read on another
  /// thread, folded back in with ``absorb(_:)``.
  func chunk(at offset: Int, line: Int) -> IngestSession {
    var c = self
    c.reader = reader.starting(at: offset, line: line)
    c.record = CSVRecord()  // a record's storage is a reference: never share it
    c.digest = nil
    c.seen = nil
    c.readSinceRelease = 0
    c.releaseFloor = offset
    c.absorbedBlankLines = 0
    c.firstByReason = [:]
    c.summary.dataRows = 0
    c.summary.noCustomerIDRows = 0
    c.summary.duplicateRowsDropped = 0
    c.summary.quarantineCounts = [:]
    c.summary.quarantineSamples = []
    return c
  }

  /// Adds the row counts and quarantined rows of `later`, a ``chunk(at:line:)`` whose
  /// records all come after this session's: the samples stay the first
  /// ``FileReadSettings/quarantineSampleLimit`` in line order, as one pass would keep them.
  mutating func absorb(_ later: IngestSession) {
    summary.dataRows += later.summary.dataRows
    summary.noCustomerIDRows += later.summary.noCustomerIDRows
    summary.duplicateRowsDropped += later.summary.duplicateRowsDropped
    for (reason, n) in later.summary.quarantineCounts { summary.quarantineCounts[reason, default: 0] += n }
    let room = max(0, settings.quarantineSampleLimit - summary.quarantineSamples.count)
    summary.quarantineSamples += later.summary.quarantineSamples.prefix(room)
    for (reason, rows) in later.firstByReason {
      let have = firstByReason[reason, default: []]
      firstByReason[reason] = have + rows.prefix(max(0, 3 - have.count))
    }
    absorbedBlankLines += later.reader.skippedBlankLines + later.absorbedBlankLines
  }

  /// Sets the current record aside with a reason.
  mutating func quarantine(_ reason: QuarantineReason, _ detail: String) {
    summary.quarantineCounts[reason.rawValue, default: 0] += 1
    let keep = summary.quarantineSamples.count < settings.quarantineSampleLimit
    let firstOfReason = firstByReason[reason, default: []].count < 3
    guard keep || firstOfReason else { return }
    let row = QuarantinedRow(line: record.line, reason: reason, detail: detail, excerpt: record.excerpt())
    if keep { summary.quarantineSamples.append(row) }
    if firstOfReason { firstByReason[reason, default: []].append(row) }
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

  /// The current record's customer id (trimmed), or nil for a row without one (a guest
  /// checkout, an anonymous event), counted in ``IngestSummary/noCustomerIDRows``: not a bad
  /// row, whatever else it holds.
  @inline(__always)
  mutating func customerID(_ column: Int) -> UnsafeBufferPointer<UInt8>? {
    let id = record.trimmedField(column)
    if id.count > 0 { return id }
    summary.noCustomerIDRows += 1
    return nil
  }

  /// A value read from the current record, or one that waits for its column's notation
  /// (``DateColumn``, ``NumberColumn``): then `value` is a placeholder and the loader passes
  /// the field to the column's `deferValue` with the row's output index.
  struct Cell<Value> {
    var value: Value
    var deferred: Bool
  }

  /// The date in field `index` of the current record, read by `column`; nil after
  /// quarantining the row as `bad_date`, or as `date_out_of_range` outside
  /// ``FileReadSettings/plausible`` (a deferred day-month value is not checked).
  @inline(__always)
  mutating func day(_ index: Int, _ column: inout DateColumn) -> Cell<Int32>? {
    switch column.read(record.trimmedField(index), line: record.line) {
    case .value(let d):
      if let problem = settings.plausible.problem(day: d) {
        quarantine(.dateOutOfRange, "\(column.name) \(problem)")
        return nil
      }
      return Cell(value: Int32(truncatingIfNeeded: d), deferred: false)
    case .deferred: return Cell(value: 0, deferred: true)
    case .invalid:
      quarantine(.badDate, column.invalidDetail)
      return nil
    }
  }

  /// The number in field `index` of the current record, read by `column`; nil after
  /// quarantining the row as `reason` (`bad_amount` for amounts).
  @inline(__always)
  mutating func number(
    _ index: Int, _ column: inout NumberColumn, reason: QuarantineReason = .badAmount
  ) -> Cell<Double>? {
    switch column.read(record.trimmedField(index), line: record.line) {
    case .value(let v): return Cell(value: v, deferred: false)
    case .deferred: return Cell(value: 0, deferred: true)
    case .invalid:
      quarantine(reason, column.invalidDetail)
      return nil
    }
  }

  /// The index of the column for `role` (see ``ColumnResolver/resolve(named:defaultName:tiers:role:option:required:)``);
  /// a guessed column is noted in the summary. `key` names its option (`customer-column`).
  mutating func column(
    named: String?, defaultName: String, tiers: [[String]], role: String, key: String, required: Bool = true
  ) throws -> Int? {
    let (i, note) = try resolver.resolve(
      named: named, defaultName: defaultName, tiers: tiers, role: role, option: option(key), required: required)
    if let note { summary.notes.append(note) }
    return i
  }

  /// The required customer id column.
  mutating func customerColumn() throws -> Int {
    try column(
      named: settings.customerColumn, defaultName: "customer_id", tiers: ColumnRoles.customer, role: "customer",
      key: "customer-column")!
  }

  /// How the user sets `key` (`decimal`, `date-format`, `customer-column`, …) for this
  /// file, for messages.
  func option(_ key: String) -> SettingHint { FileReadSettings.option(key, kind: summary.kind) }

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
    summary.blankLines = reader.skippedBlankLines + absorbedBlankLines
    guard summary.dataRows > 0 else { throw IngestError.headerOnly(path: path, columns: header) }
    let bad = summary.quarantinedRows
    if Double(bad) > settings.maxBadRowFraction * Double(summary.dataRows) {
      throw tooManyBadRows
    }
  }

  /// The error for more bad rows than the limit, with the counts and first lines per reason.
  var tooManyBadRows: IngestError {
    let first = firstByReason.values.flatMap { $0 }.sorted { $0.line < $1.line }
    return IngestError.tooManyBadRows(
      path: path, badRows: summary.quarantinedRows, dataRows: summary.dataRows,
      maxFraction: settings.maxBadRowFraction, counts: summary.quarantineCounts, firstBad: first,
      option: FileReadSettings.option("max-bad-rows", kind: summary.kind))
  }
}
