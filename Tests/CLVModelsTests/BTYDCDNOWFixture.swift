import CLVModels
import Foundation

/// The CDNOW 1/10 sample summarised as in Fader, Hardie & Lee (2005): same-day purchases
/// merged, time in weeks, calibration through 1997-09-30 (day 272 counting 1997-01-01 as
/// day 0), holdout 1997-10-01 … 1998-06-30 (days 273 … 545).
///
/// Test-side on purpose: CLVModelsTests cannot import CLVData, and the test should not
/// trust the code under test to build its own input.
struct BTYDCDNOWFixture: Sendable {
  /// One summary per customer, sorted by customer id.
  var histories: [PurchaseHistory] = []
  /// Purchase days in the holdout period, per customer.
  var holdoutCounts: [Double] = []
  /// Mean spend of the calibration-period repeat purchase days (0 when x = 0).
  var meanRepeatSpend: [Double] = []

  static let calibrationEndDay = 272
  static let holdoutEndDay = 545

  /// Loaded once per test process.
  static let shared: BTYDCDNOWFixture = load()

  /// Days since 1997-01-01 of a yyyyMMdd date (Hinnant's days_from_civil).
  static func dayNumber(_ yyyymmdd: Int) -> Int {
    func civil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
      let y = m <= 2 ? y0 - 1 : y0
      let era = (y >= 0 ? y : y - 399) / 400
      let yoe = y - era * 400
      let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
      let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
      return era * 146_097 + doe - 719_468
    }
    return civil(yyyymmdd / 10000, (yyyymmdd / 100) % 100, yyyymmdd % 100) - civil(1997, 1, 1)
  }

  private static func load() -> BTYDCDNOWFixture {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("Fixtures/cdnow_sample.csv")
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      preconditionFailure("missing fixture \(url.path)")
    }
    // customer → day → summed amount (same-day purchases merged).
    var spend: [String: [Int: Double]] = [:]
    for line in text.split(whereSeparator: \.isNewline).dropFirst() {  // the file has CRLF endings
      let f = line.split(separator: ",")
      guard f.count == 4, let date = Int(f[1]), let amount = Double(f[3]) else { continue }
      spend[String(f[0]), default: [:]][dayNumber(date), default: 0] += amount
    }
    var fixture = BTYDCDNOWFixture()
    for id in spend.keys.sorted() {
      let byDay = spend[id] ?? [:]
      let days = byDay.keys.sorted()
      let first = days[0]
      let calibration = days.filter { $0 <= calibrationEndDay }
      let holdout = days.filter { $0 > calibrationEndDay && $0 <= holdoutEndDay }
      let x = calibration.count - 1
      fixture.histories.append(
        PurchaseHistory(
          frequency: Double(x), recency: Double(calibration[x] - first) / 7,
          age: Double(calibrationEndDay - first) / 7))
      fixture.holdoutCounts.append(Double(holdout.count))
      let repeatSpend = calibration.dropFirst().reduce(0) { $0 + (byDay[$1] ?? 0) }
      fixture.meanRepeatSpend.append(x > 0 ? repeatSpend / Double(x) : 0)
    }
    return fixture
  }
}
