import CLVMath
import Foundation
import Testing

@testable import CLVData

/// Quoting rules from RFC 4180 §2.6–2.7; formula prefixes from OWASP "CSV Injection".
@Suite struct CSVWriterTests {
  /// Rows made in blocks side by side are the bytes of the same rows written one after the
  /// other (ids that need quotes or defusing, numbers, empty cells), for no rows, a part of a
  /// block, and several blocks with a short last one, with one thread and two.
  @Test func rowsMadeSideBySideAreTheSequentialBytes() throws {
    func cells(_ i: Int) -> [CSVCell] {
      let id = i % 5 == 0 ? "=x\(i)" : i % 7 == 0 ? "a,\"\(i)\"" : "c\(i)"
      return [.text(id), .fixed(Double(i) / 3 - 100, decimals: 2), .integer(i * 7 - 50), .raw(i % 2 == 0 ? "" : "k")]
    }
    let limit = WorkPool.shared.threadLimit
    defer { WorkPool.shared.threadLimit = limit }
    for count in [0, 1, CSVWriter.rowBlock - 1, 2 * CSVWriter.rowBlock + 5, 5 * CSVWriter.rowBlock] {
      var one = CSVWriter(header: ["id", "x", "n", "k"])
      for i in 0..<count { one.appendRow(cells(i)) }
      for threads in [1, 2] {
        WorkPool.shared.threadLimit = threads
        var out = [UInt8]()
        var pieces = 0
        CSVWriter.rows(header: ["id", "x", "n", "k"], count: count, into: { out += $0; pieces += 1 }) { i, w in
          for c in cells(i) { w.append(c) }
        }
        #expect(out == one.bytes, "\(count) rows, \(threads) threads")
        #expect(pieces >= 1 + (count + CSVWriter.rowBlock - 1) / CSVWriter.rowBlock / 2)
      }
    }
  }

