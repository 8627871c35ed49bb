import CLVData
import CLVFeatures
import Foundation
import Testing

@testable import CLVPipeline

/// The revenue forecast by month: it adds up to the horizon total, and its backtest error
/// per month is computed from the log as a person would by hand.
@Suite struct MonthlyForecastTests {
  static func day(_ iso: String) -> Int32 { Int32(CivilDate(iso: iso)!.day) }

  @Test func calendarMonthsAreClippedToTheWindow() {
    let months = CalendarMonth.covering(from: Self.day("2026-10-15"), to: Self.day("2027-01-10"))
    #expect(months.map(\.label) == ["2026-10", "2026-11", "2026-12", "2027-01"])
    #expect(months.map(\.days) == [17, 30, 31, 9])
  }

  @Test func monthsAddUpToTheHorizonTotalPerSegment() {
    let months = CalendarMonth.covering(from: Self.day("2026-10-01"), to: Self.day("2027-10-01"))
    let totals = [120.0, 0, 55.5, 300, 10, 1_000]
    let groupOf = [0, 0, 1, 1, 1, 0]
    // A decaying purchase curve for some customers, none (even by days) for others.
    let curve: (Int, [Double]) -> [Double]? = { i, t in i % 2 == 0 ? t.map { 3 * (1 - exp(-$0 / 20)) } : nil }
    let f = MonthlyForecast.make(
      months: months, totals: totals, groups: ["A", "B"], groupOf: groupOf, seed: 1, daysPerUnit: 7, curve: curve)
    #expect(abs(f.total.reduce(0, +) - totals.reduce(0, +)) < 1e-9)
    #expect(abs(f.spend[0].reduce(0, +) - 1_120) < 1e-9)
    #expect(abs(f.spend[1].reduce(0, +) - 365.5) < 1e-9)
    // Decaying curves put more in the first month than in the last.
    #expect(f.spend[0][0] > f.spend[0][11])
    // Customer 1 of group B (index 4, no curve) alone would spread by days: Oct 31/365.
    let even = MonthlyForecast.make(
      months: months, totals: [365], groups: ["B"], groupOf: [0], seed: 1, daysPerUnit: 7, curve: { _, _ in nil })
    #expect(abs(even.total[0] - 31) < 1e-9 && abs(even.total[1] - 30) < 1e-9)
  }

  @Test func aSampledSegmentStillAddsUpToItsTotal() {
    let n = MonthlyForecast.sampleLimit + 500
    let months = CalendarMonth.covering(from: Self.day("2026-01-01"), to: Self.day("2026-07-01"))
    let totals = (0..<n).map { Double($0 % 17) }
    let f = MonthlyForecast.make(
      months: months, totals: totals, groups: ["all"], groupOf: Array(repeating: 0, count: n), seed: 9,
      daysPerUnit: 7, curve: { i, t in t.map { $0 * Double(1 + i % 3) } })
    #expect(f.sampled && f.customersEvaluated == MonthlyForecast.sampleLimit)
    #expect(abs(f.total.reduce(0, +) - totals.reduce(0, +)) < 1e-6)
  }

  /// Three customers, a refund, a purchase outside the window: the actual per month by hand.
  @Test func backtestErrorPerMonthOnAHandMadeLog() {
    let log = TransactionLog(
      customerIDs: ["a", "b", "c"], customer: [0, 0, 0, 1, 1, 2, 2],
      day: [
        Self.day("2025-12-20"),  // before the window
        Self.day("2026-01-05"), Self.day("2026-02-10"),
        Self.day("2026-01-31"), Self.day("2026-01-31"),  // a purchase and its refund the same day
        Self.day("2026-03-01"),  // first day of March: outside a window ending 2026-03-01
        Self.day("2026-02-28"),
      ],
      amount: [999, 40, 25, 100, -30, 500, 10])
    let ledger = PurchaseLedger(log)
    let months = CalendarMonth.covering(from: Self.day("2026-01-01"), to: Self.day("2026-03-01"))
    let rows = ["a", "b", "c"].map { id in ledger.customerIDs.firstIndex(of: id)! }
    let actual = MonthlyBacktest.actualSpend(ledger: ledger, ledgerRows: rows + [-1], months: months)
    #expect(actual == [40 + 100 - 30, 25 + 10])
    let b = MonthlyBacktest(months: months, forecast: [121, 28], actual: actual)
    #expect(b.error == [11, -7])
    #expect(b.relativeError == [0.1, -0.2])
    #expect(abs(b.mape! - 0.15) < 1e-12)
    #expect(b.ratioBand == nil, "two months are too few for an interval")
    let longer = MonthlyBacktest(
      months: months + months, forecast: [100, 100, 100, 100], actual: [50, 100, 150, 200])
    // Ratios 0.5, 1, 1.5, 2: type-7 10th percentile 0.65, 90th 1.85 (numpy.quantile).
    let band = longer.ratioBand!
    #expect(abs(band.low - 0.65) < 1e-12 && abs(band.high - 1.85) < 1e-12)
  }
}
