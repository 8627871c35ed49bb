/// The numbers behind a chart as a table, used when a figure has no `data` of its own, so
/// every chart has a text alternative (WCAG 2.1 SC 1.1.1) in HTML and in Markdown.
/// Numbers get one shared number of decimals per column (so digits line up): none for
/// whole numbers, otherwise about four significant digits of the column's largest value
/// (three decimals at most).
/// Scatter plots get a per-group summary instead of every point, to keep reports small.
extension Chart {
  /// A default data table for the chart.
  package func dataTable() -> ReportTable {
    switch self {
    case .line(let c): return Self.table(c)
    case .groupedBar(let c):
      let columns = c.series.map { Self.column($0.values) }
      return ReportTable(
        columns: [.text(c.xLabel)] + c.series.map { .number($0.name) },
        rows: c.categories.indices.map { i in TableRow([TableCell(c.categories[i])] + columns.map { TableCell($0[i]) })
        })
    case .horizontalBar(let c):
      let hasErrors = c.bars.contains { $0.error != nil }
      let values = Self.column(c.bars.map(\.value))
      let errors = Self.column(c.bars.map { $0.error ?? .nan })
      return ReportTable(
        columns: [.text("Item"), .number(c.xLabel)] + (hasErrors ? [.number("± error")] : []),
        rows: c.bars.indices.map { i in
          TableRow([TableCell(c.bars[i].label), TableCell(values[i])] + (hasErrors ? [TableCell(errors[i])] : []))
        })
    case .scatter(let c):
      return ReportTable(
        caption: "Summary of the plotted points",
        columns: [
          .text("Group"), .number("Points"), .number("\(c.xLabel) min … max"), .number("\(c.yLabel) min … max"),
        ],
        rows: c.series.map { s in
          TableRow([
            TableCell(s.name), TableCell(NumberFormatting.grouped(Double(s.points.count))),
            TableCell(Self.range(s.points.map(\.x))), TableCell(Self.range(s.points.map(\.y))),
          ])
        })
    case .histogram(let c):
      let lower = Self.column(c.bins.map(\.lower) + c.bins.map(\.upper))
      let n = c.bins.count
      return ReportTable(
        columns: [.number("\(c.xLabel) from"), .number("to"), .number(c.yLabel)],
        rows: c.bins.indices.map { i in
          TableRow([
            TableCell(lower[i]), TableCell(lower[n + i]), TableCell(NumberFormatting.grouped(Double(c.bins[i].count))),
          ])
        })
    case .heatMap(let c):
      // One number format for the whole grid: the cells share a colour scale, so one unit.
      let flat = Self.column(c.values.flatMap { $0.map { $0 ?? .nan } })
      let width = c.columnLabels.count
      return ReportTable(
        caption: c.legendTitle,
        columns: [.text("\(c.yLabel) \\ \(c.xLabel)")] + c.columnLabels.map { .number($0) },
        rows: c.rowLabels.indices.map { r in
          TableRow([TableCell(c.rowLabels[r])] + (0..<width).map { TableCell(flat[r * width + $0]) })
        })
    }
  }

  /// Wide table (x + one column per series) when all series share the same x values,
  /// otherwise long format (series, x, y).
  private static func table(_ c: LineChart) -> ReportTable {
    let xs = c.series.first?.points.map(\.x) ?? []
    if c.series.allSatisfy({ $0.points.map(\.x) == xs }) {
      let xColumn = column(xs)
      let yColumns = c.series.map { column($0.points.map(\.y)) }
      return ReportTable(
        columns: [.number(c.xLabel)] + c.series.map { .number($0.name) },
        rows: xs.indices.map { i in TableRow([TableCell(xColumn[i])] + yColumns.map { TableCell($0[i]) }) })
    }
    let points = c.series.flatMap { s in s.points.map { (s.name, $0) } }
    let xColumn = column(points.map(\.1.x))
    let yColumn = column(points.map(\.1.y))
    return ReportTable(
      columns: [.text("Series"), .number(c.xLabel), .number(c.yLabel)],
      rows: points.indices.map { TableRow([TableCell(points[$0].0), TableCell(xColumn[$0]), TableCell(yColumn[$0])]) })
  }

  /// Formats a column with shared decimals; non-finite values become empty cells.
  static func column(_ values: [Double]) -> [String] {
    let finite = values.filter(\.isFinite)
    let largest = finite.map(abs).max() ?? 0
    let whole = finite.allSatisfy { $0 == $0.rounded() }
    let decimals = whole || largest >= 1000 ? 0 : largest >= 100 ? 1 : largest >= 10 ? 2 : 3
    return values.map { $0.isFinite ? NumberFormatting.grouped($0, decimals: decimals) : "" }
  }

  private static func range(_ values: [Double]) -> String {
    let finite = values.filter(\.isFinite)
    guard let lo = finite.min(), let hi = finite.max() else { return "" }
    let both = column([lo, hi])
    return "\(both[0]) … \(both[1])"
  }
}
