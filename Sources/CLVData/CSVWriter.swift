import CLVMath
import Foundation

/// One cell of a CSV row to write.
package enum CSVCell: Sendable, Equatable {
  /// Text that may come from input data (ids, names): quoted as needed and, when the
  /// writer guards formulas, prefixed with `'` if it starts with `= + - @`, tab or CR.
  case text(String)
  /// Text produced by `clv` itself (formatted numbers, dates, labels): quoted as
  /// needed, never prefixed, so `-12.5` stays a number.
  case raw(String)
  /// A number in Swift's shortest round-trip form (`0.1`, `12.5`, `1e-07`); non-finite
  /// values are written as empty cells.
  case number(Double)
  /// An integer.
  case integer(Int)
  /// A number with exactly `decimals` decimals (0...6), rounded half away from zero; a
  /// non-finite value is an empty cell (``CSVWriter/fixed(_:decimals:)``).
  case fixed(Double, decimals: Int)
}

/// Writes RFC 4180 CSV deterministically: LF line ends, a field is quoted when it
/// contains a comma, a quote, CR or LF (or starts/ends with a space), and quotes inside
/// are doubled.
///
/// **Formula injection.** Spreadsheets run a cell starting with `=`, `+`, `-` or `@` as
/// a formula (OWASP "CSV Injection"). With `guardsFormulas` on, ``CSVCell/text(_:)``
/// cells that start with one of these, a tab or CR get a leading apostrophe, which
/// spreadsheets hide and treat as "this is text".
package struct CSVWriter: Sendable {
  /// Whether untrusted text cells are defused (see the type's discussion).
  package let guardsFormulas: Bool
  /// The bytes written so far.
  package private(set) var bytes: [UInt8] = []
  /// Whether the next cell starts a row (no comma before it).
  private var atRowStart = true

  /// A writer, optionally starting with a header row (header cells are untrusted text).
  package init(header: [String]? = nil, guardsFormulas: Bool = true) {
    self.guardsFormulas = guardsFormulas
    if let header { appendRow(header.map(CSVCell.text)) }
  }

  /// How many bytes ``flush(into:every:)`` lets gather before handing them on.
  package static let flushSize = 1 << 20

  /// Hands the bytes written so far to `write` and forgets them (keeping the buffer), so a
  /// table of millions of rows goes out in pieces instead of being held whole.
  package mutating func flush(into write: ([UInt8]) throws -> Void) rethrows {
    guard !bytes.isEmpty else { return }
    try write(bytes)
    bytes.removeAll(keepingCapacity: true)
  }

  /// ``flush(into:)`` once at least `size` bytes have gathered (call it after each row).
  package mutating func flush(into write: ([UInt8]) throws -> Void, every size: Int) rethrows {
    if bytes.count >= size { try flush(into: write) }
  }

  /// Writes a header row, then rows `0..<count`, each made by `row(i, &writer)` (its cells;
  /// the row's end is added), handed to `write` in pieces in row order. Rows are made
  /// ``rowBlock`` at a time, one block per thread side by side (``WorkPool``), each into its
  /// own writer: a row's bytes depend only on the row, so the bytes are those of writing
  /// the rows one after the other, with any number of threads. `row` is called from
  /// several threads at once and must only read shared state.
  package static func rows(
    header: [String], count: Int, guardsFormulas: Bool = true, into write: ([UInt8]) throws -> Void,
    row: (Int, inout CSVWriter) -> Void
  ) rethrows {
    var head = CSVWriter(header: header, guardsFormulas: guardsFormulas)
    try head.flush(into: write)
    let threads = max(1, min(WorkPool.shared.threadCount, WorkPool.shared.threadLimit))
    var writers = [CSVWriter](repeating: CSVWriter(guardsFormulas: guardsFormulas), count: threads)
    var start = 0
    while start < count {
      let units = min(threads, (count - start + rowBlock - 1) / rowBlock)
      let first = start
      writers.withUnsafeMutableBufferPointer { w in
        WorkPool.shared.forEach(units) { u, _ in
          for i in (first + u * rowBlock)..<min(count, first + (u + 1) * rowBlock) {
            row(i, &w[u])
            w[u].endRow()
          }
        }
      }
      for u in 0..<units { try writers[u].flush(into: write) }
      start = min(count, start + units * rowBlock)
    }
  }

  /// Rows one thread makes at a time in ``rows(header:count:guardsFormulas:into:row:)``
  /// (about a megabyte of `predictions.csv`).
  package static let rowBlock = 8192

  /// The written CSV as a String.
  package var text: String { String(decoding: bytes, as: UTF8.self) }

  /// Appends one row and a line feed.
  package mutating func appendRow(_ cells: [CSVCell]) {
    for cell in cells { append(cell) }
    endRow()
  }

  /// Appends one cell to the row being written (a comma before all but its first cell);
  /// ``endRow()`` ends the row. The same bytes as ``appendRow(_:)`` of the row's cells,
  /// without an array per row.
  package mutating func append(_ cell: CSVCell) {
    if !atRowStart { bytes.append(44) }
    atRowStart = false
    switch cell {
    case .text(let s): appendField(guardsFormulas ? CSVWriter.defused(s) : s)
    case .raw(let s): appendField(s)
    case .number(let x): if x.isFinite { bytes.append(contentsOf: "\(x)".utf8) }
    case .integer(let n): appendInteger(n)
    case .fixed(let x, let decimals): appendFixed(x, decimals: decimals)
    }
  }

  /// Ends the row being written with a line feed.
  package mutating func endRow() {
    bytes.append(10)
    atRowStart = true
  }

  /// `x` with exactly `decimals` decimals (0...6), rounded half away from zero (of the
  /// binary value scaled by 10^decimals), "" when not finite; `-` only when a digit is not 0.
  /// Integer arithmetic instead of `String(format:)`, which costs microseconds per call on
  /// Linux: predictions.csv has millions of numbers.
  package static func fixed(_ x: Double, decimals: Int) -> String {
    var w = CSVWriter(guardsFormulas: false)
    w.appendFixed(x, decimals: decimals)
    return w.text
  }

  private static let powersOfTen: [Double] = [1, 10, 100, 1_000, 10_000, 100_000, 1_000_000]

  private mutating func appendFixed(_ x: Double, decimals: Int) {
    guard x.isFinite else { return }
    let scaled = (abs(x) * Self.powersOfTen[decimals]).rounded()
    guard scaled < 9e15 else {
      bytes.append(contentsOf: String(format: "%.\(decimals)f", x).utf8)
      return
    }
    let n = UInt64(scaled)
    if x < 0 && n != 0 { bytes.append(45) }
    appendDigits(n, atLeast: decimals + 1, pointBefore: decimals)
  }

  private mutating func appendInteger(_ n: Int) {
    if n < 0 { bytes.append(45) }
    appendDigits(UInt64(n.magnitude), atLeast: 1, pointBefore: 0)
  }

  /// The decimal digits of `n` (at least `minimum`, zero-padded on the left), with a `.`
  /// before the last `point` of them when `point` > 0.
  private mutating func appendDigits(_ n: UInt64, atLeast minimum: Int, pointBefore point: Int) {
    var count = 1
    var rest = n / 10
    while rest > 0 {
      count += 1
      rest /= 10
    }
    let digits = max(count, minimum)
    let length = digits + (point > 0 ? 1 : 0)
    let start = bytes.count
    bytes.append(contentsOf: repeatElement(48, count: length))
    bytes.withUnsafeMutableBufferPointer { b in
      var p = start + length - 1
      var v = n
      for k in 0..<digits {
        if point > 0 && k == point {
          b[p] = 46
          p -= 1
        }
        b[p] = 48 + UInt8(v % 10)
        v /= 10
        p -= 1
      }
    }
  }

  /// Appends a row of untrusted text cells.
  package mutating func appendRow(_ texts: [String]) {
    appendRow(texts.map(CSVCell.text))
  }

  /// `s` with a leading `'` when a spreadsheet would read it as a formula.
  package static func defused(_ s: String) -> String {
    guard let first = s.utf8.first else { return s }
    switch first {
    case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 9, 13:
      return "'" + s
    default:
      return s
    }
  }

  /// `s` as a CSV field: quoted when needed, quotes doubled.
  package static func escaped(_ s: String) -> String {
    var w = CSVWriter(guardsFormulas: false)
    w.appendField(s)
    return w.text
  }

  private mutating func appendField(_ s: String) {
    let utf8 = s.utf8
    let needsQuotes =
      utf8.contains { $0 == 44 || $0 == 34 || $0 == 10 || $0 == 13 }
      || utf8.first == 32 || utf8.last == 32
    guard needsQuotes else {
      bytes.append(contentsOf: utf8)
      return
    }
    bytes.append(34)
    for b in utf8 {
      bytes.append(b)
      if b == 34 { bytes.append(34) }
    }
    bytes.append(34)
  }
}
