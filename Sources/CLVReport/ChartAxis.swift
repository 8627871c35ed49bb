/// One tick: its pixel position and label.
struct AxisTick {
  let position: Double
  let label: String
}

/// Axes with tick marks, tick labels, optional grid lines and an axis title. Tick groups
/// are `aria-hidden` (the data table carries the numbers for screen readers).
enum ChartAxis {
  /// Bottom axis along the plot area's lower edge.
  static func bottom(
    _ w: inout SVGWriter, frame: ChartFrame, ticks: [AxisTick], title: String, grid: Bool,
    rotateLabels: Bool = false
  ) {
    w.open("g", [("class", "axis x-axis"), ("aria-hidden", "true")])
    if grid {
      var path = SVGPath()
      for t in ticks {
        path.move(to: t.position, frame.y0)
        path.vertical(to: frame.y1)
      }
      w.leaf("path", [("class", "grid"), ("d", path.data), ("stroke", ChartPalette.grid), ("fill", "none")])
    }
    var marks = SVGPath()
    marks.move(to: frame.x0, frame.y1)
    marks.horizontal(to: frame.x1)
    for t in ticks {
      marks.move(to: t.position, frame.y1)
      marks.vertical(to: frame.y1 + 5)
    }
    w.leaf("path", [("class", "axis-line"), ("d", marks.data), ("stroke", ChartPalette.axis), ("fill", "none")])
    for t in ticks {
      if rotateLabels {
        w.element(
          "text",
          [
            ("class", "muted"), ("fill", ChartPalette.muted), ("text-anchor", "end"),
            ("transform", "translate(\(px(t.position)),\(px(frame.y1 + 9))) rotate(-35)"), ("dy", "0.71em"),
          ], content: t.label)
      } else {
        w.element(
          "text",
          [
            ("class", "muted"), ("fill", ChartPalette.muted), ("x", px(t.position)), ("y", px(frame.y1 + 8)),
            ("dy", "0.71em"), ("text-anchor", "middle"),
          ], content: t.label)
      }
    }
    w.close("g")
    w.element(
      "text",
      [
        ("class", "axis-title"), ("x", px((frame.x0 + frame.x1) / 2)), ("y", px(frame.height - 6)),
        ("text-anchor", "middle"), ("font-weight", "600"),
      ], content: title)
  }

  /// Left axis along the plot area's left edge; the title is rotated and placed at the far left.
  static func left(
    _ w: inout SVGWriter, frame: ChartFrame, ticks: [AxisTick], title: String, grid: Bool, line: Bool = true
  ) {
    w.open("g", [("class", "axis y-axis"), ("aria-hidden", "true")])
    if grid {
      var path = SVGPath()
      for t in ticks {
        path.move(to: frame.x0, t.position)
        path.horizontal(to: frame.x1)
      }
      w.leaf("path", [("class", "grid"), ("d", path.data), ("stroke", ChartPalette.grid), ("fill", "none")])
    }
    var marks = SVGPath()
    if line {
      marks.move(to: frame.x0, frame.y0)
      marks.vertical(to: frame.y1)
    }
    for t in ticks {
      marks.move(to: frame.x0 - 5, t.position)
      marks.horizontal(to: frame.x0)
    }
    w.leaf("path", [("class", "axis-line"), ("d", marks.data), ("stroke", ChartPalette.axis), ("fill", "none")])
    for t in ticks {
      w.element(
        "text",
        [
          ("class", "muted"), ("fill", ChartPalette.muted), ("x", px(frame.x0 - 8)), ("y", px(t.position)),
          ("dy", "0.32em"), ("text-anchor", "end"),
        ], content: t.label)
    }
    w.close("g")
    if !title.isEmpty {
      w.element(
        "text",
        [
          ("class", "axis-title"), ("transform", "translate(14,\(px((frame.y0 + frame.y1) / 2))) rotate(-90)"),
          ("text-anchor", "middle"), ("font-weight", "600"),
        ], content: title)
    }
  }

  /// Ticks of a linear scale as pixel positions and labels in `format`.
  static func ticks(_ scale: LinearScale, count: Int, format: AxisFormat = .number) -> [AxisTick] {
    let values = scale.ticks(count: count)
    let step = NiceTicks.tickStep(scale.domain.0, scale.domain.1, count: count)
    return zip(values, format.labels(values, step: step)).map { AxisTick(position: scale($0), label: $1) }
  }

  /// Left margin needed for the widest of `labels` plus the rotated axis title.
  static func leftMargin(for labels: [String], hasTitle: Bool = true) -> Double {
    let widest = labels.map { TextMetrics.width($0) }.max() ?? 0
    return (hasTitle ? 30 : 8) + widest + 10
  }
}
