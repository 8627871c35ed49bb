import Foundation

/// How heat-map values map to colours.
package enum HeatMapColors: Sendable, Equatable {
  /// Low → high on `ColorRamp.viridis`, over the data's min…max (e.g. P(alive) in [0, 1]
  /// with an explicit domain).
  case sequential(domain: ClosedRange<Double>?)
  /// Diverging around `center` on `ColorRamp.blueRed`, symmetric (e.g. standardised means
  /// around 0).
  case diverging(center: Double)
}

/// A grid of coloured cells with row and column labels and a colour legend:
/// P(alive) over frequency × recency; segment × feature standardised means.
package struct HeatMapChart: Sendable, Equatable {
  /// Labels of the rows, top to bottom.
  package var rowLabels: [String]
  /// Labels of the columns, left to right.
  package var columnLabels: [String]
  /// `values[row][column]`; nil or non-finite cells are drawn empty (light grey).
  package var values: [[Double?]]
  /// Colour mapping.
  package var colors: HeatMapColors
  /// Horizontal axis title.
  package var xLabel: String
  /// Vertical axis title.
  package var yLabel: String
  /// Title of the colour legend (what the colour means).
  package var legendTitle: String
  /// Print each value in its cell with this many decimals (nil: no labels).
  package var valueDecimals: Int?

  /// A heat map. Precondition: `values` is rows × columns.
  package init(
    rowLabels: [String], columnLabels: [String], values: [[Double?]], colors: HeatMapColors,
    xLabel: String, yLabel: String, legendTitle: String, valueDecimals: Int? = nil
  ) {
    precondition(values.count == rowLabels.count, "heat map needs one value row per row label")
    for row in values { precondition(row.count == columnLabels.count, "heat map rows need one value per column") }
    self.rowLabels = rowLabels
    self.columnLabels = columnLabels
    self.values = values
    self.colors = colors
    self.xLabel = xLabel
    self.yLabel = yLabel
    self.legendTitle = legendTitle
    self.valueDecimals = valueDecimals
  }

  /// The ramp and the value → t ∈ [0, 1] map.
  func mapping() -> (ColorRamp, (Double) -> Double, (Double, Double)) {
    let finite = values.flatMap { $0.compactMap { $0 } }.filter(\.isFinite)
    switch colors {
    case .sequential(let domain):
      let lo = domain?.lowerBound ?? finite.min() ?? 0
      let hi = domain?.upperBound ?? finite.max() ?? 1
      let span = hi > lo ? hi - lo : 1
      return (ColorRamp.viridis, { ($0 - lo) / span }, (lo, hi))
    case .diverging(let center):
      let reach = max(finite.map { abs($0 - center) }.max() ?? 1, 1e-12)
      return (ColorRamp.blueRed, { 0.5 + ($0 - center) / (2 * reach) }, (center - reach, center + reach))
    }
  }

  func render(id: String, title: String, description: String, width: Double, height: Double) -> String {
    let rows = rowLabels.map { TextMetrics.truncate($0, maxWidth: 150) }
    let left = 30 + (rows.map { TextMetrics.width($0) }.max() ?? 0) + 10
    let columnWidth = (width - left - 90) / Double(max(1, columnLabels.count))
    let rotate = (columnLabels.map { TextMetrics.width($0) }.max() ?? 0) > columnWidth - 4
    // Labels rotated by 35° need about sin 35° ≈ 0.57 of their width in height.
    let bottom = rotate ? 40 + min(60, (columnLabels.map { TextMetrics.width($0) }.max() ?? 0) * 0.57) : 48
    let frame = ChartFrame(width: width, height: height, top: 14, right: 90, bottom: bottom, left: left)
    let xBand = BandScale(count: columnLabels.count, range: (frame.x0, frame.x1), paddingInner: 0.04, paddingOuter: 0)
    let yBand = BandScale(count: rowLabels.count, range: (frame.y0, frame.y1), paddingInner: 0.04, paddingOuter: 0)
    let (ramp, t, legendDomain) = mapping()
    return ChartDocument.render(id: id, title: title, description: description, width: width, height: height) { w in
      w.open("g", [("class", "cells")])
      for (r, row) in values.enumerated() {
        for (c, value) in row.enumerated() {
          let attrs: [(String, String)] = [
            ("x", px(xBand.start(c))), ("y", px(yBand.start(r))), ("width", px(xBand.bandwidth)),
            ("height", px(yBand.bandwidth)),
          ]
          guard let v = value, v.isFinite else {
            w.leaf("rect", attrs + [("class", "empty"), ("fill", "#F3F4F6")])
            continue
          }
          w.leaf("rect", attrs + [("fill", ramp.color(at: t(v)))])
          if let decimals = valueDecimals, xBand.bandwidth >= 24, yBand.bandwidth >= 13 {
            let dark = ramp.luminance(at: t(v)) > 0.35
            w.element(
              "text",
              [
                ("x", px(xBand.center(c))), ("y", px(yBand.center(r))), ("dy", "0.32em"), ("text-anchor", "middle"),
                ("font-size", "10"), ("fill", dark ? "#111827" : "#FFFFFF"),
              ], content: NumberFormatting.fixed(v, decimals: decimals))
          }
        }
      }
      w.close("g")
      ChartAxis.left(
        &w, frame: frame, ticks: rows.indices.map { AxisTick(position: yBand.center($0), label: rows[$0]) },
        title: yLabel,
        grid: false, line: false)
      ChartAxis.bottom(
        &w, frame: frame,
        ticks: columnLabels.indices.map {
          AxisTick(
            position: xBand.center($0),
            label: TextMetrics.truncate(columnLabels[$0], maxWidth: rotate ? 90 : columnWidth))
        }, title: xLabel, grid: false, rotateLabels: rotate)
      drawLegend(&w, frame: frame, ramp: ramp, domain: legendDomain)
    }
  }

  /// A stepped colour bar right of the plot with the domain's ends and middle labelled.
  private func drawLegend(_ w: inout SVGWriter, frame: ChartFrame, ramp: ColorRamp, domain: (Double, Double)) {
    let steps = 12
    let x = frame.x1 + 16
    let height = min(160, frame.plotHeight)
    let y0 = frame.y0 + 14
    w.open("g", [("class", "color-legend"), ("aria-hidden", "true")])
    w.element(
      "text", [("x", px(x)), ("y", px(frame.y0 + 4)), ("font-weight", "600")],
      content: TextMetrics.truncate(legendTitle, maxWidth: 86))
    for k in 0..<steps {
      // Top = high values.
      let tTop = 1 - Double(k) / Double(steps)
      let tMid = tTop - 0.5 / Double(steps)
      w.leaf(
        "rect",
        [
          ("x", px(x)), ("y", px(y0 + height * Double(k) / Double(steps))), ("width", "14"),
          ("height", px(height / Double(steps) + 0.5)), ("fill", ramp.color(at: tMid)),
        ])
    }
    let step = NiceTicks.tickStep(domain.0, domain.1, count: 4)
    let labels = TickFormat.labels([domain.1, (domain.0 + domain.1) / 2, domain.0], step: step / 2)
    for (i, label) in labels.enumerated() {
      w.element(
        "text",
        [
          ("class", "muted"), ("fill", ChartPalette.muted), ("x", px(x + 19)), ("y", px(y0 + height * Double(i) / 2)),
          ("dy", "0.32em"),
        ],
        content: label)
    }
    w.close("g")
  }
}
