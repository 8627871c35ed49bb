import Foundation

/// Tick labels: as many decimals as the tick step needs (d3-format's `precisionFixed`:
/// `max(0, −⌊log10 |step|⌋)`), thousands separators, and compact k/M suffixes once the
/// largest tick reaches 10 000 so labels stay short.
package enum TickFormat {
  /// Labels for `ticks` spaced `step` apart.
  package static func labels(_ ticks: [Double], step: Double) -> [String] {
    let magnitude = ticks.map(abs).max() ?? 0
    if magnitude >= 10_000 {
      let unit: Double = magnitude >= 1e9 ? 1e9 : magnitude >= 1e6 ? 1e6 : 1e3
      let suffix = unit == 1e9 ? "B" : unit == 1e6 ? "M" : "k"
      let decimals = decimalsFor(step: step / unit)
      return ticks.map {
        $0 == 0
          ? "0" : NumberFormatting.format($0 / unit, decimals: decimals, grouping: true, trimZeros: false) + suffix
      }
    }
    let decimals = decimalsFor(step: step)
    return ticks.map { NumberFormatting.format($0, decimals: decimals, grouping: true, trimZeros: false) }
  }

  /// `max(0, −⌊log10 |step|⌋)`, with a small tolerance so 0.1 (stored as 0.1000000000000000055…) gives 1.
  static func decimalsFor(step: Double) -> Int {
    let s = abs(step)
    guard s > 0, s.isFinite else { return 0 }
    return min(12, max(0, -Int((log10(s) + 1e-9).rounded(.down))))
  }
}
