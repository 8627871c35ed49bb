/// Scale type of both scatter axes.
package enum ScatterAxes: String, Sendable, Equatable {
  /// Linear axes (nice ticks).
  case linear
  /// `log1p` axes for skewed non-negative values such as spend (see `Log1pScale`).
  case log1p
}

/// A scatter plot of one or more coloured groups, optionally with the y = x line:
/// predicted vs actual CLV on log1p axes; PCA projection coloured by segment.
/// Callers down-sample large sets (about 1 000 points keeps the file light).
package struct ScatterChart: Sendable, Equatable {
  /// The groups of points.
  package var series: [ScatterSeries]
  /// Horizontal axis title.
  package var xLabel: String
  /// Vertical axis title.
  package var yLabel: String
  /// Linear or log1p axes.
  package var axes: ScatterAxes
  /// Draw the diagonal y = x (perfect prediction).
  package var identityLine: Bool

  /// A scatter chart.
  package init(
    series: [ScatterSeries], xLabel: String, yLabel: String, axes: ScatterAxes = .linear, identityLine: Bool = false
  ) {
    self.series = series
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.axes = axes
    self.identityLine = identityLine
  }

  /// A linear or log1p axis behind one interface.
  private enum AxisScale {
    case linear(LinearScale)
    case log1p(Log1pScale)

    func callAsFunction(_ v: Double) -> Double {
      switch self {
      case .linear(let s): return s(v)
      case .log1p(let s): return s(v)
      }
    }

    var ticks: [AxisTick] {
      switch self {
      case .linear(let s): return ChartAxis.ticks(s, count: 6)
      case .log1p(let s): return zip(s.ticks(), s.tickLabels()).map { AxisTick(position: s($0), label: $1) }
      }
    }
  }

  private func scale(_ values: [Double], range: (Double, Double), shared: [Double]) -> AxisScale {
    let source = identityLine ? shared : values
    switch axes {
    case .linear:
      return .linear(LinearScale.fitting(source, range: range, tickCount: 6))
    case .log1p:
      let hi = source.filter(\.isFinite).max() ?? 1
      return .log1p(Log1pScale(domain: (0, max(1, hi)), range: range))
    }
  }

  /// Series dots (when there is more than one series) and the y = x reference line.
  private var legendEntries: [(String, LegendKey)] {
    var entries: [(String, LegendKey)] = []
    if series.count > 1 || identityLine {
      entries = series.enumerated().map { ($1.name, .dot(color: ChartPalette.color($0), cssClass: "s\($0 % 8)")) }
    }
    if identityLine {
      entries.append(("y = x (perfect prediction)", .line(color: ChartPalette.reference, dash: "5 4", cssClass: "ref")))
    }
    return entries
  }

  func render(id: String, title: String, description: String, width: Double, height: Double) -> String {
    let xs = series.flatMap { $0.points.map(\.x) }
    let ys = series.flatMap { $0.points.map(\.y) }
    let legendRows = Double(ChartLegend.rows(legendEntries.map(\.0), width: width - 60))
    let top = 14 + legendRows * ChartLegend.rowHeight
    let provisional = scale(ys, range: (height - 48, top), shared: xs + ys)
    let left = ChartAxis.leftMargin(for: provisional.ticks.map(\.label))
    let frame = ChartFrame(width: width, height: height, top: top, right: 20, bottom: 48, left: left)
    let x = scale(xs, range: (frame.x0, frame.x1), shared: xs + ys)
    let y = scale(ys, range: (frame.y1, frame.y0), shared: xs + ys)
    return ChartDocument.render(id: id, title: title, description: description, width: width, height: height) { w in
      ChartAxis.left(&w, frame: frame, ticks: y.ticks, title: yLabel, grid: true)
      ChartAxis.bottom(&w, frame: frame, ticks: x.ticks, title: xLabel, grid: true)
      if identityLine {
        let all = (xs + ys).filter(\.isFinite)
        let lo = axes == .log1p ? 0 : (all.min() ?? 0)
        let hi = all.max() ?? 1
        var path = SVGPath()
        // Sample the diagonal so it stays straight on log1p axes too (it is straight anyway:
        // both axes use the same transform), and clip it to the plot area.
        path.move(to: x(lo), y(lo))
        path.line(to: x(hi), y(hi))
        w.leaf(
          "path",
          [
            ("class", "line ref"), ("d", path.data), ("stroke", ChartPalette.reference), ("stroke-width", "1.5"),
            ("stroke-dasharray", "5 4"), ("fill", "none"),
          ])
      }
      for (s, group) in series.enumerated() {
        w.open("g", [("class", "dot s\(s % 8)"), ("fill", ChartPalette.color(s)), ("fill-opacity", "0.65")])
        for p in group.points where p.x.isFinite && p.y.isFinite {
          w.leaf("circle", [("cx", px(x(p.x))), ("cy", px(y(p.y))), ("r", "2.75")])
        }
        w.close("g")
      }
      ChartLegend.draw(&w, entries: legendEntries, x: frame.x0, y: 12, maxX: width - 10)
    }
  }
}
