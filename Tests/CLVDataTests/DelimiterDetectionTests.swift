import Testing

@testable import CLVData

/// The delimiter is found from the header and the first rows; a setting overrides it.
@Suite struct DelimiterDetectionTests {
  static func detect(_ text: String) -> DelimiterDetector.Outcome {
    var copy = text
    return copy.withUTF8 { DelimiterDetector.detect($0) }
  }

  @Test(arguments: [
    ("a,b,c\n1,2,3\n", Delimiter.comma), ("a;b;c\n1;2;3\n", .semicolon), ("a\tb\tc\n1\t2\t3\n", .tab),
    ("a|b|c\n1|2|3\n", .pipe),
    // German Excel: semicolons, decimal commas in every row.
    ("\u{FEFF}Kundennummer;Bestelldatum;Betrag\r\nK1;05.01.2023;12,50\r\nK2;06.01.2023;1.234,56\r\n", .semicolon),
    // Stripe: commas, thousands separators inside quotes; a semicolon inside quotes too.
    ("id,Amount,Description\nch_1,\"1,234.56\",\"a; b\"\nch_2,\"12.00\",x\n", .comma),
    // A comma in a header name does not beat the delimiter the rows agree on.
    ("name;\"city, country\";total\nA;\"Paris, FR\";3\nB;x;4\n", .semicolon),
    // A row with an extra comma inside a value of a semicolon file.
    ("a;b\n1,5;2\n3;4,5\n7;8\n", .semicolon),
  ])
  func detects(_ text: String, _ expected: Delimiter) {
    #expect(Self.detect(text).delimiter == expected)
  }

  @Test func excelSepLineNamesTheDelimiterAndIsSkipped() throws {
    let text = "sep=;\r\ncustomer_id;order_date;amount\r\nC1;2024-01-05;12,50\r\n"
    #expect(Self.detect(text) == .init(delimiter: .semicolon, how: "named by the file's sep= line", sepLineLength: 7))
    let (log, s) = try TransactionLoader().load(bytes: Array(text.utf8), path: "x.csv")
    #expect(log.customerIDs == ["C1"] && log.amount == [12.5])
    #expect(s.dataRows == 1)
    #expect(s.dialect.delimiter == "';' (named by the file's sep= line)")
  }

  @Test func oneColumnFallsBackToComma() {
    #expect(Self.detect("customer_id\nC1\n").delimiter == .comma)
  }

  @Test func theSettingWins() throws {
    let text = "customer_id;order_date;amount\nC1,x;2024-01-05;3\n"
    // Detected: semicolon.
    let (log, s) = try TransactionLoader().load(bytes: Array(text.utf8), path: "x.csv")
    #expect(log.customerIDs == ["C1,x"])
    #expect(s.dialect.delimiter == "';' (detected)")
    // Forced comma: the header is then one column, and the error says which columns it saw.
    #expect(throws: IngestError.self) {
      try TransactionLoader(settings: FileReadSettings(delimiter: .comma)).load(bytes: Array(text.utf8), path: "x.csv")
    }
  }
}
