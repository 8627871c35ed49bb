/// Reads a number as shops and spreadsheets write it: `12.50`, `12,50`, `1,234.56`,
/// `1.234,56`, `1 234,56` (space, no-break space U+00A0 or narrow no-break space U+202F as
/// thousands separator), `1'234.50`, `$12.00`, `-$12`, `12,00 €`, `EUR 12.00`, `US$ 5`,
/// accounting negatives `(12.00)`, a leading `+` or a trailing `-`.
///
/// Rules, for a decimal mark M (`.` or `,`):
/// - an optional currency (a sign such as `$ € £ ¥ ₹`, an ISO code of three capitals such as
///   `EUR`, or a short prefix such as `US$`, `kr`) before or after, spaces allowed between;
/// - an optional sign `+`/`-` before the digits or the currency, or `-` after; or the whole
///   in parentheses (negative);
/// - digits, optionally grouped: a first group of 1–3 digits, then groups of exactly three,
///   all with the same separator, which is not M; then optionally M and the decimals.
///   `1,234.5` and `1234.5` are read under M = `.`; `1.234,5` and `1234,5` under `,`.
///
/// Anything else (`N/A`, `12.3.4`, `1,23`, `1,2345` under M = `.`) is not a number. The value
/// is the correctly rounded double of the decimal digits (see ``DecimalParser``).
enum NumberText {
  /// One reading: the value and what it showed about the notation.
  struct Reading: Equatable {
    var value: Double
    /// The thousands separator used, if any (`,` `.` `'` or a space).
    var grouping: UInt8?
    /// The currency as written (`€`, `EUR`, `US$`), if any.
    var currency: String?
  }

  /// What one value shows about its column's decimal mark.
  enum Evidence: Equatable {
    /// No separator at all (`12`, `-3`, `$5`): reads the same under either mark.
    case none
    /// Only a pattern like `1,234` or `1.234` (1–3 digits, one separator, three digits): a
    /// decimal in one notation, a thousand in the other.
    case ambiguous
    /// Tells the mark (`12,50` → comma, `1,234,567` → point, `1.234,56` → comma).
    case mark(DecimalMark)
  }

  /// What the digits part of `p` tells about the decimal mark (currency and sign removed
  /// first). Values that are no number in either notation give ``Evidence/none`` (their
  /// parse fails later).
  static func evidence(_ p: UnsafeBufferPointer<UInt8>) -> Evidence {
    guard let core = strip(p) else { return .none }
    var points = 0
    var commas = 0
    var otherGrouping = false
    var lastPoint = -1
    var lastComma = -1
    var i = core.start
    while i < core.end {
      let b = p[i]
      if b == 46 {
        points += 1
        lastPoint = i
      } else if b == 44 {
        commas += 1
        lastComma = i
      } else if b < 48 || b > 57 {
        otherGrouping = true
      }
      i += 1
    }
    if points > 0 && commas > 0 { return .mark(lastPoint > lastComma ? .point : .comma) }
    if points == 0 && commas == 0 { return .none }
    let single: DecimalMark = points > 0 ? .point : .comma
    let other: DecimalMark = single == .point ? .comma : .point
    if points + commas >= 2 { return .mark(other) }  // repeated: it groups thousands
    // One separator: with three digits after it and 1–3 before (not a lone leading 0), and no
    // other grouping in the value, it reads both ways.
    let at = single == .point ? lastPoint : lastComma
    var run = 0
    while at - run - 1 >= core.start, p[at - run - 1] >= 48 && p[at - run - 1] <= 57 { run += 1 }
    let after = core.end - at - 1
    let twoWays = after == 3 && run >= 1 && run <= 3 && at - run == core.start && p[core.start] != 48
    return twoWays && !otherGrouping ? .ambiguous : .mark(single)
  }

