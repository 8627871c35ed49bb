import Foundation
import Testing

@testable import CLVData

/// The committed `sample-data/` must load under default options with the counts its
/// README states (data-row totals cross-checked with Python's csv module).
@Suite struct BundledSampleDataTests {
  static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sample-data")

  @Test func transactionsMatchTheReadme() throws {
    let (log, s) = try TransactionLoader().load(path: Self.dir.appendingPathComponent("transactions.csv").path)
    #expect(s.dataRows == 50_453)
    #expect(s.duplicateRowsDropped == 258)
    // The ten planted bad amounts include three '$12': a currency sign, read as 12.
    #expect(s.quarantineCounts == ["bad_date": 11, "bad_amount": 7, "wrong_column_count": 12])
    #expect(s.noCustomerIDRows == 21)
    #expect(s.refundRows == 1190)
    #expect(s.keptRows == 48_951 + 1190 + 3)
    #expect(s.distinctCustomers == 9503 && log.customerIDs.count == 9503)
    // The window is 2024-10-01 … 2026-09-30 (days 19997 … 20726).
    #expect(s.firstDay.map { $0 >= 19997 } == true)
    #expect(s.lastDay.map { $0 <= 20726 } == true)
  }

  @Test func profilesAndEventsMatchTheReadme() throws {
    let (profiles, p) = try ProfileLoader().load(path: Self.dir.appendingPathComponent("customers.csv").path)
    #expect(profiles.count == 12_000)
    #expect(p.duplicateIDsDropped == 2)
    #expect(p.quarantineCounts == ["bad_date": 1])
    #expect(p.noCustomerIDRows == 1)
    let (events, e) = try EventLoader().load(path: Self.dir.appendingPathComponent("events.csv").path)
    #expect(e.duplicateRowsDropped == 322)
    #expect(e.quarantinedRows + e.noCustomerIDRows == 99)
    #expect(e.noCustomerIDRows == 28)
    #expect(events.count == 165_241)
  }
}
