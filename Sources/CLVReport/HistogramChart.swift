/// A histogram of pre-binned counts (e.g. residuals), with optional vertical markers
/// (e.g. at 0). `HistogramChart.bins(_:count:)` bins raw values with nice thresholds.
package struct HistogramChart: Sendable, Equatable {
  /// The bins, in increasing order.
  package var bins: [HistogramBin]
  /// Horizontal axis title.
  package var xLabel: String
  /// Vertical axis title.
  package var yLabel: String
  /// Vertical markers (e.g. zero error, the median).
  package var markers: [ChartMarker]

  /// A histogram.
  package init(bins: [HistogramBin], xLabel: String, yLabel: String = "Count", markers: [ChartMarker] = []) {
    self.bins = bins
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.markers = markers
  }

  /// Bins `values` like d3-array's `bin()` with nice thresholds: the extent is made nice
  /// for about `count` bins and split at `NiceTicks` multiples; the last bin includes its
  /// upper edge. Non-finite values are ignored. Empty input gives no bins.
  package static func bins(_ values: [Double], count: Int = 20) -> [HistogramBin] {
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { return [] }
    if lo == hi { return [HistogramBin(lower: lo, upper: hi, count: finite.count)] }
    let (a, b) = NiceTicks.nice(lo, hi, count: count)
    let step = NiceTicks.tickStep(a, b, count: count)
    let n = max(1, Int(((b - a) / step).rounded()))
    var counts = [Int](repeating: 0, count: n)
    for v in finite {
      let k = min(n - 1, max(0, Int(((v - a) / step).rounded(.down))))
      counts[k] += 1
    }
    return (0..<n).map { k in
      // Edges as i·step from a (not accumulated sums) to avoid drift like 0.30000000000000004.
      HistogramBin(lower: a + Double(k) * step, upper: a + Double(k + 1) * step, count: counts[k])
    }
  }

  func render(id: String, title: String, description: String, width: Double, height: Double) -> String {
    let counts = bins.map { Double($0.count) }
    let top = markers.isEmpty ? 16.0 : 28.0
    // Counts are integers: never ask for more ticks than the largest count (no 0.5 ticks).
    let tickCount = max(1, min(6, bins.map(\.count).max() ?? 1))
    let provisional = LinearScale.fitting(counts, range: (height - 48, top), includeZero: true, tickCount: tickCount)
    let left = ChartAxis.leftMargin(for: provisional.tickLabels(count: tickCount))
    let frame = ChartFrame(width: width, height: height, top: top, right: 20, bottom: 48, left: left)
    let edges = bins.flatMap { [$0.lower, $0.upper] } + markers.map(\.x)
    // Bin edges are already nice (see `bins`), so the x domain is their extent, not re-niced.
    let x = LinearScale(domain: (edges.min() ?? 0, edges.max() ?? 1), range: (frame.x0, frame.x1))
    let y = LinearScale.fitting(counts, range: (frame.y1, frame.y0), includeZero: true, tickCount: tickCount)
    return ChartDocument.render(id: id, title: title, description: description, width: width, height: height) { w in
      ChartAxis.left(
        &w, frame: frame, ticks: ChartAxis.ticks(y, count: tickCount), title: yLabel, grid: true, line: false)
      var path = SVGPath()
      for bin in bins where bin.count > 0 {
        let x0 = x(bin.lower) + 0.5
        let x1 = max(x0 + 0.5, x(bin.upper) - 0.5)
        path.rect(x: x0, y: y(Double(bin.count)), width: x1 - x0, height: y(0) - y(Double(bin.count)))
      }
      w.leaf("path", [("class", "bar s0"), ("d", path.data), ("fill", ChartPalette.color(0))])
      ChartAxis.bottom(&w, frame: frame, ticks: ChartAxis.ticks(x, count: 8), title: xLabel, grid: false)
      for m in markers where m.x.isFinite {
        var line = SVGPath()
        line.move(to: x(m.x), frame.y0 - 4)
        line.vertical(to: frame.y1)
        w.leaf(
          "path",
          [
            ("class", "marker"), ("d", line.data), ("stroke", ChartPalette.ink), ("stroke-width", "1.25"),
            ("stroke-dasharray", "3 3"), ("fill", "none"),
          ])
        w.element(
          "text",
          [("class", "marker-label"), ("x", px(x(m.x) + 4)), ("y", px(frame.y0 - 6)), ("font-style", "italic")],
          content: m.label)
      }
    }
  }
}
