import Foundation
import Testing

@testable import CLVData

/// Rows a real shop cannot hold — a date before 1900 or after today + one year, an amount
/// beyond ±1e12, a NUL byte — are quarantined with their own reason, counted as bad rows,
/// and never reach the log (so the day range, and with it the default as-of, ignores them).
@Suite struct PlausibleValuesTests {
  static let today = CivilDate(year: 2026, month: 12, day: 1)!

  static func load(_ rows: [String], profiles: Bool = false) throws -> (log: TransactionLog, summary: IngestSummary) {
    var settings = FileReadSettings(maxBadRowFraction: 1)
    settings.plausible = PlausibleValues(today: today)
    let text = (["customer_id,order_id,order_date,amount"] + rows).joined(separator: "\n") + "\n"
    return try TransactionLoader(settings: settings).load(bytes: Array(text.utf8), path: "mem.csv")
  }

  @Test func theWindowRunsFrom1900ToAYearAfterToday() {
    let p = PlausibleValues(today: Self.today)
    #expect(CivilDate(day: p.days.lowerBound).iso == "1900-01-01")
    #expect(CivilDate(day: p.days.upperBound).iso == "2027-12-01")
    #expect(p.problem(day: CivilDate(year: 2027, month: 12, day: 1)!.day) == nil)
    #expect(
      p.problem(day: CivilDate(year: 2027, month: 12, day: 2)!.day)
        == "2027-12-02 is after 2027-12-01 (today + one year)")
    #expect(p.problem(day: CivilDate(year: 1899, month: 12, day: 31)!.day) == "1899-12-31 is before 1900-01-01")
    #expect(PlausibleValues().problem(day: CivilDate(year: 9999, month: 12, day: 31)!.day) != nil)
    #expect(PlausibleValues.problem(amount: 1e12) == nil && PlausibleValues.problem(amount: -1e12) == nil)
    #expect(PlausibleValues.problem(amount: 1.0000001e12) != nil && PlausibleValues.problem(amount: -1e155) != nil)
  }

  @Test func outOfRangeRowsAreQuarantinedWithTheirOwnReasons() throws {
    let (log, s) = try Self.load([
      "A,1,2025-01-05,10", "A,2,9999-12-31,10", "B,3,2126-03-01,5", "B,4,2036-01-01,5", "C,5,1899-06-30,7",
      "C,6,2025-02-01,1e155", "C,7,2025-02-02,-2000000000000", "D,8,2025-03-01,999999999999", "E\u{0},9,2025-03-02,4",
      "F,10,2027-06-01,3",
    ])
    #expect(s.quarantineCounts == ["date_out_of_range": 4, "amount_out_of_range": 2, "nul_byte": 1])
    #expect(s.quarantineSamples.map(\.line) == [3, 4, 5, 6, 7, 8, 10])
    #expect(s.quarantineSamples[0].detail == "order_date 9999-12-31 is after 2027-12-01 (today + one year)")
    #expect(s.quarantineSamples[4].detail.contains("1e+155"))
    #expect(s.quarantineSamples[6].excerpt == "E\\u{0},9,2025-03-02,4", "the excerpt shows the NUL as a code")
    #expect(log.customerIDs == ["A", "D", "F"])
    #expect(s.firstDate?.iso == "2025-01-05" && s.lastDate?.iso == "2027-06-01")
    #expect(s.dataRows == s.keptRows + s.quarantinedRows)
  }

  @Test func eventsAndProfilesUseTheSameWindow() throws {
    var settings = FileReadSettings(maxBadRowFraction: 1)
    settings.plausible = PlausibleValues(today: Self.today)
    let events = "customer_id,event_time,event_type\nA,2025-01-01,view\nA,9999-01-01,view\nB\u{0},2025-01-01,view\n"
    let (_, es) = try EventLoader(settings: settings).load(bytes: Array(events.utf8), path: "e.csv")
    #expect(es.quarantineCounts == ["date_out_of_range": 1, "nul_byte": 1])
    let profiles = "customer_id,signup_date,country\nA,2025-01-01,DE\nB,1850-01-01,FR\nC,2025-02-01,IT\n"
    let (table, ps) = try ProfileLoader(settings: settings).load(bytes: Array(profiles.utf8), path: "c.csv")
    #expect(ps.quarantineCounts == ["date_out_of_range": 1])
    #expect(ps.quarantineSamples.first?.detail == "signup_date 1850-01-01 is before 1900-01-01")
    #expect(table.customerIDs == ["A", "C"])
  }
}
