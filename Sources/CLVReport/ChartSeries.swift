/// A data point of a line or scatter chart.
public struct ChartPoint: Sendable, Equatable {
  /// Horizontal value.
  public var x: Double
  /// Vertical value.
  public var y: Double

  /// A point.
  public init(_ x: Double, _ y: Double) {
    self.x = x
    self.y = y
  }
}

/// Whether a series is data (palette colour) or a reference line (grey, dashed), such as
/// a random baseline, a perfect model or y = x.
public enum SeriesRole: String, Sendable, Equatable {
  /// A data series: next palette colour and dash pattern.
  case data
  /// A reference series: grey and dashed, drawn beneath data series.
  case reference
}

/// A named line of a line chart.
public struct LineSeries: Sendable, Equatable {
  /// Legend name.
  public var name: String
  /// Points in drawing order; non-finite points break the line.
  public var points: [ChartPoint]
  /// Data or reference.
  public var role: SeriesRole

  /// A line series.
  public init(name: String, points: [ChartPoint], role: SeriesRole = .data) {
    self.name = name
    self.points = points
    self.role = role
  }
}

/// A vertical marker line with a label, e.g. the stopping epoch or the calibration end.
public struct ChartMarker: Sendable, Equatable {
  /// Position on the x axis (data units).
  public var x: Double
  /// Label written next to the line's top.
  public var label: String

  /// A marker.
  public init(x: Double, label: String) {
    self.x = x
    self.label = label
  }
}

/// One series of a grouped bar chart: one value per category.
public struct BarSeries: Sendable, Equatable {
  /// Legend name.
  public var name: String
  /// Values, one per category (non-finite values draw no bar).
  public var values: [Double]

  /// A bar series.
  public init(name: String, values: [Double]) {
    self.name = name
    self.values = values
  }
}

/// One bar of a horizontal bar chart with an optional symmetric error (e.g. ± 1 sd).
public struct HorizontalBar: Sendable, Equatable {
  /// Category label (e.g. a feature name).
  public var label: String
  /// Bar length.
  public var value: Double
  /// Half-width of the error bar, if any.
  public var error: Double?

  /// A bar.
  public init(label: String, value: Double, error: Double? = nil) {
    self.label = label
    self.value = value
    self.error = error
  }
}

/// A named group of scatter points.
public struct ScatterSeries: Sendable, Equatable {
  /// Legend name.
  public var name: String
  /// The points (callers down-sample large sets, e.g. to 1 000).
  public var points: [ChartPoint]

  /// A scatter series.
  public init(name: String, points: [ChartPoint]) {
    self.name = name
    self.points = points
  }
}

/// One histogram bin `[lower, upper)` and its count.
public struct HistogramBin: Sendable, Equatable {
  /// Inclusive lower edge.
  public var lower: Double
  /// Exclusive upper edge (inclusive for the last bin).
  public var upper: Double
  /// Number of values in the bin.
  public var count: Int

  /// A bin.
  public init(lower: Double, upper: Double, count: Int) {
    self.lower = lower
    self.upper = upper
    self.count = count
  }
}
