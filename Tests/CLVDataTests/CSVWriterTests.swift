import Testing

@testable import CLVData

/// Quoting rules from RFC 4180 §2.6–2.7; formula prefixes from OWASP "CSV Injection".
@Suite struct CSVWriterTests {
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
}
