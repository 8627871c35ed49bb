/// A compiled strftime-style date format (`%d/%m/%Y`, `%b %e %Y %H:%M`), read the way
/// POSIX `strptime` reads it: numeric fields take 1–N digits, names are English and
/// case-insensitive, other characters must match exactly, and the whole field must be
/// consumed. Time and zone fields are checked for range and otherwise ignored (the day
/// is the date as written; see ``DayParser``).
struct DateFormatPattern: Sendable {
  /// One step of the format.
  enum Token: Sendable, Equatable {
    case literal(UInt8)
    case year4, year2, month, monthName, day, spacePaddedDay, dayOfYear
    case hour24, hour12, minute, second, fraction, amPm, zone
  }

  let tokens: [Token]

  /// Compiles `format`. Throws for unknown directives and formats without a day.
  init(_ format: String) throws(DateFormatError) {
    var tokens: [Token] = []
    let bytes = Array(format.utf8)
    var i = 0
    while i < bytes.count {
      guard bytes[i] == 37, i + 1 < bytes.count else {  // '%'
        if bytes[i] == 37 { throw .danglingPercent(format: format) }
        tokens.append(.literal(bytes[i]))
        i += 1
        continue
      }
      let c = bytes[i + 1]
      switch c {
      case UInt8(ascii: "Y"): tokens.append(.year4)
      case UInt8(ascii: "y"): tokens.append(.year2)
      case UInt8(ascii: "m"): tokens.append(.month)
      case UInt8(ascii: "b"), UInt8(ascii: "B"), UInt8(ascii: "h"): tokens.append(.monthName)
      case UInt8(ascii: "d"): tokens.append(.day)
      case UInt8(ascii: "e"): tokens.append(.spacePaddedDay)
      case UInt8(ascii: "j"): tokens.append(.dayOfYear)
      case UInt8(ascii: "H"): tokens.append(.hour24)
      case UInt8(ascii: "I"): tokens.append(.hour12)
      case UInt8(ascii: "M"): tokens.append(.minute)
      case UInt8(ascii: "S"): tokens.append(.second)
      case UInt8(ascii: "f"): tokens.append(.fraction)
      case UInt8(ascii: "p"): tokens.append(.amPm)
      case UInt8(ascii: "z"): tokens.append(.zone)
      case UInt8(ascii: "F"): tokens += [.year4, .literal(45), .month, .literal(45), .day]
      case UInt8(ascii: "T"):
        tokens += [.hour24, .literal(58), .minute, .literal(58), .second]
      case 37: tokens.append(.literal(37))
      default:
        throw .unsupportedDirective("%" + String(decoding: [c], as: UTF8.self), format: format)
      }
      i += 2
    }
    let hasYear = tokens.contains(.year4) || tokens.contains(.year2)
    let hasMonthDay =
      (tokens.contains(.month) || tokens.contains(.monthName))
      && (tokens.contains(.day) || tokens.contains(.spacePaddedDay))
    guard hasYear, hasMonthDay || tokens.contains(.dayOfYear) else {
      throw .noDay(format: format)
    }
    self.tokens = tokens
  }

  /// Days since 1970-01-01, or nil when `p` does not match or names no real date.
  func parseDay(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = p.count
    var i = 0
    var year = 0, month = 0, day = 0, dayOfYear = 0
    // Reads 1...maxDigits decimal digits at i.
    @inline(__always) func number(_ maxDigits: Int) -> Int? {
      var v = 0
      let start = i
      while i < n, i - start < maxDigits {
        let d = Int(p[i]) &- 48
        guard d >= 0, d <= 9 else { break }
        v = v * 10 + d
        i += 1
      }
      return i > start ? v : nil
    }
    for token in tokens {
      switch token {
      case .literal(let b):
        guard i < n, p[i] == b else { return nil }
        i += 1
      case .year4:
        let start = i
        guard let v = number(4), i - start == 4 else { return nil }
        year = v
      case .year2:
        // POSIX: 69–99 → 1969–1999, 00–68 → 2000–2068.
        let start = i
        guard let v = number(2), i - start == 2 else { return nil }
        year = v >= 69 ? 1900 + v : 2000 + v
      case .month:
        guard let v = number(2) else { return nil }
        month = v
      case .monthName:
        guard let v = DateFormatPattern.monthName(p, &i) else { return nil }
        month = v
      case .day:
        guard let v = number(2) else { return nil }
        day = v
      case .spacePaddedDay:
        if i < n, p[i] == 32 { i += 1 }
        guard let v = number(2) else { return nil }
        day = v
      case .dayOfYear:
        guard let v = number(3) else { return nil }
        dayOfYear = v
      case .hour24:
        guard let v = number(2), v <= 23 else { return nil }
      case .hour12:
        guard let v = number(2), v >= 1, v <= 12 else { return nil }
      case .minute:
        guard let v = number(2), v <= 59 else { return nil }
      case .second:
        guard let v = number(2), v <= 60 else { return nil }
      case .fraction:
        guard number(9) != nil else { return nil }
      case .amPm:
        guard i + 1 < n, p[i] | 0x20 == 97 || p[i] | 0x20 == 112, p[i + 1] | 0x20 == 109 else {
          return nil
        }
        i += 2
      case .zone:
        // A zone ends the timestamp in practice; accept Z or ±HH[[:]MM] up to the end
        // or up to the next literal.
        guard i < n else { return nil }
        if p[i] | 0x20 == 122 { i += 1; continue }
        guard p[i] == 43 || p[i] == 45 else { return nil }
        i += 1
        let s = i
        guard let hh = number(2), i - s == 2, hh <= 23 else { return nil }
        if i < n, p[i] == 58 { i += 1 }
        let s2 = i
        if let mm = number(2) { guard i - s2 == 2, mm <= 59 else { return nil } }
      }
    }
    guard i == n else { return nil }
    if dayOfYear > 0 && month == 0 {
      let length = CivilDate.isLeapYear(year) ? 366 : 365
      guard dayOfYear <= length else { return nil }
      return CivilDate.daysFromCivil(year: year, month: 1, day: 1) + dayOfYear - 1
    }
    return DayParser.dayIfValid(year, month, day)
  }

  /// English month name at `i` (full or three-letter, any case) → 1–12, advancing `i`.
  static let monthNames: [[UInt8]] = [
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
  ].map { Array($0.utf8) }

  static func monthName(_ p: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> Int? {
    guard i + 3 <= p.count else { return nil }
    for (index, u) in monthNames.enumerated() {
      guard (0..<3).allSatisfy({ p[i + $0] | 0x20 == u[$0] }) else { continue }
      // Prefer the full name when it is there ("March" before "Mar").
      if i + u.count <= p.count, (3..<u.count).allSatisfy({ p[i + $0] | 0x20 == u[$0] }) {
        i += u.count
      } else {
        i += 3
      }
      return index + 1
    }
    return nil
  }
}
