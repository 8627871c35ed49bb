/// Reads a decimal number such as `-12.50`, `+3`, `.5` or `1e3` from UTF-8 bytes.
///
/// Fast path: at most 15 significant digits and no exponent, computed as
/// `mantissa / 10^fractionDigits`; both operands are exact doubles (mantissa < 2^53,
/// 10^k exact for k ≤ 22), so IEEE division returns the correctly rounded value — the
/// same double `Double(String)` gives (Clinger 1990, "How to read floating point
/// numbers accurately", PLDI). Anything else falls back to `Double(String)`.
/// NaN, infinities, thousands separators and currency signs are rejected (nil): the
/// fast path of ``NumberColumn``, which hands those to ``NumberText``.
enum DecimalParser {
  static let powersOfTen: [Double] = (0...22).map { k in
    var v = 1.0
    for _ in 0..<k { v *= 10 }
    return v
  }

  /// `p` as a plain decimal with a decimal point.
  @inline(__always)
  static func parse(_ p: UnsafeBufferPointer<UInt8>) -> Double? { parse(p, mark: 46) }

  /// `p` as a plain decimal whose decimal mark is the byte `mark` (`.` or `,`); an exponent
  /// only with the point.
  @inline(__always)
  static func parse(_ p: UnsafeBufferPointer<UInt8>, mark: UInt8) -> Double? {
    let n = p.count
    guard n > 0, n < 64 else { return nil }
    var i = 0
    var negative = false
    if p[0] == 45 || p[0] == 43 {  // '-' '+'
      negative = p[0] == 45
      i = 1
    }
    var mantissa: UInt64 = 0
    var digits = 0
    var fractionDigits = 0
    var seenPoint = false
    var significant = 0
    while i < n {
      let b = p[i]
      if b >= 48 && b <= 57 {
        if significant > 0 || b != 48 { significant += 1 }
        mantissa = mantissa &* 10 &+ UInt64(b - 48)
        digits += 1
        if seenPoint { fractionDigits += 1 }
      } else if b == mark && !seenPoint {
        seenPoint = true
      } else if (b == 101 || b == 69) && mark == 46 {  // 'e' 'E': exponent, use the slow path
        return slowPath(p, mark: mark)
      } else {
        return nil
      }
      i += 1
    }
    guard digits > 0 else { return nil }
    if significant > 15 || fractionDigits > 22 { return slowPath(p, mark: mark) }
    let v = Double(mantissa) / powersOfTen[fractionDigits]
    return negative ? -v : v
  }

  private static func slowPath(_ p: UnsafeBufferPointer<UInt8>, mark: UInt8) -> Double? {
    // Only digits, sign, the mark and exponent reach here; Double(String) handles them.
    let text = String(decoding: p.map { $0 == mark ? 46 : $0 }, as: UTF8.self)
    guard let v = Double(text), v.isFinite else { return nil }
    return v
  }
}
