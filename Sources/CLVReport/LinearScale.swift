/// A continuous linear map from a data domain to a pixel range, as d3-scale's `scaleLinear`.
///
/// `y = r0 + (x − d0) / (d1 − d0) · (r1 − r0)`; a degenerate domain (d0 = d1) maps
/// everything to the middle of the range. Exact up to floating-point rounding.
package struct LinearScale: Sendable, Equatable {
  /// Domain start and end (data units).
  package var domain: (Double, Double) { (d0, d1) }
  /// Range start and end (pixels).
  package var range: (Double, Double) { (r0, r1) }
  private var d0: Double
  private var d1: Double
  private let r0: Double
  private let r1: Double

  /// A scale mapping `domain` onto `range`.
  package init(domain: (Double, Double), range: (Double, Double)) {
    precondition(domain.0.isFinite && domain.1.isFinite, "scale domain must be finite")
    (d0, d1, r0, r1) = (domain.0, domain.1, range.0, range.1)
  }

  /// Maps a data value to the range (extrapolates outside the domain).
  package func callAsFunction(_ x: Double) -> Double {
    if d1 == d0 { return (r0 + r1) / 2 }
    return r0 + (x - d0) / (d1 - d0) * (r1 - r0)
  }

  /// Maps a range value back to the domain.
  package func invert(_ y: Double) -> Double {
    if r1 == r0 { return d0 }
    return d0 + (y - r0) / (r1 - r0) * (d1 - d0)
  }

  /// The same scale with the domain extended to nice tick multiples (d3 `nice`).
  package func nice(count: Int = 10) -> LinearScale {
    let (a, b) = NiceTicks.nice(d0, d1, count: count)
    return LinearScale(domain: (a, b), range: (r0, r1))
  }

  /// About `count` nice tick values inside the domain.
  package func ticks(count: Int = 10) -> [Double] { NiceTicks.ticks(d0, d1, count: count) }

  /// Labels for `ticks(count:)`, with as many decimals as the tick step needs.
  package func tickLabels(count: Int = 10) -> [String] {
    TickFormat.labels(ticks(count: count), step: NiceTicks.tickStep(d0, d1, count: count))
  }

  /// Equal when domain and range (and padding) are equal; written by hand because tuples are not `Equatable`.
  package static func == (a: LinearScale, b: LinearScale) -> Bool {
    a.d0 == b.d0 && a.d1 == b.d1 && a.r0 == b.r0 && a.r1 == b.r1
  }
}

extension LinearScale {
  /// A scale over the extent of `values` (optionally forced to include zero and padded),
  /// made nice for about `tickCount` ticks. An empty or constant input gets a unit-wide domain.
  package static func fitting(
    _ values: [Double], range: (Double, Double), includeZero: Bool = false, tickCount: Int = 6
  ) -> LinearScale {
    let finite = values.filter(\.isFinite)
    var lo = finite.min() ?? 0
    var hi = finite.max() ?? 1
    if includeZero {
      lo = min(lo, 0)
      hi = max(hi, 0)
    }
    if lo == hi {
      lo -= lo == 0 ? 0 : abs(lo) * 0.5
      hi += hi == 0 ? 1 : abs(hi) * 0.5
    }
    return LinearScale(domain: (lo, hi), range: range).nice(count: tickCount)
  }
}
