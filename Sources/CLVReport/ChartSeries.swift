/// A data point of a line or scatter chart.
package struct ChartPoint: Sendable, Equatable {
  /// Horizontal value.
  package var x: Double
  /// Vertical value.
  package var y: Double

  /// A point.
  package init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }
}

/// Whether a series is data (palette colour) or a reference line (grey, dashed), such as
/// a random baseline, a perfect model or y = x.
package enum SeriesRole: String, Sendable, Equatable {
  /// A data series: next palette colour and dash pattern.
  case data
  /// A reference series: grey and dashed, drawn beneath data series.
  case reference
}

/// A named line of a line chart.
package struct LineSeries: Sendable, Equatable {
  /// Legend name.
  package var name: String
  /// Points in drawing order; non-finite points break the line.
  package var points: [ChartPoint]
  /// Data or reference.
  package var role: SeriesRole

  /// A line series.
  package init(name: String, points: [ChartPoint], role: SeriesRole = .data) {
    self.name = name
    self.points = points
    self.role = role
  }
}

/// A vertical marker line with a label, e.g. the stopping epoch or the calibration end.
package struct ChartMarker: Sendable, Equatable {
  /// Position on the x axis (data units).
  package var x: Double
  /// Label written next to the line's top.
  package var label: String

  /// A marker.
  package init(x: Double, label: String) {
    self.x = x
    self.label = label
  }
}

/// One series of a grouped bar chart: one value per category.
package struct BarSeries: Sendable, Equatable {
  /// Legend name.
  package var name: String
  /// Values, one per category (non-finite values draw no bar).
  package var values: [Double]

  /// A bar series.
  package init(name: String, values: [Double]) {
    self.name = name
    self.values = values
  }
}

/// One bar of a horizontal bar chart with an optional symmetric error (e.g. ± 1 sd).
package struct HorizontalBar: Sendable, Equatable {
  /// Category label (e.g. a feature name).
  package var label: String
  /// Bar length.
  package var value: Double
  /// Half-width of the error bar, if any.
  package var error: Double?

  /// A bar.
  package init(label: String, value: Double, error: Double? = nil) {
    self.label = label
    self.value = value
    self.error = error
  }
}

/// A named group of scatter points.
package struct ScatterSeries: Sendable, Equatable {
  /// Legend name.
  package var name: String
  /// The points (callers down-sample large sets, e.g. to 1 000).
  package var points: [ChartPoint]

  /// A scatter series.
  package init(name: String, points: [ChartPoint]) {
    self.name = name
    self.points = points
  }
}

/// One histogram bin `[lower, upper)` and its count.
package struct HistogramBin: Sendable, Equatable {
  /// Inclusive lower edge.
  package var lower: Double
  /// Exclusive upper edge (inclusive for the last bin).
  package var upper: Double
  /// Number of values in the bin.
  package var count: Int

  /// A bin.
  package init(lower: Double, upper: Double, count: Int) {
    self.lower = lower
    self.upper = upper
    self.count = count
  }
}
