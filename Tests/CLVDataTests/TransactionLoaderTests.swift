import Foundation
import Testing

@testable import CLVData

/// Counts are checked against the hand-annotated fixture `Fixtures/transactions_dirty.csv`
/// (line: fate) — 2 kept, 3 kept, 4 dup of 2, 5 no customer id (a guest: not a bad row), 6 bad date (Feb 30), 7 bad amount,
/// 8 three fields, 9 refund, 10 zero kept, 11 bad amount "1,5", 12 kept (quoted id with comma,
/// CRLF), 13 kept (spaces), 14 dup of 10, 15 blank, 16–17 kept (multi-line order id),
/// 18 empty date, 19 dup of 3 (no trailing newline).
@Suite struct TransactionLoaderTests {
  static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/transactions_dirty.csv").path
  static let lenient = FileReadSettings(maxBadRowFraction: 0.5)

  static func load(
    _ text: String, columns: TransactionColumns = .init(), settings: FileReadSettings = lenient
  ) throws
    -> (log: TransactionLog, summary: IngestSummary)
  {
    try TransactionLoader(columns: columns, settings: settings).load(bytes: Array(text.utf8), path: "mem.csv")
  }

  @Test func cleaningCountsOnTheCraftedFile() throws {
    let (log, s) = try TransactionLoader(settings: Self.lenient).load(path: Self.fixture)
    #expect(s.fileName == "transactions_dirty.csv")
    #expect(s.dataRows == 16)
    #expect(s.blankLines == 1)
    #expect(s.keptRows == 7)
    #expect(s.duplicateRowsDropped == 3)
    #expect(s.noCustomerIDRows == 1)
    #expect(s.quarantinedRows == 5)
    #expect(s.dataRows == s.keptRows + s.duplicateRowsDropped + s.noCustomerIDRows + s.quarantinedRows)
    #expect(s.quarantineCounts == ["bad_date": 2, "bad_amount": 2, "wrong_column_count": 1])
    #expect(s.quarantineSamples.map(\.line) == [6, 7, 8, 11, 18])
    #expect(s.quarantineSamples.map(\.reason) == [.badDate, .badAmount, .wrongColumnCount, .badAmount, .badDate])
    #expect(s.quarantineSamples[0].detail == "cannot read '2024-02-30' as a date")
    #expect(s.quarantineSamples[1].detail == "cannot read 'abc' as a number")
    #expect(
      s.quarantineSamples[3].detail
        == "cannot read '1,5' as a number with a decimal point (the column's, detected from line 2: '10.00'); "
        + "it reads with a decimal comma")
    #expect(s.quarantineSamples[4].detail == "date is empty")
    #expect(s.quarantineSamples[3].excerpt == "\"C5\",\"O8\",\"2024-03-02\",\"1,5\"")
    #expect(s.dialect.numbers["amount"] == "decimal point (detected from line 2: '10.00')")
    #expect(s.dialect.dates["date"] == "ISO-8601 and yyyyMMdd (detected)")
    #expect(s.dialect.delimiter == "',' (detected)")
    #expect(s.dialect.encoding == "UTF-8")
    #expect(s.refundRows == 1 && s.refundTotal == -20.5)
    #expect(s.zeroAmountRows == 1)
    #expect(s.distinctCustomers == 5)
    #expect(s.firstDate?.iso == "2024-01-05" && s.lastDate?.iso == "2024-03-05")
    #expect(
      s.columnMapping == ["customer": "customer_id", "date": "order_date", "amount": "amount", "order": "order_id"])
    #expect(s.sha256.count == 64)

    #expect(log.customerIDs == ["C1", "C2", "C4", "C 6, Ltd", "C6"])
    #expect(log.customer == [0, 1, 1, 2, 3, 0, 4])
    #expect(log.amount == [10, 20.5, -20.5, 0, 12, 30.25, 1])
    #expect(
      log.day.map { CivilDate(day: Int($0)).iso }
        == ["2024-01-05", "2024-01-06", "2024-01-20", "2024-03-01", "2024-03-03", "2024-03-04", "2024-03-05"])
  }

  @Test func hashMatchesSha256sumOfTheFixture() throws {
    let (_, s) = try TransactionLoader(settings: Self.lenient).load(path: Self.fixture)
    let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.fixture)))
    #expect(s.sha256 == SHA256.hex(of: bytes))
    #expect(s.bytes == bytes.count)
  }

  @Test func tooManyBadRowsIsATypedErrorWithAdvice() throws {
    do {
      _ = try TransactionLoader().load(path: Self.fixture)
      Issue.record("expected tooManyBadRows")
    } catch let e as IngestError {
      guard case .tooManyBadRows(_, let bad, let total, let maxFraction, let counts, let first, _) = e else {
        Issue.record("wrong error \(e)")
        return
      }
      #expect(bad == 5 && total == 16 && maxFraction == 0.01)
      #expect(counts == ["bad_date": 2, "bad_amount": 2, "wrong_column_count": 1])
      #expect(first.map(\.line) == [6, 7, 8, 11, 18])
      let text = e.description
      #expect(text.contains("transactions_dirty.csv"))
      #expect(text.contains("5 of 16 data rows (31.3%)"))
      // Counts by reason, largest first (ties by name), each with its first lines.
      #expect(
        text.contains(
          "By reason: bad_amount 2 (line 7: cannot read 'abc' as a number; line 11: cannot read '1,5' as a number "
            + "with a decimal point"))
      #expect(
        text.contains(
          "; bad_date 2 (line 6: cannot read '2024-02-30' as a date; line 18: date is empty); "
            + "wrong_column_count 1 (line 8: has 3 fields; the header has 4)."))
      #expect(text.contains("--max-bad-rows 0.313 (for this file alone: --transactions-max-bad-rows)"))
      #expect(text.contains("Rows without a customer id are not bad rows"))
    }
  }

  @Test func missingColumnNamesWhatExistsAndSuggests() throws {
    // A named column must exist as named (a recognised name is not taken for it).
    var named = Self.lenient
    named.customerColumn = "customer_key"
    #expect(
      throws: IngestError.missingColumn(
        path: "mem.csv", role: "customer", column: "customer_key",
        available: ["Customer_Key", "order_date", "amount"], suggestion: "Customer_Key")
    ) { try Self.load("Customer_Key,order_date,amount\nC1,2024-01-01,3\n", settings: named) }
    // Nothing recognisable: the default is reported missing.
    #expect(
      throws: IngestError.missingColumn(
        path: "mem.csv", role: "customer", column: "customer_id",
        available: ["ref", "order_date", "amount"], suggestion: nil)
    ) { try Self.load("ref,order_date,amount\nC1,2024-01-01,3\n") }
    let message = IngestError.missingColumn(
      path: "mem.csv", role: "amount", column: "amount", available: ["customer_id", "amout"], suggestion: "amout"
    ).description
    #expect(
      message == "mem.csv: no column 'amount' (needed for the amount). Columns in the file: 'customer_id', "
        + "'amout'. Did you mean 'amout'? Name the column with the matching option (e.g. --amount-column NAME).")
    #expect(
      throws: IngestError.missingColumn(
        path: "mem.csv", role: "amount", column: "amount", available: ["customer_id", "order_date", "paid"],
        suggestion: nil)
    ) { try Self.load("customer_id,order_date,paid\nC1,2024-01-01,3\n") }
  }

  @Test func identicalRowsAreDuplicatesOnlyWithAnOrderID() throws {
    // With an order id, an identical row is a double export: dropped.
    let (withID, a) = try Self.load("customer_id,order_id,order_date,amount\nC1,O1,2024-01-01,3\nC1,O1,2024-01-01,3\n")
    #expect(withID.count == 1 && a.duplicateRowsDropped == 1)
    // Without one, two identical rows can be two real orders (CDNOW): both kept, and said so.
    let (without, b) = try Self.load("customer_id,order_date,amount\nC1,2024-01-01,3\nC1,2024-01-01,3\n")
    #expect(without.count == 2 && b.duplicateRowsDropped == 0)
    #expect(b.notes.contains("no order id column 'order_id': identical rows are kept as separate orders"))
  }

  @Test func dateColumnFallsBackAndSaysSo() throws {
    let (log, s) = try Self.load("customer_id,timestamp,amount\nC1,2024-01-01T10:00:00Z,3\n")
    #expect(log.count == 1)
    #expect(s.columnMapping["date"] == "timestamp")
    #expect(s.notes.contains("no 'order_date' column; took 'timestamp' as the date column (a usual name for it)"))
    // An explicitly named date column does not fall back.
    #expect(throws: IngestError.self) {
      var named = Self.lenient
      named.dateColumn = "paid_on"
      return try Self.load("customer_id,timestamp,amount\nC1,2024-01-01,3\n", settings: named)
    }
  }

  @Test func customColumnsAndDateFormat() throws {
    let text = "\u{FEFF}client;x,jour,total\r\nA;1,05/03/2024,1.5\r\nB,06/03/2024,2\r\n"
    var settings = Self.lenient
    settings.customerColumn = "client;x"
    settings.dateColumn = "jour"
    settings.dateFormat = "%d/%m/%Y"
    settings.delimiter = .comma
    let (log, s) = try Self.load(text, columns: TransactionColumns(amount: "total", order: nil), settings: settings)
    #expect(log.customerIDs == ["A;1", "B"])
    #expect(log.day == [19787, 19788])
    #expect(s.columnMapping["order"] == nil)
  }

  @Test func fileLevelErrors() throws {
    #expect(throws: IngestError.fileNotFound(path: "/nonexistent/tx.csv")) {
      try TransactionLoader().load(path: "/nonexistent/tx.csv")
    }
    #expect(throws: IngestError.emptyFile(path: "mem.csv")) { try Self.load("") }
    #expect(throws: IngestError.emptyFile(path: "mem.csv")) { try Self.load("\u{FEFF}\n") }
    #expect(throws: IngestError.headerOnly(path: "mem.csv", columns: ["customer_id", "order_date", "amount"])) {
      try Self.load("customer_id,order_date,amount\n")
    }
    #expect(throws: IngestError.badDateFormat(.unsupportedDirective("%Q", format: "%Q"))) {
      var settings = Self.lenient
      settings.dateFormat = "%Q"
      return try Self.load("customer_id,order_date,amount\nC,1,2\n", settings: settings)
    }
    #expect(throws: IngestError.self) { try Self.load("customer_id,order_date,amount\nC,\"2024-01-01,2\n") }
    #expect(IngestError.emptyFile(path: "x.csv").description.contains("x.csv"))
  }

  @Test(arguments: [
    ("12.50", 12.5), ("-3", -3), ("+0.1", 0.1), (".5", 0.5), ("1e3", 1000), ("0.1", 0.1),
    ("123456789.123456789", 123456789.123456789), ("00012", 12),
  ])
  func decimalParserAgreesWithStandardLibrary(_ text: String, _ expected: Double) {
    let v = Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0) }
    #expect(v == expected)
    #expect(v == Double(text))
  }

  @Test(arguments: ["", "-", ".", "1,5", "$3", "nan", "inf", "1.2.3", "12 ", "1e999"])
  func decimalParserRejects(_ text: String) {
    #expect(Array(text.utf8).withUnsafeBufferPointer { DecimalParser.parse($0) } == nil)
  }
}