  /// Reads `p` with decimal mark `mark`, or nil when it is not a number in that notation.
  static func read(_ p: UnsafeBufferPointer<UInt8>, mark: DecimalMark) -> Reading? {
    let n = p.count
    guard n > 0, n < 96 else { return nil }
    guard let core = strip(p) else { return nil }
    let m = mark.byte
    var mantissa: UInt64 = 0
    var significant = 0
    var fractionDigits = 0
    var digits = 0
    var seenMark = false
    var grouping: UInt8?
    var groupLength = 0  // digits since the last separator
    var groups = 0  // separators seen
    var i = core.start
    var normalized: [UInt8] = []  // only when there are too many digits for the fast sum
    while i < core.end {
      let b = p[i]
      if b >= 48 && b <= 57 {
        if significant > 0 || b != 48 { significant += 1 }
        if significant <= 19 { mantissa = mantissa &* 10 &+ UInt64(b - 48) }
        normalized.append(b)
        digits += 1
        if seenMark { fractionDigits += 1 } else { groupLength += 1 }
        i += 1
        continue
      }
      if b == m && !seenMark {
        if groups > 0 && groupLength != 3 { return nil }
        seenMark = true
        normalized.append(46)
        i += 1
        continue
      }
      // A thousands separator: one kind per value, never after the mark.
      guard !seenMark, let (sep, width) = separator(p, i, core.end), sep != m else { return nil }
      if let g = grouping, g != sep { return nil }
      if groups == 0 {
        guard groupLength >= 1 && groupLength <= 3 else { return nil }
      } else if groupLength != 3 {
        return nil
      }
      grouping = sep
      groups += 1
      groupLength = 0
      i += width
    }
    guard digits > 0 else { return nil }
    if groups > 0 && !seenMark && groupLength != 3 { return nil }
    var value: Double
    if significant <= 15 && fractionDigits <= 22 {
      value = Double(mantissa) / DecimalParser.powersOfTen[fractionDigits]
    } else {
      guard let v = Double(String(decoding: normalized, as: UTF8.self)), v.isFinite else { return nil }
      value = v
    }
    if core.negative { value = -value }
    return Reading(value: value, grouping: grouping, currency: core.currency)
  }

  /// The digits part of a value after removing parentheses, signs and a currency.
  struct Core {
    var start: Int
    var end: Int
    var negative: Bool
    var currency: String?
  }

  /// Finds the number inside `p`: strips `( … )`, a sign before or after, and one currency
  /// before or after (with spaces between). Nil when the parts do not fit together.
  static func strip(_ p: UnsafeBufferPointer<UInt8>) -> Core? {
    var lo = 0
    var hi = p.count
    var negative = false
    var signs = 0
    var currency: String?
    func skipSpaces() {
      while lo < hi, let w = spaceWidth(p, lo, hi) { lo += w }
      while hi > lo, let w = spaceWidthBefore(p, hi, lo) { hi -= w }
    }
    skipSpaces()
    // Parentheses, signs and a currency in any order on either side (`-$12`, `$-12`,
    // `12 €-`, `($12.00)`, `(25,00) €`), each at most once.
    var parens = false
    for _ in 0..<4 {
      let before = (lo, hi)
      if !parens, hi - lo >= 2, p[lo] == 40, p[hi - 1] == 41 {  // ( … )
        parens = true
        negative.toggle()
        signs += 1
        lo += 1
        hi -= 1
        skipSpaces()
      }
      if lo < hi, p[lo] == 45 || p[lo] == 43 {
        signs += 1
        if p[lo] == 45 { negative.toggle() }
        lo += 1
        skipSpaces()
      }
      if hi > lo, p[hi - 1] == 45 {
        signs += 1
        negative.toggle()
        hi -= 1
        skipSpaces()
      }
      if currency == nil, let w = currencyWidth(p, lo, hi) {
        currency = String(decoding: UnsafeBufferPointer(rebasing: p[lo..<lo + w]), as: UTF8.self)
        lo += w
        skipSpaces()
      } else if currency == nil, let w = currencyWidthBefore(p, hi, lo) {
        currency = String(decoding: UnsafeBufferPointer(rebasing: p[hi - w..<hi]), as: UTF8.self)
        hi -= w
        skipSpaces()
      }
      if (lo, hi) == before { break }
    }
    guard signs <= 1, lo < hi else { return nil }
    // The number itself starts with a digit or a mark (`.5`) and ends with a digit or a mark (`12.`).
    let first = p[lo]
    let last = p[hi - 1]
    guard first >= 48 && first <= 57 || first == 46 || first == 44 else { return nil }
    guard last >= 48 && last <= 57 || last == 46 || last == 44 else { return nil }
    return Core(start: lo, end: hi, negative: negative, currency: currency)
  }

