/// Vertical bars grouped by category, one bar per series in each group: decile
/// calibration (predicted vs actual mean per decile), repeat-frequency histogram
/// (customers by number of repeat purchases, actual vs model).
package struct GroupedBarChart: Sendable, Equatable {
  /// Category labels along the x axis.
  package var categories: [String]
  /// Series, each with one value per category.
  package var series: [BarSeries]
  /// Horizontal axis title.
  package var xLabel: String
  /// Vertical axis title.
  package var yLabel: String

  /// A grouped bar chart. Precondition: every series has one value per category.
  package init(categories: [String], series: [BarSeries], xLabel: String, yLabel: String) {
    for s in series {
      precondition(s.values.count == categories.count, "bar series '\(s.name)' needs one value per category")
    }
    self.categories = categories
    self.series = series
    self.xLabel = xLabel
    self.yLabel = yLabel
  }

  func render(id: String, title: String, description: String, width: Double, height: Double) -> String {
    let values = series.flatMap(\.values)
    let legendRows = Double(ChartLegend.rows(series.map(\.name), width: width - 60))
    let top = 14 + legendRows * ChartLegend.rowHeight
    let provisional = LinearScale.fitting(values, range: (height - 48, top), includeZero: true)
    let left = ChartAxis.leftMargin(for: provisional.tickLabels(count: 6))
    let outer0 = BandScale(count: categories.count, range: (left, width - 16))
    let rotate = outer0.bandwidth < (categories.map { TextMetrics.width($0) }.max() ?? 0) + 4
    let bottom = rotate ? 48 + min(60, (categories.map { TextMetrics.width($0) }.max() ?? 0) * 0.6) : 48
    let frame = ChartFrame(width: width, height: height, top: top, right: 16, bottom: bottom, left: left)
    let y = LinearScale.fitting(values, range: (frame.y1, frame.y0), includeZero: true)
    let outer = BandScale(count: categories.count, range: (frame.x0, frame.x1), paddingInner: 0.2, paddingOuter: 0.1)
    let inner = BandScale(count: series.count, range: (0, outer.bandwidth), paddingInner: 0.08, paddingOuter: 0)
    return ChartDocument.render(id: id, title: title, description: description, width: width, height: height) { w in
      ChartAxis.left(&w, frame: frame, ticks: ChartAxis.ticks(y, count: 6), title: yLabel, grid: true, line: false)
      let ticks = categories.indices.map {
        AxisTick(
          position: outer.center($0), label: TextMetrics.truncate(categories[$0], maxWidth: rotate ? 90 : outer.step))
      }
      w.open("g", [("class", "series")])
      for (s, bars) in series.enumerated() {
        var path = SVGPath()
        for (c, v) in bars.values.enumerated() where v.isFinite {
          let top = min(y(v), y(0))
          path.rect(x: outer.start(c) + inner.start(s), y: top, width: inner.bandwidth, height: abs(y(v) - y(0)))
        }
        w.leaf("path", [("class", "bar s\(s % 8)"), ("d", path.data), ("fill", ChartPalette.color(s))])
      }
      w.close("g")
      ChartAxis.bottom(&w, frame: frame, ticks: ticks, title: xLabel, grid: false, rotateLabels: rotate)
      ChartLegend.draw(
        &w, entries: series.enumerated().map { ($1.name, .box(color: ChartPalette.color($0), cssClass: "s\($0 % 8)")) },
        x: frame.x0, y: 12, maxX: width - 10)
    }
  }
}
