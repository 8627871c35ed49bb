/// Reads the calendar day of a date or timestamp field, fast enough for the per-row
/// loop (tens of nanoseconds; Foundation's formatters take 55–77 µs on Linux).
///
/// Without a format (``automatic``) it recognises
/// - ISO dates `2024-03-05`,
/// - ISO date-times `2024-03-05T10:35:34Z`, with `t` or a space instead of `T`, optional
///   seconds, an optional fraction (`.123` or `,123`) and an optional zone (`Z`, `±HH`,
///   `±HHMM`, `±HH:MM`),
/// - compact dates `20240305` (the CDNOW convention).
///
/// With a strftime-style format (``init(format:)``) it reads exactly that layout; with
/// `epoch_s`, `epoch_ms`, `epoch_us` or `epoch_ns`, an integer count of that unit since
/// 1970-01-01 00:00 UTC (the UTC day: an instant carries no local date).
///
/// **Which day a timestamp means.** The result is the civil date *as written*; any UTC
/// offset is validated and then ignored. `2024-03-05T23:30:00-05:00` is day
/// 2024-03-05, not the UTC date 2024-03-06: a shop's "order date" is the date in the
/// shop's or customer's local time, which is what the record states. Records written in
/// UTC (`Z`) are read as UTC dates.
///
/// Invalid dates (2023-02-29, month 13, hour 24) give nil, never a rolled-over date.
package struct DayParser: Sendable {
  /// The compiled format, or nil for automatic recognition.
  let pattern: DateFormatPattern?
  /// The unit of an epoch format, or nil.
  let epoch: EpochUnit?

  /// The parser that recognises ISO-8601 and `yyyyMMdd` without a format.
  package static let automatic = DayParser(pattern: nil)

  init(pattern: DateFormatPattern?, epoch: EpochUnit? = nil) {
    self.pattern = pattern
    self.epoch = epoch
  }

  /// A parser for a strftime-style `format` (nil or empty: ``automatic``).
  ///
  /// Directives: `%Y %y %m %d %e %j %b %B %h %H %I %M %S %f %p %z %F %T %%`; any other
  /// character must match literally.
  /// - Throws: ``DateFormatError`` for an unknown directive or a format that cannot
  ///   determine a day (no year, or neither month and day nor day-of-year).
  package init(format: String?) throws(DateFormatError) {
    guard let format, !format.isEmpty, format.lowercased() != "auto" else {
      self.pattern = nil
      self.epoch = nil
      return
    }
    if let unit = EpochUnit(formatName: format) {
      self.pattern = nil
      self.epoch = unit
      return
    }
    self.pattern = try DateFormatPattern(format)
    self.epoch = nil
  }

  /// Whether this parser reads a given format rather than recognising one.
  var isExplicit: Bool { pattern != nil || epoch != nil }

  /// Days since 1970-01-01 of the date in `text`, or nil when it is not a valid date
  /// in this parser's format.
  package func parseDay(_ text: String) -> Int? {
    var copy = text
    return copy.withUTF8 { parseDay($0) }
  }

  /// Days since 1970-01-01 of the date in the UTF-8 bytes `field` (no surrounding
  /// spaces), or nil when it is not a valid date in this parser's format.
  @inline(__always)
  package func parseDay(_ field: UnsafeBufferPointer<UInt8>) -> Int? {
    if let pattern { return pattern.parseDay(field) }
    if let epoch { return epoch.day(field) }
    return DayParser.parseAutomatic(field)
  }

  /// ISO-8601 date or date-time, or `yyyyMMdd`.
  static func parseAutomatic(_ p: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = p.count
    @inline(__always) func digit(_ i: Int) -> Int? {
      let v = Int(p[i]) &- 48
      return v >= 0 && v <= 9 ? v : nil
    }
    @inline(__always) func two(_ i: Int) -> Int? {
      guard let a = digit(i), let b = digit(i + 1) else { return nil }
      return a * 10 + b
    }
    if n == 8 {
      // yyyyMMdd
      guard let y1 = two(0), let y2 = two(2), let m = two(4), let d = two(6) else { return nil }
      return dayIfValid(y1 * 100 + y2, m, d)
    }
    guard n >= 10, p[4] == 45, p[7] == 45,  // '-'
      let y1 = two(0), let y2 = two(2), let m = two(5), let d = two(8),
      let day = dayIfValid(y1 * 100 + y2, m, d)
    else { return nil }
    if n == 10 { return day }
    // Time part: [T t space] HH:MM[:SS[.fff]][zone]
    let sep = p[10]
    guard sep == 84 || sep == 116 || sep == 32, n >= 16, p[13] == 58,
      let h = two(11), let mi = two(14), h <= 23, mi <= 59
    else { return nil }
    var i = 16
    if i < n, p[i] == 58 {  // ':' seconds
      guard n >= i + 3, let s = two(i + 1), s <= 60 else { return nil }
      i += 3
      if i < n, p[i] == 46 || p[i] == 44 {  // '.' or ',' fraction
        i += 1
        let start = i
        while i < n, digit(i) != nil { i += 1 }
        guard i > start else { return nil }
      }
    }
    // A space may separate the zone (`2023-01-05 10:21:33 -0500`, as Shopify writes it;
    // `… 10:21:33 UTC`, as BigQuery does).
    if i + 1 < n, p[i] == 32 { i += 1 }
    guard parseZone(p, from: i) else { return nil }
    return day
  }

  /// Whether `p[i...]` is empty or exactly one zone designator: `Z`, `UTC`, `GMT`, `±HH`,
  /// `±HHMM`, `±HH:MM` (hours ≤ 23, minutes ≤ 59).
  static func parseZone(_ p: UnsafeBufferPointer<UInt8>, from i: Int) -> Bool {
    let n = p.count
    if i == n { return true }
    if p[i] == 90 || p[i] == 122 { return i + 1 == n }  // 'Z' / 'z'
    if n - i == 3 {
      let word = (p[i] | 0x20, p[i + 1] | 0x20, p[i + 2] | 0x20)
      if word == (117, 116, 99) || word == (103, 109, 116) { return true }  // utc / gmt
    }
    guard p[i] == 43 || p[i] == 45 else { return false }  // '+' / '-'
    @inline(__always) func two(_ j: Int) -> Int? {
      guard j + 1 < n else { return nil }
      let a = Int(p[j]) &- 48
      let b = Int(p[j + 1]) &- 48
      guard a >= 0, a <= 9, b >= 0, b <= 9 else { return nil }
      return a * 10 + b
    }
    guard let hh = two(i + 1), hh <= 23 else { return false }
    var j = i + 3
    if j == n { return true }
    if p[j] == 58 { j += 1 }
    guard let mm = two(j), mm <= 59 else { return false }
    return j + 2 == n
  }

  /// Days since 1970-01-01, or nil when the date does not exist.
  @inline(__always) static func dayIfValid(_ y: Int, _ m: Int, _ d: Int) -> Int? {
    guard CivilDate.isValid(year: y, month: m, day: d) else { return nil }
    return CivilDate.daysFromCivil(year: y, month: m, day: d)
  }
}
