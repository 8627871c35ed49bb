/// A calendar date in the proleptic Gregorian calendar, stored as whole days since
/// 1970-01-01 — the project's one time unit (the product's resolution is the day).
///
/// Conversions use Howard Hinnant's branch-light algorithms `days_from_civil` and
/// `civil_from_days` ("chrono-Compatible Low-Level Date Algorithms", 2013), exact for
/// every year in ±5.8 million; no time zones, no Foundation.
///
/// Which day a timestamp belongs to is decided by the parser: the date *as written* in
/// the record (see ``DayParser``).
package struct CivilDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01 (negative before it).
  package var day: Int

  /// The date `day` days after 1970-01-01.
  package init(day: Int) { self.day = day }

  /// The date with the given year, month (1–12) and day of month, or nil when it does
  /// not exist (e.g. 2023-02-29).
  package init?(year: Int, month: Int, day: Int) {
    guard CivilDate.isValid(year: year, month: month, day: day) else { return nil }
    self.day = CivilDate.daysFromCivil(year: year, month: month, day: day)
  }

  /// Parses an ISO date `YYYY-MM-DD` (nil when malformed or non-existent).
  package init?(iso text: String) {
    var copy = text
    let parsed = copy.withUTF8 { DayParser.automatic.parseDay($0) }
    guard let d = parsed, text.utf8.count == 10 else { return nil }
    self.day = d
  }

  /// Year, month (1–12) and day of month.
  package var components: (year: Int, month: Int, day: Int) {
    CivilDate.civilFromDays(day)
  }

  /// The ISO-8601 form `YYYY-MM-DD` (years outside 0…9999 get a sign and more digits).
  package var iso: String {
    let (y, m, d) = components
    func pad(_ v: Int, _ width: Int) -> String {
      let s = String(v)
      return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
    let year = (0...9999).contains(y) ? pad(y, 4) : (y < 0 ? "-" + pad(-y, 4) : "+" + pad(y, 4))
    return "\(year)-\(pad(m, 2))-\(pad(d, 2))"
  }

  /// The ISO form, so dates print readably.
  package var description: String { iso }

  /// ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday).
  package var weekday: Int {
    let w = (day + 3) % 7  // 0 = Monday for day 0 (a Thursday) ⇒ offset 3
    return (w < 0 ? w + 7 : w) + 1
  }

  /// The date `n` days later (earlier for negative `n`).
  package func adding(days n: Int) -> CivilDate { CivilDate(day: day + n) }

  /// The same day of month `n` months later, clamped to the last day of a shorter
  /// month (2024-01-31 + 1 month = 2024-02-29), as spreadsheet `EDATE` does.
  package func adding(months n: Int) -> CivilDate {
    let (y, m, d) = components
    let total = y * 12 + (m - 1) + n
    let ny = total >= 0 ? total / 12 : -((-total + 11) / 12)
    let nm = total - ny * 12 + 1
    let nd = min(d, CivilDate.daysInMonth(year: ny, month: nm))
    return CivilDate(day: CivilDate.daysFromCivil(year: ny, month: nm, day: nd))
  }

  /// The fraction of the year elapsed at this date, in [0, 1): (day of year − 1) / days in
  /// that year (a seasonality feature: 1 January is 0, 31 December 364/365 or 365/366).
  package var fractionOfYear: Double {
    let (y, m, d) = components
    let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    let leap = CivilDate.isLeapYear(y)
    let dayOfYear = cumulative[m - 1] + d + (leap && m > 2 ? 1 : 0)
    return Double(dayOfYear - 1) / Double(leap ? 366 : 365)
  }

  /// The first day of this date's month.
  package var startOfMonth: CivilDate {
    let (y, m, _) = components
    return CivilDate(day: CivilDate.daysFromCivil(year: y, month: m, day: 1))
  }

  /// Months since January 1970 (January 1970 = 0): a dense index for monthly buckets.
  package var monthIndex: Int {
    let (y, m, _) = components
    return (y - 1970) * 12 + (m - 1)
  }

  /// Encodes as the ISO string `"2024-03-05"` (readable in JSON reports).
  package func encode(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(iso)
  }

  /// Decodes from an ISO string `"2024-03-05"`.
  package init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    let text = try c.decode(String.self)
    guard let date = CivilDate(iso: text) else {
      throw DecodingError.dataCorruptedError(in: c, debugDescription: "'\(text)' is not a YYYY-MM-DD date")
    }
    self = date
  }

  /// Orders dates by time.
  package static func < (a: CivilDate, b: CivilDate) -> Bool { a.day < b.day }

  /// Whether `year` is a Gregorian leap year (divisible by 4, except centuries not
  /// divisible by 400).
  @inlinable package static func isLeapYear(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// Number of days in `month` (1–12) of `year`.
  @inlinable package static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeapYear(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  /// Whether year/month/day name an existing date.
  @inlinable package static func isValid(year: Int, month: Int, day: Int) -> Bool {
    month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year: year, month: month)
  }

  /// Hinnant's `days_from_civil`: days since 1970-01-01 of a valid civil date.
  /// Eras of 400 years (146,097 days) make the calendar periodic; March-based years
  /// put the leap day last.
  @inlinable package static func daysFromCivil(year y0: Int, month m: Int, day d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400  // [0, 399]
    let doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1  // [0, 365]
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy  // [0, 146096]
    return era * 146_097 + doe - 719_468
  }

  /// Hinnant's `civil_from_days`: the inverse of ``daysFromCivil(year:month:day:)``.
  package static func civilFromDays(_ z0: Int) -> (year: Int, month: Int, day: Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097  // [0, 146096]
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365  // [0, 399]
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)  // [0, 365]
    let mp = (5 * doy + 2) / 153  // [0, 11], March = 0
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}
