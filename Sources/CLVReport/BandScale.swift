/// Evenly spaced bands for categories (bars, heat-map cells), as d3-scale's `scaleBand`.
///
/// With n bands, inner padding p_i and outer padding p_o (fractions of the step):
/// `step = (r1 − r0) / (n − p_i + 2·p_o)`, `bandwidth = step · (1 − p_i)`,
/// band k starts at `r0 + step · (p_o + k)`.
package struct BandScale: Sendable, Equatable {
  /// Number of bands.
  package let count: Int
  /// Pixel range.
  package let range: (Double, Double)
  /// Gap between bands as a fraction of the step.
  package let paddingInner: Double
  /// Gap before the first and after the last band, as a fraction of the step.
  package let paddingOuter: Double

  /// A band scale.
  package init(count: Int, range: (Double, Double), paddingInner: Double = 0.2, paddingOuter: Double = 0.1) {
    precondition(count >= 0, "band count must be non-negative")
    self.count = count
    self.range = range
    self.paddingInner = paddingInner
    self.paddingOuter = paddingOuter
  }

  /// Distance between the starts of two neighbouring bands.
  package var step: Double {
    let n = Double(max(count, 1))
    return (range.1 - range.0) / max(1e-9, n - paddingInner + 2 * paddingOuter)
  }

  /// Width of one band.
  package var bandwidth: Double { step * (1 - paddingInner) }

  /// Start of band `index`.
  package func start(_ index: Int) -> Double { range.0 + step * (paddingOuter + Double(index)) }

  /// Centre of band `index`.
  package func center(_ index: Int) -> Double { start(index) + bandwidth / 2 }

  /// Equal when domain and range (and padding) are equal; written by hand because tuples are not `Equatable`.
  package static func == (a: BandScale, b: BandScale) -> Bool {
    a.count == b.count && a.range == b.range && a.paddingInner == b.paddingInner
      && a.paddingOuter == b.paddingOuter
  }
}
