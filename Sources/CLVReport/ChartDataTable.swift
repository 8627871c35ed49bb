/// The numbers behind a chart as a table, used when a figure has no `data` of its own, so
/// every chart has a text alternative (WCAG 2.1 SC 1.1.1) in HTML and in Markdown.
/// Scatter plots get a per-group summary instead of every point, to keep reports small.
extension Chart {
  /// A default data table for the chart.
  public func dataTable() -> ReportTable {
    switch self {
    case .line(let c): return Self.table(c)
    case .groupedBar(let c):
      return ReportTable(
        columns: [.text(c.xLabel)] + c.series.map { .number($0.name) },
        rows: c.categories.indices.map { i in TableRow([TableCell(c.categories[i])] + c.series.map { TableCell(Self.number($0.values[i])) }) })
    case .horizontalBar(let c):
      let hasErrors = c.bars.contains { $0.error != nil }
      return ReportTable(
        columns: [.text("Item"), .number(c.xLabel)] + (hasErrors ? [.number("± error")] : []),
        rows: c.bars.map { b in
          TableRow([TableCell(b.label), TableCell(Self.number(b.value))] + (hasErrors ? [TableCell(b.error.map(Self.number) ?? "")] : []))
        })
    case .scatter(let c):
      return ReportTable(
        caption: "Summary of the plotted points",
        columns: [.text("Group"), .number("Points"), .number("\(c.xLabel) min … max"), .number("\(c.yLabel) min … max")],
        rows: c.series.map { s in
          let xs = s.points.map(\.x).filter(\.isFinite)
          let ys = s.points.map(\.y).filter(\.isFinite)
          return TableRow([TableCell(s.name), TableCell(NumberFormatting.grouped(Double(s.points.count))), TableCell(Self.range(xs)), TableCell(Self.range(ys))])
        })
    case .histogram(let c):
      return ReportTable(
        columns: [.number("\(c.xLabel) from"), .number("to"), .number(c.yLabel)],
        rows: c.bins.map { TableRow([TableCell(Self.number($0.lower)), TableCell(Self.number($0.upper)), TableCell(NumberFormatting.grouped(Double($0.count)))]) })
    case .heatMap(let c):
      return ReportTable(
        caption: c.legendTitle,
        columns: [.text("\(c.yLabel) \\ \(c.xLabel)")] + c.columnLabels.map { .number($0) },
        rows: c.rowLabels.indices.map { r in
          TableRow([TableCell(c.rowLabels[r])] + c.values[r].map { TableCell($0.map(Self.number) ?? "") })
        })
    }
  }

  /// Wide table (x + one column per series) when all series share the same x values,
  /// otherwise long format (series, x, y).
  private static func table(_ c: LineChart) -> ReportTable {
    let xs = c.series.first?.points.map(\.x) ?? []
    if c.series.allSatisfy({ $0.points.map(\.x) == xs }) {
      return ReportTable(
        columns: [.number(c.xLabel)] + c.series.map { .number($0.name) },
        rows: xs.indices.map { i in TableRow([TableCell(number(xs[i]))] + c.series.map { TableCell(number($0.points[i].y)) }) })
    }
    return ReportTable(
      columns: [.text("Series"), .number(c.xLabel), .number(c.yLabel)],
      rows: c.series.flatMap { s in s.points.map { TableRow([TableCell(s.name), TableCell(number($0.x)), TableCell(number($0.y))]) } })
  }

  /// About four significant digits, grouped, locale-independent; empty for non-finite values.
  static func number(_ v: Double) -> String {
    guard v.isFinite else { return "" }
    let a = abs(v)
    let decimals = a >= 1000 || a == 0 ? 0 : a >= 100 ? 1 : a >= 10 ? 2 : a >= 1 ? 3 : 4
    var text = NumberFormatting.format(v, decimals: decimals, grouping: true, trimZeros: true)
    if text == "-0" { text = "0" }
    return text
  }

  private static func range(_ values: [Double]) -> String {
    guard let lo = values.min(), let hi = values.max() else { return "" }
    return "\(number(lo)) … \(number(hi))"
  }
}
