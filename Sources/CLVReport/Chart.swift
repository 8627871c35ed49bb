/// Every chart kind the report draws. `svg(id:title:description:)` renders a standalone,
/// accessible SVG document (also inlined into the HTML page).
package enum Chart: Sendable, Equatable {
  /// Several lines with markers and rug.
  case line(LineChart)
  /// Grouped vertical bars.
  case groupedBar(GroupedBarChart)
  /// Horizontal bars with error bars.
  case horizontalBar(HorizontalBarChart)
  /// Scatter plot (linear or log1p axes).
  case scatter(ScatterChart)
  /// Histogram of binned counts.
  case histogram(HistogramChart)
  /// Heat map with colour legend.
  case heatMap(HeatMapChart)

  /// Default size in px; horizontal bar charts grow with the number of bars.
  package var size: (width: Double, height: Double) {
    switch self {
    case .horizontalBar(let c): return (640, c.preferredHeight)
    case .heatMap(let c): return (640, max(220, min(440, 90 + 26 * Double(c.rowLabels.count))))
    case .scatter: return (640, 420)
    default: return (640, 340)
    }
  }

  /// The chart as an SVG document. `id` (a slug) prefixes the `<title>`/`<desc>` ids, so it
  /// must be unique within a page; `title` and `description` are escaped.
  package func svg(id: String, title: String, description: String) -> String {
    let id = Slug.make(id)
    let (w, h) = size
    switch self {
    case .line(let c): return c.render(id: id, title: title, description: description, width: w, height: h)
    case .groupedBar(let c): return c.render(id: id, title: title, description: description, width: w, height: h)
    case .horizontalBar(let c): return c.render(id: id, title: title, description: description, width: w, height: h)
    case .scatter(let c): return c.render(id: id, title: title, description: description, width: w, height: h)
    case .histogram(let c): return c.render(id: id, title: title, description: description, width: w, height: h)
    case .heatMap(let c): return c.render(id: id, title: title, description: description, width: w, height: h)
    }
  }
}
