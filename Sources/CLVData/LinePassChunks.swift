import CLVMath

/// How a transactions file's line pass is split across threads.
enum LinePassSplit: Sendable, Equatable {
  /// Two chunks on two threads for a file of at least ``LinePassChunks/minimumBytes``
  /// when the ``WorkPool`` may use two threads; else one serial pass.
  case automatic
  /// One serial pass.
  case serial
  /// Two chunks, the boundary searched from this byte offset of the text, whatever the
  /// file's size or the threads (for tests: every boundary must give the serial result).
  case at(Int)
}

/// Reads a transactions file's lines in two chunks on two threads (``WorkPool``), with
/// exactly the result of one serial ``TransactionLinePass``, or falls back to that pass.
///
/// 1. **Split.** The boundary is the byte after the first line feed at or after the middle
///    of the records: a record start, unless that line feed is inside a quoted field.
/// 2. **Read.** Chunk 1 (the caller's session) is read up to the boundary. Chunk 2, on a
///    helper, first reads the file's first ``warmUpRecords`` records in a throwaway pass, so
///    its date and number columns start in the state a serial pass has after them (the
///    date family found, the decimal mark decided, with the lines that decided them); it
///    counts the line feeds before the boundary for its line numbers (SWAR, one word per
///    step); then it reads from the boundary to the end.
/// 3. **Proof, then join.** Chunk 1 must stop exactly at the boundary (else the boundary
///    was inside a quoted field), its columns must end in a state alike to the one chunk 2
///    started from (``TransactionLinePass/continuesInto(_:startedFrom:)``), and chunk 2
///    must not open with continuation lines after a guest's order. Then every line of
///    chunk 2 was read — values, quarantine reasons and details, line numbers — as the
///    serial pass reads it, and the chunks are joined
///    (``TransactionLinePass/append(_:)``, ``IngestSession/absorb(_:)``): ids in
///    first-appearance order, row order, duplicate keys and sample order as one pass's.
///    Otherwise (or when chunk 2 hit a CSV error) chunk 2's work is dropped and chunk 1's
///    pass reads on to the end: the serial pass, which also throws any error exactly as
///    it would have.
///
/// When no helper is free the caller reads both chunks itself (``WorkPool`` semantics):
/// the cost over one pass is then the warm-up, the line count and the join.
enum LinePassChunks {
  /// How a pass went.
  enum Outcome: Equatable {
    /// One serial pass (the file is small, one thread, or split off).
    case serial
    /// Two chunks joined at this byte offset.
    case chunked(boundary: Int)
    /// Two chunks were read but chunk 2 was dropped, for this reason.
    case fellBack(String)
  }

  /// Smallest text (bytes after the header) read in two chunks by ``LinePassSplit/automatic`` (4 MiB).
  static let minimumBytes = 4 << 20

  /// Records the warm-up pass reads before chunk 2 starts.
  static let warmUpRecords = 1024

  /// Runs `pass` (which has read no line yet) over the rest of `session`'s records, as one
  /// serial pass would, split as `split` says; returns how it went.
  static func read(
    _ session: inout IngestSession, pass first: inout TransactionLinePass, split: LinePassSplit
  ) throws -> Outcome {
    let bytes = session.bytes
    let start = session.offset
    let searchFrom: Int
    switch split {
    case .serial:
      searchFrom = bytes.count
    case .automatic:
      let pool = WorkPool.shared
      let parallel = pool.threadCount > 1 && pool.threadLimit > 1 && bytes.count - start >= minimumBytes
      searchFrom = parallel ? start + (bytes.count - start) / 2 : bytes.count
    case .at(let offset):
      searchFrom = max(start, offset)
    }
    guard let boundary = recordStart(after: searchFrom, in: bytes), boundary > start else {
      try first.read(&session)
      return .serial
    }
    // The columns as they start, without the pass's (large) tables.
    let template = first.emptyPass(estimatedRows: 16)

    // Copied before chunk 1 moves on; chunk(at:line:) gives each copy its own record.
    let base = session
    var firstError: Error?
    var second: (pass: TransactionLinePass, session: IngestSession, start: TransactionLinePass)?
    WorkPool.shared.forEach(2, maxThreads: 2, coarse: true) { unit, _ in
      if unit == 0 {
        do { try first.read(&session, boundary: boundary) } catch { firstError = error }
      } else {
        second = try? readChunk(from: boundary, base: base, template: template)
      }
    }
    if let firstError { throw firstError }
    let reason: String
    if session.offset != boundary {
      reason = "the boundary at byte \(boundary) is inside a quoted field"
    } else if let second {
      if first.continuesInto(second.pass, startedFrom: second.start) {
        first.append(second.pass)
        session.absorb(second.session)
        return .chunked(boundary: boundary)
      }
      reason = "the columns' state changed after the warm-up, or a guest's order straddles the boundary"
    } else {
      reason = "chunk 2 could not be read apart"
    }
    try first.read(&session)
    return .fellBack(reason)
  }

