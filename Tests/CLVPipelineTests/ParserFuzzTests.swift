import CLVTestSupport
import Foundation
import Testing

@testable import CLVData

/// Seeded, time-boxed fuzzing of the reading layer in process: the CSV reader, the number
/// and date parsers and the transaction loader on mutated files (``FuzzMutator``). Each
/// target runs a fixed number of inputs (`CLV_FUZZ_SCALE` multiplies it for a longer
/// campaign) and stops early at its time box; the counts are printed. A finding is an
/// input that crashes, hangs, or breaks an invariant; it fails the test, and is kept as a
/// fixture in `Fixtures/fuzz` with a regression test (`ReportFuzzTests`).
@Suite(.serialized) struct ParserFuzzTests {
  static let scale = Int(ProcessInfo.processInfo.environment["CLV_FUZZ_SCALE"] ?? "") ?? 1
  /// Seed inputs: the head of the fixture shop's files and a few hand-made corner cases.
  static let seeds: [[UInt8]] = {
    let shop = PipelineFixture.shopDirectory
    var seeds = [[UInt8]]()
    for name in ["transactions.csv", "customers.csv", "events.csv"] {
      let text = (try? String(contentsOfFile: shop + "/" + name, encoding: .utf8)) ?? ""
      seeds.append(Array(text.split(separator: "\n").prefix(40).joined(separator: "\n").utf8) + [10])
    }
    seeds.append(Array("customer_id,order_date,amount\n\"a,b\",2024-01-01,\"1\"\"2\"\r\nc,20240102,3\n".utf8))
    return seeds
  }()

  /// Runs `body` on `count` mutated inputs or until `seconds` pass; returns how many ran.
  static func campaign(
    _ name: String, seed: UInt64, count: Int, seconds: Double, _ body: ([UInt8]) throws -> Void
  ) rethrows -> Int {
    var mutator = FuzzMutator(seed: seed)
    let start = Date()
    var ran = 0
    while ran < count * scale, Date().timeIntervalSince(start) < seconds * Double(scale) {
      let base = seeds[mutator.below(seeds.count)]
      try body(mutator.mutate(base))
      ran += 1
    }
    print("fuzz \(name): \(ran) inputs in \(String(format: "%.1f", Date().timeIntervalSince(start))) s")
    return ran
  }

  @Test func csvReader() throws {
    let ran = try Self.campaign("csv reader", seed: 1, count: 3000, seconds: 8) { bytes in
      try bytes.withUnsafeBufferPointer { p in
        var reader = CSVReader(bytes: p, fileName: "fuzz.csv")
        var record = CSVRecord()
        var lastLine = 0
        var records = 0
        do {
          while try reader.next(into: &record) {
            records += 1
            #expect(record.count >= 1 && record.line >= lastLine && records <= bytes.count + 1)
            lastLine = record.line
            for i in 0..<record.count { #expect(record.field(i).count <= bytes.count) }
            _ = record.excerpt()
          }
        } catch let e as CSVParseError {
          #expect(e.line >= e.recordLine && !e.description.isEmpty)
        }
      }
    }
    #expect(ran > 0)
  }

  /// Numbers: a parsed value is finite and equals Double(String) of the same text.
  @Test func decimalParser() {
    var mutator = FuzzMutator(seed: 2)
    let numbers = ["12.50", "-3", "0.001", "1e3", "+7", ".5", "123456789012345678", "1e308"].map { Array($0.utf8) }
    let start = Date()
    var ran = 0
    while ran < 20_000 * Self.scale, Date().timeIntervalSince(start) < 5 * Double(Self.scale) {
      let text = mutator.mutate(numbers[mutator.below(numbers.count)])
      let parsed = text.withUnsafeBufferPointer { DecimalParser.parse($0) }
      if let parsed {
        #expect(parsed.isFinite, "\(text)")
        #expect(parsed == Double(String(decoding: text, as: UTF8.self)), "\(String(decoding: text, as: UTF8.self))")
      }
      ran += 1
    }
    print("fuzz decimal parser: \(ran) inputs")
  }

  /// Dates: a parsed day is a real calendar date whose ISO text parses back to it.
  @Test func dayParser() throws {
    var mutator = FuzzMutator(seed: 3)
    let dates = ["2024-03-05", "20240305", "2024-03-05T10:35:34Z", "2024-03-05 10:35:34.123+05:30", "05/03/2024"]
      .map { Array($0.utf8) }
    let parsers = [
      DayParser.automatic, try DayParser(format: "%d/%m/%Y"), try DayParser(format: "%Y-%m-%dT%H:%M:%S%z"),
    ]
    let start = Date()
    var ran = 0
    while ran < 20_000 * Self.scale, Date().timeIntervalSince(start) < 5 * Double(Self.scale) {
      let text = mutator.mutate(dates[mutator.below(dates.count)])
      for parser in parsers {
        if let day = text.withUnsafeBufferPointer({ parser.parseDay($0) }) {
          let iso = CivilDate(day: day).iso
          #expect(DayParser.automatic.parseDay(iso) == day, "\(String(decoding: text, as: UTF8.self)) → \(iso)")
        }
      }
      ran += 1
    }
    print("fuzz day parser: \(ran) inputs")
  }

  /// The loader: an input is either refused with an ``IngestError`` or loaded with its
  /// counts adding up and every kept amount finite. Since #12 the log holds orders: a
  /// line is kept, a duplicate, a guest's, quarantined or excluded (a rule's exclusion),
  /// and each log row is a purchase order or a refund row.
  @Test func transactionLoader() throws {
    let loader = TransactionLoader(settings: FileReadSettings(maxBadRowFraction: 1, quarantineSampleLimit: 20))
    let ran = try Self.campaign("transaction loader", seed: 4, count: 1500, seconds: 10) { bytes in
      do {
        let (log, s) = try loader.load(bytes: bytes, path: "fuzz.csv")
        let excluded = s.exclusions.reduce(0) { $0 + $1.rows }
        #expect(
          s.dataRows == s.keptRows + s.duplicateRowsDropped + s.duplicateIDsDropped + s.noCustomerIDRows
            + s.quarantinedRows + excluded)
        #expect(log.count == s.orders + s.refundRows && log.count <= s.keptRows)
        #expect(log.day.count == log.count && log.customer.count == log.count)
        #expect(log.amount.allSatisfy { $0.isFinite })
        #expect(log.customer.allSatisfy { $0 >= 0 && Int($0) < log.customerIDs.count })
      } catch is IngestError {
      }
    }
    #expect(ran > 0)
  }
}
