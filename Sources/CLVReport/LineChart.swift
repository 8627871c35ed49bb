/// A line chart with several series, optional vertical markers and an optional rug.
/// Used for training-loss curves (marker: stopping epoch), cumulative repeat transactions
/// actual vs model (marker: calibration end), gain curves (model vs perfect vs random,
/// the latter two as `.reference` series) and partial dependence (rug: feature deciles).
package struct LineChart: Sendable, Equatable {
  /// Horizontal axis title.
  package var xLabel: String
  /// Vertical axis title.
  package var yLabel: String
  /// The lines; reference series are drawn first (underneath).
  package var series: [LineSeries]
  /// Vertical markers.
  package var markers: [ChartMarker]
  /// Short ticks along the bottom of the plot at these x values (e.g. deciles).
  package var rug: [Double]
  /// Whether the y axis must include zero.
  package var yIncludesZero: Bool
  /// Draw a dot at each point (helpful for few points).
  package var showPoints: Bool
  /// Tick label format of the x axis (e.g. `.percent` for a gain chart's share of customers).
  package var xFormat: AxisFormat
  /// Tick label format of the y axis.
  package var yFormat: AxisFormat

  /// A line chart.
  package init(
    xLabel: String, yLabel: String, series: [LineSeries], markers: [ChartMarker] = [], rug: [Double] = [],
    yIncludesZero: Bool = false, showPoints: Bool = false, xFormat: AxisFormat = .number, yFormat: AxisFormat = .number
  ) {
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.series = series
    self.markers = markers
    self.rug = rug
    self.yIncludesZero = yIncludesZero
    self.showPoints = showPoints
    self.xFormat = xFormat
    self.yFormat = yFormat
  }

  /// Styles by series: data series take palette colours in order, references are grey.
  func styles() -> [(color: String, dash: String?, cssClass: String)] {
    var dataIndex = 0
    var referenceIndex = 0
    // Reference lines share the grey, so each gets its own dash pattern to stay distinguishable.
    let referenceDashes = ["5 4", "1 3", "8 3 2 3", "12 4"]
    return series.map { s in
      if s.role == .reference {
        defer { referenceIndex += 1 }
        return (ChartPalette.reference, referenceDashes[referenceIndex % referenceDashes.count], "ref")
      }
      defer { dataIndex += 1 }
      return (ChartPalette.color(dataIndex), ChartPalette.dash(dataIndex), "s\(dataIndex % 8)")
    }
  }

  func render(id: String, title: String, description: String, width: Double, height: Double) -> String {
    let xs = series.flatMap { $0.points.map(\.x) } + markers.map(\.x) + rug
    let ys = series.flatMap { $0.points.map(\.y) }
    let legendRows = Double(ChartLegend.rows(series.map(\.name), width: width - 60))
    let top = 14 + legendRows * ChartLegend.rowHeight + (markers.isEmpty ? 0 : 12)
    let provisionalY = LinearScale.fitting(ys, range: (height - 48, top), includeZero: yIncludesZero)
    let left = ChartAxis.leftMargin(for: ChartAxis.ticks(provisionalY, count: 6, format: yFormat).map(\.label))
    let frame = ChartFrame(width: width, height: height, top: top, right: 20, bottom: 48, left: left)
    let x = LinearScale.fitting(xs, range: (frame.x0, frame.x1), tickCount: 8)
    let y = LinearScale.fitting(ys, range: (frame.y1, frame.y0), includeZero: yIncludesZero)
    let style = styles()
    return ChartDocument.render(id: id, title: title, description: description, width: width, height: height) { w in
      ChartAxis.left(&w, frame: frame, ticks: ChartAxis.ticks(y, count: 6, format: yFormat), title: yLabel, grid: true)
      ChartAxis.bottom(
        &w, frame: frame, ticks: ChartAxis.ticks(x, count: 8, format: xFormat), title: xLabel, grid: false)
      let order = series.indices.sorted {
        (series[$0].role == .reference ? 0 : 1, $0) < (series[$1].role == .reference ? 0 : 1, $1)
      }
      w.open("g", [("class", "series")])
      for i in order {
        var path = SVGPath()
        path.polyline(series[i].points.map { (x($0.x), y($0.y)) })
        var attrs: [(String, String)] = [
          ("class", "line \(style[i].cssClass)"), ("d", path.data), ("fill", "none"), ("stroke", style[i].color),
          ("stroke-width", series[i].role == .reference ? "1.5" : "2.25"), ("stroke-linejoin", "round"),
          ("stroke-linecap", "round"),
        ]
        if let dash = style[i].dash { attrs.append(("stroke-dasharray", dash)) }
        w.leaf("path", attrs)
        if showPoints {
          var dots = SVGPath()
          for p in series[i].points where p.x.isFinite && p.y.isFinite {
            dots.move(to: x(p.x), y(p.y))
            dots.horizontal(to: x(p.x))
          }
          w.leaf(
            "path",
            [
              ("class", "line \(style[i].cssClass)"), ("d", dots.data), ("stroke", style[i].color),
              ("stroke-width", "6"), ("stroke-linecap", "round"),
            ])
        }
      }
      w.close("g")
      drawMarkers(&w, frame: frame, x: x)
      drawRug(&w, frame: frame, x: x)
      ChartLegend.draw(
        &w,
        entries: series.indices.map {
          (series[$0].name, .line(color: style[$0].color, dash: style[$0].dash, cssClass: style[$0].cssClass))
        },
        x: frame.x0, y: 12, maxX: width - 10)
    }
  }

  private func drawMarkers(_ w: inout SVGWriter, frame: ChartFrame, x: LinearScale) {
    guard !markers.isEmpty else { return }
    w.open("g", [("class", "markers")])
    for m in markers where m.x.isFinite {
      let px0 = x(m.x)
      var path = SVGPath()
      path.move(to: px0, frame.y0 - 4)
      path.vertical(to: frame.y1)
      w.leaf(
        "path",
        [
          ("class", "marker"), ("d", path.data), ("stroke", ChartPalette.ink), ("stroke-width", "1.25"),
          ("stroke-dasharray", "3 3"), ("fill", "none"),
        ])
      let nearRight = px0 > frame.x1 - 120
      w.element(
        "text",
        [
          ("class", "marker-label"), ("x", px(nearRight ? px0 - 4 : px0 + 4)), ("y", px(frame.y0 - 6)),
          ("text-anchor", nearRight ? "end" : "start"), ("font-style", "italic"),
        ], content: m.label)
    }
    w.close("g")
  }

  private func drawRug(_ w: inout SVGWriter, frame: ChartFrame, x: LinearScale) {
    guard !rug.isEmpty else { return }
    var path = SVGPath()
    for v in rug where v.isFinite {
      path.move(to: x(v), frame.y1)
      path.vertical(to: frame.y1 - 8)
    }
    w.leaf(
      "path",
      [
        ("class", "rug"), ("aria-hidden", "true"), ("d", path.data), ("stroke", ChartPalette.ink),
        ("stroke-width", "1.5"), ("fill", "none"),
      ])
  }
}
