import Foundation

/// A map that is linear in `log1p(x) = ln(1 + x)`, for skewed non-negative data such as
/// spend or CLV: zero stays representable (unlike a log scale) and large values are
/// compressed. `y = r0 + (log1p(x) − log1p(d0)) / (log1p(d1) − log1p(d0)) · (r1 − r0)`.
/// Values below 0 are clamped to 0. Ticks are 0 and 1, 2, 5 × 10^k inside the domain,
/// thinned to powers of ten when there would be more than `count`.
package struct Log1pScale: Sendable, Equatable {
  /// Domain in data units (≥ 0).
  package let domain: (Double, Double)
  /// Pixel range.
  package let range: (Double, Double)

  /// A log1p scale; negative domain ends are clamped to 0.
  package init(domain: (Double, Double), range: (Double, Double)) {
    self.domain = (max(0, domain.0), max(0, domain.1))
    self.range = range
  }

  /// Maps a data value to the range.
  package func callAsFunction(_ x: Double) -> Double {
    let a = log1p(domain.0)
    let b = log1p(domain.1)
    if a == b { return (range.0 + range.1) / 2 }
    return range.0 + (log1p(max(0, x)) - a) / (b - a) * (range.1 - range.0)
  }

  /// 0 (when in the domain) and 1-2-5 multiples of powers of ten inside the domain.
  package func ticks(count: Int = 8) -> [Double] {
    let lo = min(domain.0, domain.1)
    let hi = max(domain.0, domain.1)
    var all: [Double] = lo == 0 ? [0] : []
    var decade = 1.0
    while decade <= hi * 1.000001 && decade < 1e15 {
      for m in [1.0, 2.0, 5.0] where m * decade >= lo && m * decade <= hi * 1.000001 {
        all.append(m * decade)
      }
      decade *= 10
    }
    if all.count <= count { return all }
    return all.filter { $0 == 0 || log10($0).rounded() == log10($0) }
  }

  /// Compact labels for the ticks: `0`, `1`, `10`, `100`, `1k`, …
  package func tickLabels(count: Int = 8) -> [String] {
    ticks(count: count).map { NumberFormatting.compact($0, decimals: 1) }
  }

  /// Equal when domain and range (and padding) are equal; written by hand because tuples are not `Equatable`.
  package static func == (a: Log1pScale, b: Log1pScale) -> Bool {
    a.domain == b.domain && a.range == b.range
  }
}