  /// Chunk 2: the warm-up, the line count, then the records from `boundary` on. Returns
  /// the pass, its session and the (empty) pass it started as.
  private static func readChunk(
    from boundary: Int, base: IngestSession, template: TransactionLinePass
  ) throws -> (pass: TransactionLinePass, session: IngestSession, start: TransactionLinePass) {
    var warmSession = base.chunk(at: base.offset, line: base.line)
    var warm = template.emptyPass(estimatedRows: warmUpRecords)
    try warm.read(&warmSession, boundary: boundary, limit: warmUpRecords)
    let bytes = base.bytes
    let line = 1 + lineFeeds(in: UnsafeBufferPointer(rebasing: bytes[..<boundary]))
    var session = base.chunk(at: boundary, line: line)
    // Two values: a copy of one pass would share its tables until the first write copies them.
    let start = template.emptyPass(estimatedRows: 16, columnsFrom: warm)
    var pass = template.emptyPass(estimatedRows: max(16, (bytes.count - boundary) / 40), columnsFrom: warm)
    try pass.read(&session)
    return (pass, session, start)
  }

  /// The byte after the first line feed at or after `offset`, when something follows it;
  /// nil when there is none.
  static func recordStart(after offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard offset < bytes.count else { return nil }
    var i = offset
    while i < bytes.count, bytes[i] != 10 { i += 1 }
    return i + 1 < bytes.count ? i + 1 : nil
  }

  /// The number of line feeds in `bytes`. Eight bytes per step: a byte of `w ^ 0x0A…` is
  /// zero exactly where `w` has a line feed, and `((x & 0x7F…) + 0x7F…) | x` sets the high
  /// bit of every non-zero byte of `x` (no carries cross bytes), so the count is the
  /// bytes whose high bit stays clear.
  static func lineFeeds(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
    guard let base = bytes.baseAddress else { return 0 }
    let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    let highs: UInt64 = 0x8080_8080_8080_8080
    let feeds: UInt64 = 0x0A0A_0A0A_0A0A_0A0A
    let raw = UnsafeRawPointer(base)
    var zeroHighBits = 0
    var i = 0
    // Four words per step; each contributes its clear high bits to one popcount.
    while i + 32 <= bytes.count {
      var set = 0
      for k in 0..<4 {
        let x = raw.loadUnaligned(fromByteOffset: i + 8 * k, as: UInt64.self) ^ feeds
        set += (((x & lows) &+ lows) | x | ~highs).nonzeroBitCount
      }
      zeroHighBits += 4 * 64 - set
      i += 32
    }
    while i + 8 <= bytes.count {
      let x = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) ^ feeds
      zeroHighBits += 64 - (((x & lows) &+ lows) | x | ~highs).nonzeroBitCount
      i += 8
    }
    var n = zeroHighBits
    while i < bytes.count {
      if base[i] == 10 { n += 1 }
      i += 1
    }
    return n
  }
}
