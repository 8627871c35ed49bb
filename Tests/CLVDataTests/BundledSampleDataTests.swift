import Foundation
import Testing
@testable import CLVData

/// The committed `sample-data/` must load under default options with the counts its
/// README states (counted independently with Python's csv module when it was written).
@Suite struct BundledSampleDataTests {
  static let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("sample-data")

  @Test func transactionsMatchTheReadme() throws {
    let (log, s) = try TransactionLoader().load(path: Self.dir.appendingPathComponent("transactions.csv").path)
    #expect(s.dataRows == 21_514)
    #expect(s.duplicateRowsDropped == 110)
    #expect(s.quarantineCounts == ["missing_customer_id": 5, "bad_date": 5, "bad_amount": 6, "wrong_column_count": 6])
    #expect(s.refundRows == 463)
    #expect(s.keptRows == 20_919 + 463)
    #expect(s.distinctCustomers == 3937 && log.customerIDs.count == 3937)
    // The window is 2024-10-01 … 2026-09-30 (days 19997 … 20726).
    #expect(s.firstDay.map { $0 >= 19997 } == true)
    #expect(s.lastDay.map { $0 <= 20726 } == true)
  }

  @Test func profilesAndEventsMatchTheReadme() throws {
    let (profiles, p) = try ProfileLoader().load(path: Self.dir.appendingPathComponent("customers.csv").path)
    #expect(profiles.count == 5000)
    #expect(p.duplicateIDsDropped == 2)
    #expect(p.quarantineCounts == ["missing_customer_id": 1, "bad_date": 1])
    let (events, e) = try EventLoader().load(path: Self.dir.appendingPathComponent("events.csv").path)
    #expect(e.duplicateRowsDropped == 240)
    #expect(e.quarantinedRows == 48)
    #expect(events.count == 117_979)
  }
}