  /// A thousands separator at `i`: `,` `.` `'` `’` a space, U+00A0, U+202F or U+2009;
  /// returns the byte that stands for it (spaces as 32) and its width in bytes.
  @inline(__always)
  static func separator(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt8, Int)? {
    let b = p[i]
    if b == 44 || b == 46 || b == 39 { return (b, 1) }
    if let w = spaceWidth(p, i, end) { return (32, w) }
    if b == 0xE2, i + 2 < end, p[i + 1] == 0x80, p[i + 2] == 0x99 { return (39, 3) }  // ’
    return nil
  }

  /// Width of a space at `i`: ASCII space, U+00A0, U+202F (narrow no-break) or U+2009 (thin).
  @inline(__always)
  static func spaceWidth(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
    let b = p[i]
    if b == 32 || b == 9 { return 1 }
    if b == 0xC2, i + 1 < end, p[i + 1] == 0xA0 { return 2 }
    if b == 0xE2, i + 2 < end, p[i + 1] == 0x80, p[i + 2] == 0xAF || p[i + 2] == 0x89 { return 3 }
    return nil
  }

  /// Width of a space that ends just before `end` (not before `start`).
  @inline(__always)
  static func spaceWidthBefore(_ p: UnsafeBufferPointer<UInt8>, _ end: Int, _ start: Int) -> Int? {
    if end - 1 >= start, p[end - 1] == 32 || p[end - 1] == 9 { return 1 }
    if end - 2 >= start, p[end - 2] == 0xC2, p[end - 1] == 0xA0 { return 2 }
    if end - 3 >= start, p[end - 3] == 0xE2, p[end - 2] == 0x80, p[end - 1] == 0xAF || p[end - 1] == 0x89 {
      return 3
    }
    return nil
  }

  /// Currency signs (UTF-8): `$ ¢ £ ¤ ¥ ₠…₿` (U+20A0–U+20C0), `﹩ ＄`.
  @inline(__always)
  static func signWidth(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Int? {
    let b = p[i]
    if b == 36 { return 1 }
    if b == 0xC2, i + 1 < end, (0xA2...0xA5).contains(p[i + 1]) { return 2 }
    if b == 0xE2, i + 2 < end, (p[i + 1] == 0x82 && p[i + 2] >= 0xA0) || (p[i + 1] == 0x83 && p[i + 2] <= 0x80) {
      return 3
    }
    return nil
  }

  /// Words that stand for a currency next to a number (besides three-capital ISO codes).
  static let currencyWords: [[UInt8]] = ["kr", "kr.", "Kr", "Kč", "zł", "Ft", "Fr.", "lei", "R", "Rs", "Rs."].map {
    Array($0.utf8)
  }

  /// Width of a currency starting at `i`: a sign, one or two capitals then a sign (`US$`,
  /// `R$`), a three-capital code (`EUR`), or a currency word; it must not run into letters.
  static func currencyWidth(_ p: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Int? {
    var i = lo
    while i < hi, i - lo < 3, p[i] >= 65 && p[i] <= 90 { i += 1 }
    let capitals = i - lo
    if i < hi, let w = signWidth(p, i, hi), capitals <= 2 { return capitals + w }
    if capitals == 3, i == hi || !isLetter(p[i]) { return 3 }
    for word in currencyWords where hi - lo > word.count {
      if (0..<word.count).allSatisfy({ p[lo + $0] == word[$0] }), !isLetter(p[lo + word.count]) { return word.count }
    }
    return nil
  }

  /// Width of a currency that ends just before `hi`.
  static func currencyWidthBefore(_ p: UnsafeBufferPointer<UInt8>, _ hi: Int, _ lo: Int) -> Int? {
    // A sign at the end (`12 €`), possibly after capitals (`12 US$`).
    for w in [1, 2, 3] where hi - w >= lo {
      if let sw = signWidth(p, hi - w, hi), sw == w {
        var i = hi - w
        while i > lo, i > hi - w - 2, p[i - 1] >= 65 && p[i - 1] <= 90 { i -= 1 }
        return hi - i
      }
    }
    // Three capitals (`12.00 EUR`).
    if hi - lo > 3, (1...3).allSatisfy({ p[hi - $0] >= 65 && p[hi - $0] <= 90 }), !isLetter(p[hi - 4]) { return 3 }
    for word in currencyWords where hi - lo > word.count {
      let s = hi - word.count
      if (0..<word.count).allSatisfy({ p[s + $0] == word[$0] }), !isLetter(p[s - 1]) { return word.count }
    }
    return nil
  }

  @inline(__always)
  static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 97 && (b | 0x20) <= 122 || b >= 0x80 }
}