  @Test(arguments: [
    ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""), ("two\nlines", "\"two\nlines\""),
    ("cr\rx", "\"cr\rx\""), ("", ""), (" padded", "\" padded\""), ("Zürich", "Zürich"),
  ])
  func quoting(_ field: String, _ expected: String) {
    #expect(CSVWriter.escaped(field) == expected)
  }

  @Test func formulaGuardAppliesToTextCellsOnly() {
    var w = CSVWriter(header: ["id", "value"])
    w.appendRow([.text("=HYPERLINK(\"x\")"), .raw("-12.5")])
    w.appendRow([.text("+1"), .number(-0.25)])
    w.appendRow([.text("-2"), .integer(-3)])
    w.appendRow([.text("@SUM(A1)"), .number(.nan)])
    w.appendRow([.text("\tx"), .text("safe")])
    #expect(
      w.text == """
        id,value
        "'=HYPERLINK(""x"")",-12.5
        '+1,-0.25
        '-2,-3
        '@SUM(A1),
        '\tx,safe

        """)
    var off = CSVWriter(guardsFormulas: false)
    off.appendRow(["=1+1"])
    #expect(off.text == "=1+1\n")
  }

  /// Whatever the writer produces, the reader gives back the same fields.
  @Test func roundTripsThroughTheReader() throws {
    let rows = [["a", "b,c", "d\"e"], ["multi\nline", "", "x"], ["Zürich", "\"", " lead"]]
    var w = CSVWriter(guardsFormulas: false)
    for r in rows { w.appendRow(r) }
    let back: [[String]] = try w.bytes.withUnsafeBufferPointer { buf in
      var reader = CSVReader(bytes: buf, fileName: "w.csv")
      var record = CSVRecord()
      var out: [[String]] = []
      while try reader.next(into: &record) { out.append(record.strings) }
      return out
    }
    #expect(back == rows)
  }

  /// Flushed in pieces, a table is the same bytes as written whole, and nothing is handed
  /// on before the threshold is reached.
  @Test func flushedPiecesAreTheWholeTable() {
    let rows: [[CSVCell]] = (0..<500).map { i in [.text("c\(i)"), .number(Double(i) / 7), .text(i % 3 == 0 ? "=x,y" : "")] }
    var whole = CSVWriter(header: ["id", "x", "note"])
    for r in rows { whole.appendRow(r) }
    var pieces = [[UInt8]]()
    var streamed = CSVWriter(header: ["id", "x", "note"])
    for r in rows {
      streamed.appendRow(r)
      streamed.flush(into: { pieces.append($0) }, every: 1_000)
      #expect(streamed.bytes.count < 1_000 + 64)
    }
    streamed.flush { pieces.append($0) }
    #expect(pieces.count > 2)
    #expect(pieces.dropLast().allSatisfy { $0.count >= 1_000 })
    #expect(pieces.flatMap { $0 } == whole.bytes)
    #expect(streamed.bytes.isEmpty)
    streamed.flush { pieces.append($0) }  // nothing left: no empty piece
    #expect(pieces.flatMap { $0 } == whole.bytes)
  }

  /// Fixed decimals: x·10^d as a Double rounded half away from zero, a sign only when a
  /// digit is not 0, zero-padded; beyond 9·10¹⁵ printf's form; non-finite is empty.
  @Test(arguments: [
    (0.0, 2, "0.00"), (0.05, 2, "0.05"), (-0.005, 2, "-0.01"), (-0.004, 2, "0.00"), (2.675, 2, "2.68"),
    (1234.5, 0, "1235"), (-7.0, 0, "-7"), (0.00005, 4, "0.0001"), (99.999, 2, "100.00"), (0.0000001, 6, "0.000000"),
    (123456.789, 6, "123456.789000"), (1e20, 2, "100000000000000000000.00"), (-.infinity, 2, ""),
  ])
  func fixedDecimals(_ x: Double, _ decimals: Int, _ expected: String) {
    #expect(CSVWriter.fixed(x, decimals: decimals) == expected)
    var w = CSVWriter()
    w.appendRow([.fixed(x, decimals: decimals), .integer(1)])
    #expect(w.text == expected + ",1\n")
  }

  /// The digits agree with the integer part and remainder written out by `String` (the
  /// form the cells had before), over many magnitudes and signs.
  @Test func fixedMatchesStringArithmetic() {
    var rng = SystemRandomNumberGenerator()
    for _ in 0..<20_000 {
      let x = Double.random(in: -1...1, using: &rng) * Double.random(in: 0...12, using: &rng).exponentialTen
      for d in 1...6 {
        let unit = Int64([1, 10, 100, 1_000, 10_000, 100_000, 1_000_000][d])
        let scaled = (abs(x) * Double(unit)).rounded()
        guard scaled < 9e15 else { continue }  // printf's form (the case above)
        let n = Int64(scaled)
        var fraction = String(n % unit)
        fraction = String(repeating: "0", count: d - fraction.count) + fraction
        let expected = (x < 0 && n != 0 ? "-" : "") + String(n / unit) + "." + fraction
        #expect(CSVWriter.fixed(x, decimals: d) == expected, "\(x) \(d)")
      }
    }
  }

  @Test(arguments: [0, 7, -3, 10, -10, 1_234_567_890, Int.max, Int.min])
  func integers(_ n: Int) {
    var w = CSVWriter()
    w.appendRow([.integer(n)])
    #expect(w.text == String(n) + "\n")
  }

  /// Cells appended one at a time make the bytes of the same cells as a row.
  @Test func cellByCellIsTheRow() {
    let rows: [[CSVCell]] = [
      [.text("=x"), .raw("a,b"), .number(0.1), .integer(-2), .fixed(3.14159, decimals: 2)],
      [.raw("")], [.text("solo")], [.fixed(.nan, decimals: 4), .text(""), .raw("")],
    ]
    var whole = CSVWriter(header: ["h1", "h2"])
    var cells = CSVWriter(header: ["h1", "h2"])
    for r in rows {
      whole.appendRow(r)
      for c in r { cells.append(c) }
      cells.endRow()
    }
    #expect(cells.bytes == whole.bytes)
    #expect(whole.text.hasPrefix("h1,h2\n'=x,\"a,b\",0.1,-2,3.14\n\nsolo\n,,\n"))
  }
}

extension Double {
  /// 10^self.
  fileprivate var exponentialTen: Double { Foundation.pow(10, self) }
}
