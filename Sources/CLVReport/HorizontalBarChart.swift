/// Horizontal bars with optional error bars, one per labelled category, drawn in the
/// given order from top to bottom: permutation importance (mean drop in score ± sd).
package struct HorizontalBarChart: Sendable, Equatable {
  /// The bars, top to bottom (sort them before, e.g. by decreasing importance).
  package var bars: [HorizontalBar]
  /// Title of the value axis.
  package var xLabel: String

  /// A horizontal bar chart.
  package init(bars: [HorizontalBar], xLabel: String) {
    self.bars = bars
    self.xLabel = xLabel
  }

  /// Height that gives each bar about 22 px.
  package var preferredHeight: Double { max(160, 70 + 22 * Double(bars.count)) }

  func render(id: String, title: String, description: String, width: Double, height: Double) -> String {
    let labels = bars.map { TextMetrics.truncate($0.label, maxWidth: 180) }
    let left = 12 + (labels.map { TextMetrics.width($0) }.max() ?? 0) + 10
    let frame = ChartFrame(width: width, height: height, top: 14, right: 24, bottom: 48, left: left)
    let extents = bars.flatMap { b -> [Double] in
      let e = b.error.map(abs) ?? 0
      return [b.value - e, b.value + e]
    }
    let x = LinearScale.fitting(extents, range: (frame.x0, frame.x1), includeZero: true, tickCount: 6)
    let band = BandScale(count: bars.count, range: (frame.y0, frame.y1), paddingInner: 0.25, paddingOuter: 0.15)
    return ChartDocument.render(id: id, title: title, description: description, width: width, height: height) { w in
      ChartAxis.bottom(&w, frame: frame, ticks: ChartAxis.ticks(x, count: 6), title: xLabel, grid: true)
      ChartAxis.left(
        &w, frame: frame, ticks: bars.indices.map { AxisTick(position: band.center($0), label: labels[$0]) }, title: "",
        grid: false, line: false)
      var path = SVGPath()
      var errors = SVGPath()
      for (i, b) in bars.enumerated() where b.value.isFinite {
        path.rect(x: min(x(0), x(b.value)), y: band.start(i), width: abs(x(b.value) - x(0)), height: band.bandwidth)
        if let e = b.error, e.isFinite, e > 0 {
          let cy = band.center(i)
          let cap = min(6, band.bandwidth * 0.35)
          errors.move(to: x(b.value - e), cy)
          errors.horizontal(to: x(b.value + e))
          errors.move(to: x(b.value - e), cy - cap)
          errors.vertical(to: cy + cap)
          errors.move(to: x(b.value + e), cy - cap)
          errors.vertical(to: cy + cap)
        }
      }
      w.leaf("path", [("class", "bar s0"), ("d", path.data), ("fill", ChartPalette.color(0))])
      var zero = SVGPath()
      zero.move(to: x(0), frame.y0)
      zero.vertical(to: frame.y1)
      w.leaf("path", [("class", "axis-line"), ("d", zero.data), ("stroke", ChartPalette.axis), ("fill", "none")])
      if !errors.data.isEmpty {
        w.leaf(
          "path",
          [
            ("class", "error-bar"), ("d", errors.data), ("stroke", ChartPalette.ink), ("stroke-width", "1.5"),
            ("fill", "none"),
          ])
      }
    }
  }
}
