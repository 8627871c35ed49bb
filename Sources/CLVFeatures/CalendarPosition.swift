/// Where a day falls in the calendar year, for seasonality features.
package enum CalendarPosition {
  /// The fraction of the year elapsed at `day` (days since 1970-01-01), in
  /// [0, 1): (day of year − 1) / days in that year. Uses the proleptic Gregorian
  /// calendar (Hinnant's civil-from-days).
  package static func fractionOfYear(day: Int32) -> Double {
    let (y, m, d) = civil(fromDays: Int(day))
    let cumulative = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334]
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
    let dayOfYear = cumulative[m - 1] + d + (leap && m > 2 ? 1 : 0)
    return Double(dayOfYear - 1) / Double(leap ? 366 : 365)
  }

  /// (year, month, day) of a count of days since 1970-01-01 (Hinnant 2013,
  /// "chrono-Compatible Low-Level Date Algorithms").
  static func civil(fromDays z0: Int) -> (Int, Int, Int) {
    let z = z0 + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
  }
}

extension CalendarPosition {
  /// Days since 1970-01-01 of a civil date (Hinnant's days-from-civil).
  static func days(year y0: Int, month m: Int, day d: Int) -> Int {
    let y = m <= 2 ? y0 - 1 : y0
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + d - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// `day` moved by `months` calendar months, the day of month clamped to the
  /// target month's length.
  static func addingMonths(_ months: Int, to day: Int32) -> Int32 {
    let (y, m, d) = civil(fromDays: Int(day))
    let total = y * 12 + (m - 1) + months
    let ny = total >= 0 ? total / 12 : (total - 11) / 12
    let nm = total - ny * 12 + 1
    let lengths = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
    let leap = (ny % 4 == 0 && ny % 100 != 0) || ny % 400 == 0
    let maxDay = nm == 2 && leap ? 29 : lengths[nm - 1]
    return Int32(days(year: ny, month: nm, day: min(d, maxDay)))
  }
}
