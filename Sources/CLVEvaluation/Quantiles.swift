/// Sample quantiles by linear interpolation between order statistics.
///
/// Hyndman & Fan (1996) type 7 (the default of R and NumPy): for sorted x₀…x_{n−1}
/// and level p, h = (n − 1)·p, q = x_⌊h⌋ + (h − ⌊h⌋)·(x_⌊h⌋+1 − x_⌊h⌋). Exact for
/// the inputs given; no tolerance.
package enum Quantiles {
  /// The type-7 quantile of already sorted values at `level` ∈ [0, 1]; `nil` when empty.
  package static func sorted(_ sorted: [Double], level: Double) -> Double? {
    precondition(level >= 0 && level <= 1, "quantile level must be in [0, 1]")
    guard !sorted.isEmpty else { return nil }
    let h = Double(sorted.count - 1) * level
    let lo = Int(h.rounded(.down))
    let hi = min(lo + 1, sorted.count - 1)
    return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
  }

  /// Type-7 quantiles of `values` (any order; non-finite values are dropped) at each level.
  /// Empty when no finite value remains.
  package static func of(_ values: [Double], levels: [Double]) -> [Double] {
    let s = values.filter(\.isFinite).sorted()
    guard !s.isEmpty else { return [] }
    return levels.compactMap { sorted(s, level: $0) }
  }

  /// The nine interior deciles (levels 0.1 … 0.9) of `values`.
  package static func deciles(_ values: [Double]) -> [Double] {
    of(values, levels: (1...9).map { Double($0) / 10 })
  }
}
