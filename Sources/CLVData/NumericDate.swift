/// Dates written with numbers and separators as spreadsheets and regional exports do:
/// `05.01.2023`, `05/01/2023`, `1/5/2023 8:26`, `12/1/2010 8:26 AM`, `2023/01/05`,
/// `05-01-23 10:21:33` — optionally followed by a time (`H:MM`, `H:MM:SS`, a fraction, `AM`/
/// `PM`) and a zone (`Z`, `±HH[:MM]`), which are checked and otherwise ignored (the day as
/// written, as for ISO dates; see ``DayParser``).
///
/// Which number is the day: a four-digit first part is the year (`2023/01/05` = y/m/d);
/// otherwise the last part is the year (four digits, or two: 69–99 → 19xx, 00–68 → 20xx, as
/// POSIX `strptime`), and the first two are day and month in an order that the value may not
/// tell: `13/01/2023` is day first, `01/13/2023` month first, `05/01/2023` either — and dotted
/// dates (`05.01.2023`) are day first, as they are written wherever dots are used.
enum NumericDate {
  /// Day-month order of the first two parts.
  enum Order: String, Equatable, Sendable {
    case dayFirst = "day first"
    case monthFirst = "month first"
    /// The format this order means for a value's separator.
    func format(separator: UInt8, fourDigitYear: Bool) -> String {
      let s = String(UnicodeScalar(separator))
      let y = fourDigitYear ? "%Y" : "%y"
      return self == .dayFirst ? "%d\(s)%m\(s)\(y)" : "%m\(s)%d\(s)\(y)"
    }
  }

  /// What one value gave.
  enum Reading: Equatable {
    /// The day (days since 1970-01-01), and the order it proves, if any.
    case day(Int, proves: Order?)
    /// Reads as a date both ways (day and month ≤ 12 and different): needs the column's order.
    case eitherOrder(first: Int, second: Int, year: Int, separator: UInt8)
    /// Not a date of this kind.
    case none
  }

  /// Reads `p` (trimmed); `order` is the column's order if known.
  static func read(_ p: UnsafeBufferPointer<UInt8>, order: Order?) -> Reading {
    let n = p.count
    var i = 0
    func number(max: Int) -> (Int, Int)? {
      let start = i
      var v = 0
      while i < n, i - start < max, p[i] >= 48 && p[i] <= 57 {
        v = v * 10 + Int(p[i] - 48)
        i += 1
      }
      return i > start ? (v, i - start) : nil
    }
    guard let (a, aDigits) = number(max: 4), i < n else { return .none }
    let sep = p[i]
    guard sep == 47 || sep == 46 || sep == 45 else { return .none }  // / . -
    i += 1
    guard let (b, _) = number(max: 2), i < n, p[i] == sep else { return .none }
    i += 1
    guard let (c, cDigits) = number(max: aDigits == 4 ? 2 : 4) else { return .none }
    guard timeAndZone(p, from: i) else { return .none }
    if aDigits == 4 {
      return DayParser.dayIfValid(a, b, c).map { .day($0, proves: nil) } ?? .none
    }
    guard aDigits <= 2, cDigits == 4 || cDigits == 2 else { return .none }
    let year = cDigits == 4 ? c : (c >= 69 ? 1900 + c : 2000 + c)
    let dayFirst = DayParser.dayIfValid(year, b, a)
    let monthFirst = DayParser.dayIfValid(year, a, b)
    if sep == 46 { return dayFirst.map { .day($0, proves: nil) } ?? .none }
    switch (dayFirst, monthFirst) {
    case (nil, nil): return .none
    case (let d?, nil): return .day(d, proves: .dayFirst)
    case (nil, let m?): return .day(m, proves: .monthFirst)
    case (let d?, let m?):
      if d == m { return .day(d, proves: nil) }
      switch order {
      case .dayFirst: return .day(d, proves: nil)
      case .monthFirst: return .day(m, proves: nil)
      case nil: return .eitherOrder(first: a, second: b, year: year, separator: sep)
      }
    }
  }

  /// The day of an ``Reading/eitherOrder(first:second:year:separator:)`` value under `order`.
  static func day(first: Int, second: Int, year: Int, order: Order) -> Int? {
    order == .dayFirst ? DayParser.dayIfValid(year, second, first) : DayParser.dayIfValid(year, first, second)
  }

  /// Whether `p[i...]` is empty or a time `[ T]H[H]:MM[:SS[.f…]][ ][AM|PM][ ][zone]`.
  static func timeAndZone(_ p: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
    let n = p.count
    var i = start
    if i == n { return true }
    guard p[i] == 32 || p[i] == 84 || p[i] == 116 else { return false }
    i += 1
    func number(max: Int) -> Int? {
      let s = i
      var v = 0
      while i < n, i - s < max, p[i] >= 48 && p[i] <= 57 {
        v = v * 10 + Int(p[i] - 48)
        i += 1
      }
      return i > s ? v : nil
    }
    guard let h = number(max: 2), i < n, p[i] == 58 else { return false }
    i += 1
    let ms = i
    guard let mi = number(max: 2), i - ms == 2, mi <= 59 else { return false }
    if i < n, p[i] == 58 {
      i += 1
      let ss = i
      guard let s = number(max: 2), i - ss == 2, s <= 60 else { return false }
      if i < n, p[i] == 46 || p[i] == 44 {
        i += 1
        guard number(max: 9) != nil else { return false }
      }
    }
    if i < n, p[i] == 32 { i += 1 }
    if i + 1 < n, p[i] | 0x20 == 97 || p[i] | 0x20 == 112, p[i + 1] | 0x20 == 109 {  // am / pm
      guard h >= 1, h <= 12 else { return false }
      i += 2
      if i < n, p[i] == 32 { i += 1 }
    } else if h > 23 {
      return false
    }
    return DayParser.parseZone(p, from: i)
  }
}
