import Foundation
import Synchronization
import Testing

@testable import CLVData

/// The two-chunk line pass (``LinePassChunks``) against the serial pass: the same
/// `TransactionLog` and `IngestSummary` (ids in first-appearance order, row order,
/// quarantine reasons, details and line numbers, duplicate counts, dialect phrases) for
/// every boundary of small dirty files, and for sampled boundaries of a generated file
/// longer than the warm-up, where both the joined and the fallen-back paths are taken.
@Suite struct LinePassChunksTests {
  /// Outcomes the loader reports, collected across loads.
  final class Outcomes: Sendable {
    let all = Mutex<[LinePassChunks.Outcome]>([])
    func add(_ o: LinePassChunks.Outcome) { all.withLock { $0.append(o) } }
    var chunked: Int { all.withLock { $0.filter { if case .chunked = $0 { true } else { false } }.count } }
    var fellBack: Int { all.withLock { $0.filter { if case .fellBack = $0 { true } else { false } }.count } }
  }

  /// A load's table and summary, or its error's text.
  enum Loaded {
    case loaded(TransactionLog, IngestSummary)
    case failed(String)
  }

  static func load(
    _ text: String, split: LinePassSplit, settings: FileReadSettings, columns: TransactionColumns = .init(),
    rules: OrderRules = .init(), outcomes: Outcomes? = nil
  ) -> Loaded {
    var loader = TransactionLoader(columns: columns, settings: settings)
    loader.rules = rules
    loader.split = split
    if let outcomes { loader.lastOutcome = { outcomes.add($0) } }
    do {
      let (log, summary) = try loader.load(bytes: Array(text.utf8), path: "mem.csv")
      return .loaded(log, summary)
    } catch {
      return .failed(String(describing: error))
    }
  }

  /// Loads `text` serially and split at each of `offsets`; every result must equal the serial one.
  static func expectSerialResult(
    _ text: String, offsets: [Int], settings: FileReadSettings, columns: TransactionColumns = .init(),
    rules: OrderRules = .init(), outcomes: Outcomes, fails: Bool = false
  ) {
    let serial = load(text, split: .serial, settings: settings, columns: columns, rules: rules)
    if case .failed(let message) = serial, !fails { Issue.record("the serial load fails: \(message)") }
    if case .loaded = serial, fails { Issue.record("the serial load must fail") }
    for k in offsets {
      let chunked = load(text, split: .at(k), settings: settings, columns: columns, rules: rules, outcomes: outcomes)
      switch (serial, chunked) {
      case (.loaded(let log, let summary), .loaded(let chunkedLog, let chunkedSummary)):
        #expect(log == chunkedLog, "log differs, boundary searched from byte \(k)")
        #expect(summary == chunkedSummary, "summary differs, boundary searched from byte \(k)")
      case (.failed(let a), .failed(let b)):
        #expect(a == b, "error differs, boundary searched from byte \(k)")
      default:
        Issue.record("one loads, the other fails, boundary searched from byte \(k): \(serial) vs \(chunked)")
      }
    }
  }

  static let lenient = FileReadSettings(maxBadRowFraction: 0.9)

  @Test func everyBoundaryOfTheCraftedFileGivesTheSerialResult() throws {
    // Quoted ids with commas, a CRLF line, a quoted newline in an order id, a blank line,
    // duplicates, bad dates and amounts, no trailing newline.
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/transactions_dirty.csv").path
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let outcomes = Outcomes()
    Self.expectSerialResult(text, offsets: Array(0...text.utf8.count), settings: Self.lenient, outcomes: outcomes)
    #expect(outcomes.chunked > 300)
    // Boundaries inside the quoted "O11⏎multi" and the lines before a blank line fall back.
    #expect(outcomes.fellBack > 0)
  }

  @Test func semicolonsDecimalCommasCRLFAndQuotedNewlines() {
    let text =
      [
        "customer_id;order_id;order_date;amount", "\"K;1\";A1;05.01.2024;12,50", "K2;A2;06.01.2024;1.234,00",
        "K3;\"A3\r\nnext\";07.01.2024;3,10", "K2;A4;31.02.2024;4,00", "K4;A5;08.01.2024;x", "K1;A6;09.01.2024;7",
        "K5;A7;10.01.2024;\"8,25\"", "K5;A7;10.01.2024;\"8,25\"", ";A8;11.01.2024;1,00", "K6;A9;12.01.2024",
        "K2;A10;13.01.2024;2,00", "K7;A11;14.01.2024;1.000,5",
      ].joined(separator: "\r\n") + "\r\n"
    let outcomes = Outcomes()
    Self.expectSerialResult(text, offsets: Array(0...text.utf8.count), settings: Self.lenient, outcomes: outcomes)
    #expect(outcomes.chunked > 100 && outcomes.fellBack > 0)
  }

