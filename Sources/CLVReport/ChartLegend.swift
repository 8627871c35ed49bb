/// How a legend entry's key is drawn.
enum LegendKey {
  /// A short line with the series colour and dash pattern.
  case line(color: String, dash: String?, cssClass: String)
  /// A filled square (bars, heat-map categories).
  case box(color: String, cssClass: String)
  /// A filled circle (scatter series).
  case dot(color: String, cssClass: String)
}

/// A horizontal legend above the plot area; entries wrap onto a new row when the row is full.
enum ChartLegend {
  /// Height used by `rows` legend rows.
  static let rowHeight = 16.0

  /// Number of rows the entries need within `width`.
  static func rows(_ names: [String], width: Double) -> Int {
    var rows = 1
    var x = 0.0
    for name in names {
      let w = 22 + TextMetrics.width(TextMetrics.truncate(name, maxWidth: 220)) + 14
      if x > 0 && x + w > width {
        rows += 1
        x = 0
      }
      x += w
    }
    return names.isEmpty ? 0 : rows
  }

  /// Draws entries from (x, y) rightwards, wrapping at `maxX`.
  static func draw(_ w: inout SVGWriter, entries: [(String, LegendKey)], x: Double, y: Double, maxX: Double) {
    guard !entries.isEmpty else { return }
    w.open("g", [("class", "legend"), ("aria-hidden", "true")])
    var cx = x
    var cy = y
    for (name, key) in entries {
      let label = TextMetrics.truncate(name, maxWidth: 220)
      let width = 22 + TextMetrics.width(label) + 14
      if cx > x && cx + width > maxX {
        cx = x
        cy += rowHeight
      }
      switch key {
      case .line(let color, let dash, let cssClass):
        var attrs: [(String, String)] = [
          ("class", "line \(cssClass)"), ("d", "M\(px(cx)),\(px(cy))h18"), ("stroke", color),
          ("stroke-width", "2.5"), ("fill", "none"),
        ]
        if let dash { attrs.append(("stroke-dasharray", dash)) }
        w.leaf("path", attrs)
      case .box(let color, let cssClass):
        w.leaf(
          "rect",
          [
            ("class", "bar \(cssClass)"), ("x", px(cx + 3)), ("y", px(cy - 6)), ("width", "12"), ("height", "12"),
            ("fill", color),
          ])
      case .dot(let color, let cssClass):
        w.leaf(
          "circle", [("class", "dot \(cssClass)"), ("cx", px(cx + 9)), ("cy", px(cy)), ("r", "4"), ("fill", color)])
      }
      w.element("text", [("x", px(cx + 22)), ("y", px(cy)), ("dy", "0.32em")], content: label)
      cx += width
    }
    w.close("g")
  }
}
