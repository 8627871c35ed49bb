/// The geometry of a chart: overall size, margins and the plot area inside them.
struct ChartFrame {
  /// Overall width and height in px (also the viewBox).
  let width: Double
  let height: Double
  /// Margins around the plot area (room for legend, ticks and axis titles).
  let top: Double
  let right: Double
  let bottom: Double
  let left: Double

  /// Plot area edges.
  var x0: Double { left }
  var x1: Double { width - right }
  var y0: Double { top }
  var y1: Double { height - bottom }
  var plotWidth: Double { x1 - x0 }
  var plotHeight: Double { y1 - y0 }
}

/// Rough text widths for layout (no font metrics available): the average advance of
/// proportional sans-serif fonts is about 0.58 em for mixed-case text.
enum TextMetrics {
  /// Estimated width of `text` at `fontSize` px.
  static func width(_ text: String, fontSize: Double = 11) -> Double {
    Double(text.count) * fontSize * 0.58
  }

  /// `text` cut to at most `maxWidth` px (estimated), with an ellipsis when cut.
  static func truncate(_ text: String, maxWidth: Double, fontSize: Double = 11) -> String {
    let maxChars = max(2, Int(maxWidth / (fontSize * 0.58)))
    guard text.count > maxChars else { return text }
    return String(text.prefix(maxChars - 1)) + "…"
  }
}