  @Test func lineItemsGuestsAndAnOrderAcrossTheBoundary() {
    // Continuation lines (no customer, no date), a guest's order with continuation lines,
    // a continuation line whose order has no first line (quarantined after the pass),
    // orders whose lines straddle any boundary, statuses and currencies interned.
    let text = """
      order_id,customer_id,order_date,amount,status,currency
      A1,c1,2024-01-01,5,paid,EUR
      A1,,,2,,
      A1,,,1,,
      G1,,2024-01-02,9,paid,EUR
      G1,,,4,,
      G1,,,4,,
      A2,c2,2024-01-03,3,paid,EUR
      A2,,,1.5,,
      B9,,,3,,
      A3,c1,2024-01-04,8,refunded,EUR
      A3,,,8,,
      A4,c3,2024-13-01,1,paid,EUR
      A5,c2,2024-01-05,2,pending,
      A5,,,2,,

      """
    var rules = OrderRules()
    rules.statusColumn = "status"
    rules.currencyColumn = "currency"
    let outcomes = Outcomes()
    Self.expectSerialResult(
      text, offsets: Array(0...text.utf8.count), settings: Self.lenient, rules: rules, outcomes: outcomes)
    #expect(outcomes.chunked > 100)
  }

  @Test func deferredQuantitiesAndPricesAcrossTheBoundary() {
    // `1,234`-style values wait for the mark, which the last line decides (decimal comma).
    let text = """
      InvoiceNo,Quantity,InvoiceDate,UnitPrice,CustomerID
      1,2,05/01/2024,"1,250",a
      2,1,06/01/2024,"2,500",b
      3,3,07/01/2024,"1,125",a
      4,1,08/01/2024,"3,000",c
      5,2,13/01/2024,"2,5",b

      """
    var rules = OrderRules()
    rules.quantityColumn = "Quantity"
    rules.priceColumn = "UnitPrice"
    let settings = FileReadSettings(
      customerColumn: "CustomerID", dateColumn: "InvoiceDate", maxBadRowFraction: 0.9)
    let outcomes = Outcomes()
    Self.expectSerialResult(
      text, offsets: Array(0...text.utf8.count), settings: settings, columns: TransactionColumns(order: "InvoiceNo"),
      rules: rules, outcomes: outcomes)
    #expect(outcomes.chunked > 50)
  }

  /// 3,000 lines: bad rows every 97 lines (more than the 20 samples, on both sides of any
  /// middle boundary), a quoted newline at line 1,500, duplicates, and from line 2,200 on
  /// `yyyyMMdd` dates — a form the warm-up never saw, so boundaries after it fall back.
  static func longFile() -> String {
    var rows = ["customer_id,order_id,date,amount"]
    for i in 1...3000 {
      let customer = "C\((i * 7919) % 613)"
      let day = 1 + i % 28
      let date = i >= 2200 ? "202403\(day < 10 ? "0" : "")\(day)" : "2024-02-\(day < 10 ? "0" : "")\(day)"
      if i % 97 == 0 {
        rows.append("\(customer),O\(i),2024-02-30,1.00")
      } else if i % 89 == 0 {
        rows.append("\(customer),O\(i),\(date),n/a")
      } else if i == 1500 {
        rows.append("\(customer),\"O\(i)\nsecond line\",\(date),2.50")
      } else if i % 50 == 0 {
        rows.append(rows[rows.count - 1])
      } else {
        rows.append("\(customer),O\(i),\(date),\(i % 13).\(i % 10)5")
      }
    }
    return rows.joined(separator: "\n") + "\n"
  }

  @Test func aFileLongerThanTheWarmUpJoinsOrFallsBackToTheSerialResult() {
    let text = Self.longFile()
    let n = text.utf8.count
    let outcomes = Outcomes()
    let offsets = Array(stride(from: 0, through: n, by: n / 60)) + Array(stride(from: n / 2 - 40, to: n / 2 + 40, by: 3))
    Self.expectSerialResult(text, offsets: offsets, settings: Self.lenient, outcomes: outcomes)
    #expect(outcomes.chunked > 30 && outcomes.fellBack > 5)
    // Too many bad rows: the error names the same counts and first lines per reason.
    var strict = Self.lenient
    strict.maxBadRowFraction = 0.01
    Self.expectSerialResult(text, offsets: [n / 3, n / 2], settings: strict, outcomes: outcomes, fails: true)
    if case .failed(let message) = Self.load(text, split: .at(n / 2), settings: strict) {
      #expect(message.contains("line 98"))
    } else {
      Issue.record("the strict load must fail")
    }
  }

  @Test func lineFeedsAreCountedExactly() {
    var rng = SystemRandomNumberGenerator()
    for length in Array(0..<80) + [1000, 4099] {
      let bytes = (0..<length).map { _ in [10, 13, 44, 0, 255, 0x8A, 65][Int.random(in: 0..<7, using: &rng)] as UInt8 }
      let expected = bytes.filter { $0 == 10 }.count
      bytes.withUnsafeBufferPointer { #expect(LinePassChunks.lineFeeds(in: $0) == expected) }
    }
  }

  @Test func theAutomaticSplitOnlyChunksLargeFiles() {
    let outcomes = Outcomes()
    _ = Self.load(Self.longFile(), split: .automatic, settings: Self.lenient, outcomes: outcomes)
    #expect(outcomes.all.withLock { $0 } == [.serial])
  }
}
