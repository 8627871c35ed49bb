/// A chart as it appears in the report: written to `figures/<id>.svg`, drawn inline in
/// HTML, linked from Markdown, and always accompanied by the data table behind it.
package struct ReportFigure: Sendable, Equatable {
  /// File-name-safe identifier (slugified on init): the figure is `figures/<id>.svg`.
  package internal(set) var id: String
  /// Title, also the SVG `<title>`.
  package var title: String
  /// How to read the chart (axes, marks, what "good" looks like).
  package var caption: String
  /// The finding in words, also the SVG `<desc>` for screen readers.
  package var description: String
  /// The chart.
  package var chart: Chart
  /// The numbers behind the chart (HTML and Markdown: inside `<details>`). When nil,
  /// `Chart.dataTable()` supplies a default; see `dataTable`.
  package var data: ReportTable?

  /// A figure; `id` is turned into a slug (`[a-z0-9-]`).
  package init(
    id: String, title: String, caption: String, description: String, chart: Chart,
    data: ReportTable? = nil
  ) {
    self.id = Slug.make(id)
    self.title = title
    self.caption = caption
    self.description = description
    self.chart = chart
    self.data = data
  }

  /// The table shown with the chart: `data`, or the chart's default data table.
  package var dataTable: ReportTable { data ?? chart.dataTable() }

  /// Relative path of the figure's file inside the output directory.
  package var fileName: String { "figures/\(id).svg" }

  /// The chart as a standalone SVG document with this figure's title and description.
  package func svg() -> String {
    chart.svg(id: id, title: title, description: description)
  }
}
