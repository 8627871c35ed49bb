/// Locale-independent, deterministic number formatting for report text and tick labels.
///
/// Rounding is half away from zero of `x · 10^decimals` (one double multiplication, so
/// near-ties can differ from C's `printf`: 2.675 → "2.68" here, "2.67" there); the output
/// never depends on the process locale. Non-finite values print as `n/a`, `∞`, `-∞`.
/// Magnitudes at or above 2^53 / 10^decimals fall back to Swift's shortest representation.
package enum NumberFormatting {
  /// Fixed decimals without grouping: `fixed(1234.5, decimals: 2)` → `"1234.50"`.
  package static func fixed(_ x: Double, decimals: Int) -> String {
    format(x, decimals: decimals, grouping: false, trimZeros: false)
  }

  /// Fixed decimals with `,` thousands separators: `grouped(1234567.891, decimals: 1)` → `"1,234,567.9"`.
  package static func grouped(_ x: Double, decimals: Int = 0) -> String {
    format(x, decimals: decimals, grouping: true, trimZeros: false)
  }

  /// A fraction as a percentage: `percent(0.1234)` → `"12.3%"`.
  package static func percent(_ fraction: Double, decimals: Int = 1) -> String {
    guard fraction.isFinite else { return format(fraction, decimals: 0, grouping: false, trimZeros: false) }
    return format(fraction * 100, decimals: decimals, grouping: true, trimZeros: false) + "%"
  }

  /// A money amount without currency symbol, grouped with two decimals: `"12,345.60"`.
  package static func money(_ x: Double, decimals: Int = 2) -> String { grouped(x, decimals: decimals) }

  /// A signed change, e.g. for deltas against a previous run: `signed(-0.5, decimals: 2)` → `"-0.50"`,
  /// `signed(3, decimals: 0)` → `"+3"`; zero has no sign.
  package static func signed(_ x: Double, decimals: Int) -> String {
    let body = grouped(x, decimals: decimals)
    if body.hasPrefix("-") || !x.isFinite || isZero(body) { return body }
    return "+" + body
  }

  /// Compact magnitude with SI-like suffixes k, M, B, T: `compact(12_345)` → `"12.3k"`,
  /// `compact(999)` → `"999"`, `compact(1_500_000)` → `"1.5M"`. Trailing zeros are trimmed.
  package static func compact(_ x: Double, decimals: Int = 1) -> String {
    guard x.isFinite else { return format(x, decimals: 0, grouping: false, trimZeros: false) }
    let suffixes = ["", "k", "M", "B", "T"]
    var scaled = x
    var index = 0
    while abs(scaled) >= 999.95 && index < suffixes.count - 1 {
      scaled /= 1000
      index += 1
    }
    // Rounding may carry into the next unit (999.96k → 1000.0k); move up once more.
    if index < suffixes.count - 1,
      abs(Double(format(scaled, decimals: decimals, grouping: false, trimZeros: true)) ?? 0) >= 1000
    {
      scaled /= 1000
      index += 1
    }
    let digits = index == 0 && scaled == scaled.rounded() ? 0 : decimals
    return format(scaled, decimals: digits, grouping: false, trimZeros: true) + suffixes[index]
  }

  /// The shared core: half-away-from-zero rounding to `decimals`, optional grouping and
  /// trimming of trailing fractional zeros (used for SVG coordinates).
  static func format(_ x: Double, decimals: Int, grouping: Bool, trimZeros: Bool) -> String {
    precondition(decimals >= 0 && decimals <= 15, "decimals must be in 0...15")
    if x.isNaN { return "n/a" }
    if x.isInfinite { return x < 0 ? "-∞" : "∞" }
    var power: Double = 1
    for _ in 0..<decimals { power *= 10 }
    let scaled = (abs(x) * power).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9_007_199_254_740_992 else { return "\(x)" }
    let units = UInt64(scaled)
    let divisor = UInt64(power)
    var integer = String(units / divisor)
    var fraction = ""
    if decimals > 0 {
      let f = String(units % divisor)
      fraction = String(repeating: "0", count: decimals - f.count) + f
      if trimZeros { while fraction.last == "0" { fraction.removeLast() } }
    }
    if grouping && integer.count > 3 {
      var out = ""
      for (i, c) in integer.enumerated() {
        if i > 0 && (integer.count - i) % 3 == 0 { out += "," }
        out.append(c)
      }
      integer = out
    }
    let negative = x < 0 && units != 0
    return (negative ? "-" : "") + integer + (fraction.isEmpty ? "" : "." + fraction)
  }

  private static func isZero(_ text: String) -> Bool { text.allSatisfy { $0 == "0" || $0 == "." || $0 == "," } }
}
