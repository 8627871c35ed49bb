import Testing

@testable import CLVData

/// Expected parses follow RFC 4180 §2 and, for the relaxations, Go's encoding/csv.
@Suite struct CSVReaderTests {
  struct Parsed: Equatable {
    var records: [[String]] = []
    var lines: [Int] = []
    var raws: [String] = []
  }

  static func parse(_ text: String) throws -> Parsed {
    let bytes = Array(text.utf8)
    return try bytes.withUnsafeBufferPointer { buf in
      var reader = CSVReader(bytes: buf, fileName: "t.csv")
      var record = CSVRecord()
      var out = Parsed()
      while try reader.next(into: &record) {
        out.records.append(record.strings)
        out.lines.append(record.line)
        out.raws.append(String(decoding: record.raw, as: UTF8.self))
      }
      return out
    }
  }

  struct Case: CustomTestStringConvertible, Sendable {
    let name: String
    let text: String
    let records: [[String]]
    let lines: [Int]
    var testDescription: String { name }
  }

  static let cases: [Case] = [
    Case(name: "plain LF", text: "a,b\n1,2\n", records: [["a", "b"], ["1", "2"]], lines: [1, 2]),
    Case(name: "CRLF", text: "a,b\r\n1,2\r\n", records: [["a", "b"], ["1", "2"]], lines: [1, 2]),
    Case(name: "no trailing newline", text: "a,b\n1,2", records: [["a", "b"], ["1", "2"]], lines: [1, 2]),
    Case(name: "BOM", text: "\u{FEFF}a,b\n1,2\n", records: [["a", "b"], ["1", "2"]], lines: [1, 2]),
    Case(
      name: "empty fields", text: ",\n,,x\n\"\",1\n", records: [["", ""], ["", "", "x"], ["", "1"]], lines: [1, 2, 3]),
    Case(name: "quoted comma", text: "\"a,b\",c\n", records: [["a,b", "c"]], lines: [1]),
    Case(
      name: "escaped quote", text: "\"say \"\"hi\"\"\",2\n\"\"\"\",x\n", records: [["say \"hi\"", "2"], ["\"", "x"]],
      lines: [1, 2]),
    Case(
      name: "embedded newline keeps later line numbers", text: "h1,h2\n\"multi\nline\nfield\",1\nnext,2\n",
      records: [["h1", "h2"], ["multi\nline\nfield", "1"], ["next", "2"]], lines: [1, 2, 5]),
    Case(
      name: "embedded CRLF", text: "\"a\r\nb\",c\r\nd,e\r\n", records: [["a\r\nb", "c"], ["d", "e"]], lines: [1, 3]),
    Case(
      name: "blank lines skipped, counted in line numbers", text: "a\n\n\r\nb\n\n", records: [["a"], ["b"]],
      lines: [1, 4]),
    Case(name: "quoted field at end without newline", text: "a,\"b\"", records: [["a", "b"]], lines: [1]),
    Case(
      name: "bare quote inside unquoted field kept", text: "12\" pizza,3\n", records: [["12\" pizza", "3"]], lines: [1]),
    Case(name: "lone CR is data", text: "a\rb,c\n", records: [["a\rb", "c"]], lines: [1]),
    Case(name: "UTF-8 passes through", text: "Zürich,€5\n", records: [["Zürich", "€5"]], lines: [1]),
    Case(
      name: "final CR without LF is a terminator", text: "a,b\r\n1,2\r", records: [["a", "b"], ["1", "2"]],
      lines: [1, 2]),
    Case(
      name: "long fields cross the 8-byte scan", text: "abcdefghijklmnop,qrstuvwxyz0123456789\r\n0123456789abcdef\n",
      records: [["abcdefghijklmnop", "qrstuvwxyz0123456789"], ["0123456789abcdef"]], lines: [1, 2]),
    Case(name: "trailing comma gives empty last field", text: "a,b,\n", records: [["a", "b", ""]], lines: [1]),
  ]

  @Test(arguments: cases) func parses(_ c: Case) throws {
    let p = try Self.parse(c.text)
    #expect(p.records == c.records)
    #expect(p.lines == c.lines)
  }

  @Test func rawRecordExcludesTerminatorAndKeepsQuotes() throws {
    let p = try Self.parse("\"x,1\",2\r\nplain,3")
    #expect(p.raws == ["\"x,1\",2", "plain,3"])
  }

  @Test func unterminatedQuoteNamesTheOpeningLine() throws {
    let text = "a,b\n1,2\n3,\"never closed\n4,5\n"
    #expect(throws: CSVParseError(file: "t.csv", recordLine: 3, line: 5, column: 1, kind: .unterminatedQuote)) {
      try Self.parse(text)
    }
    do {
      _ = try Self.parse(text)
    } catch let e as CSVParseError {
      #expect(e.description.contains("line 3"))
      #expect(e.description.contains("t.csv:5:1"))
    }
  }

  @Test func characterAfterClosingQuoteIsAnError() throws {
    #expect(throws: CSVParseError(file: "t.csv", recordLine: 2, line: 2, column: 6, kind: .characterAfterQuote(120))) {
      try Self.parse("a,b\n1,\"2\"x\n")
    }
  }

  @Test func emptyInputHasNoRecords() throws {
    #expect(try Self.parse("").records.isEmpty)
    #expect(try Self.parse("\u{FEFF}").records.isEmpty)
    #expect(try Self.parse("\n\n").records.isEmpty)
  }

  @Test func manyEscapedFieldsInOneRecordStayIntact() throws {
    // More escaped bytes than the scratch buffer's first capacity (256) forces a regrowth.
    let long = String(repeating: "ab\"\"", count: 100)
    let p = try Self.parse("\"\(long)\",\"x\"\"y\"\n")
    #expect(p.records == [[String(repeating: "ab\"", count: 100), "x\"y"]])
  }
}
