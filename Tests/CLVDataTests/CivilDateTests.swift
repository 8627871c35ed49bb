import Foundation
import Testing

@testable import CLVData

/// Reference values: `date -d … +%s / 86400` (GNU coreutils) and ISO weekday from `date +%u`.
@Suite struct CivilDateTests {
  struct Case: CustomTestStringConvertible, Sendable {
    let y: Int, m: Int, d: Int, days: Int, weekday: Int
    var testDescription: String { "\(y)-\(m)-\(d)" }
  }

  static let cases: [Case] = [
    Case(y: 1970, m: 1, d: 1, days: 0, weekday: 4),
    Case(y: 1969, m: 12, d: 31, days: -1, weekday: 3),
    Case(y: 2000, m: 2, d: 29, days: 11016, weekday: 2),
    Case(y: 2024, m: 3, d: 5, days: 19787, weekday: 2),
    Case(y: 2026, m: 9, d: 30, days: 20726, weekday: 3),
    Case(y: 1997, m: 1, d: 1, days: 9862, weekday: 3),
    Case(y: 1600, m: 3, d: 1, days: -135080, weekday: 3),
  ]

  @Test(arguments: cases) func roundTrip(_ c: Case) throws {
    let date = try #require(CivilDate(year: c.y, month: c.m, day: c.d))
    #expect(date.day == c.days)
    #expect(date.weekday == c.weekday)
    let back = date.components
    #expect(back.year == c.y && back.month == c.m && back.day == c.d)
    #expect(CivilDate(iso: date.iso) == date)
  }

  @Test func everyDayOfFourCenturiesRoundTrips() {
    // 146,097 days = one Gregorian era; consecutive days must map to consecutive dates.
    var previous = CivilDate.civilFromDays(-1)
    for z in 0..<146_097 {
      let c = CivilDate.civilFromDays(z)
      #expect(CivilDate.daysFromCivil(year: c.year, month: c.month, day: c.day) == z)
      let advancedDay = c.day == previous.day + 1 && c.month == previous.month
      let newMonth = c.day == 1 && (c.month == previous.month % 12 + 1)
      if !(advancedDay || newMonth) {
        Issue.record("discontinuity at day \(z): \(previous) → \(c)")
        return
      }
      previous = c
    }
  }

  @Test func invalidDatesAreRejected() {
    #expect(CivilDate(year: 2023, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 1900, month: 2, day: 29) == nil)
    #expect(CivilDate(year: 2000, month: 2, day: 29) != nil)
    #expect(CivilDate(year: 2024, month: 4, day: 31) == nil)
    #expect(CivilDate(year: 2024, month: 13, day: 1) == nil)
    #expect(CivilDate(iso: "2024-03-05T10:00:00Z") == nil)
    #expect(CivilDate(iso: "20240305") == nil)
  }

  @Test func monthHelpersAndJSON() throws {
    let d = try #require(CivilDate(iso: "2024-03-05"))
    #expect(d.startOfMonth.iso == "2024-03-01")
    #expect(d.monthIndex == 54 * 12 + 2)
    let json = try JSONEncoder().encode([d])
    #expect(String(decoding: json, as: UTF8.self) == "[\"2024-03-05\"]")
    #expect(try JSONDecoder().decode([CivilDate].self, from: json) == [d])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode([CivilDate].self, from: Data("[\"2023-02-29\"]".utf8))
    }
  }

  @Test func isoFormatting() throws {
    #expect(try #require(CivilDate(year: 2024, month: 3, day: 5)).iso == "2024-03-05")
    #expect(try #require(CivilDate(year: 987, month: 12, day: 1)).iso == "0987-12-01")
  }

  @Test(arguments: [
    ("2024-01-31", 1, "2024-02-29"), ("2023-01-31", 1, "2023-02-28"), ("2024-03-15", -3, "2023-12-15"),
    ("2024-12-31", 2, "2025-02-28"), ("2024-05-10", 24, "2026-05-10"), ("2024-02-29", -12, "2023-02-28"),
  ])
  func addingMonths(_ start: String, _ n: Int, _ expected: String) throws {
    let d = try #require(CivilDate(iso: start))
    #expect(d.adding(months: n).iso == expected)
  }
}
