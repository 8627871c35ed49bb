import CLVReport
import CLVTestSupport
import CLVXMLCheck
import Testing

/// Every chart kind: well-formed SVG (libxml2), accessible structure (role, title/desc ids,
/// aria-hidden ticks), presentation attributes present, no script, and a golden file.
@Suite struct ChartTests {
  static let names = TestDocuments.charts.map(\.name)

  @Test(arguments: names) func chartIsAccessibleWellFormedSVG(_ name: String) throws {
    let chart = try #require(TestDocuments.charts.first { $0.name == name }).chart
    let svg = chart.svg(id: "chart-\(name)", title: "Title of \(name)", description: "Finding of \(name)")
    #expect(XMLCheck.issues(in: svg) == [])
    #expect(!svg.lowercased().contains("<script"))
    let root = "/*[local-name()='svg'][@role='img'][@aria-labelledby='chart-\(name)-title chart-\(name)-desc']"
    #expect(XMLCheck.count(of: root, in: svg) == 1)
    // <title> is the first child, <desc> the second, with the referenced ids.
    #expect(XMLCheck.count(of: "\(root)/*[1][local-name()='title'][@id='chart-\(name)-title']", in: svg) == 1)
    #expect(XMLCheck.count(of: "\(root)/*[2][local-name()='desc'][@id='chart-\(name)-desc']", in: svg) == 1)
    // Tick groups are hidden from screen readers.
    #expect(
      (XMLCheck.count(of: "//*[local-name()='g'][contains(@class,'axis')][@aria-hidden='true']", in: svg) ?? 0) >= 1)
    #expect(XMLCheck.count(of: "//*[local-name()='g'][contains(@class,'axis')][not(@aria-hidden)]", in: svg) == 0)
    // Legible without CSS: every text has a font (inherited from the root) and every mark a colour attribute.
    #expect(XMLCheck.count(of: "\(root)[@font-family][@font-size][@fill]", in: svg) == 1)
    #expect(XMLCheck.count(of: "//*[local-name()='path'][not(@fill) and not(@stroke)]", in: svg) == 0)
    assertSnapshot(svg, named: "chart-\(name).svg", in: TestPaths.snapshots)
  }

  @Test func idsAreSlugged() {
    let svg = TestDocuments.charts[0].chart.svg(id: "My Chart #1", title: "t", description: "d")
    #expect(svg.contains("aria-labelledby=\"my-chart-1-title my-chart-1-desc\""))
  }

  @Test func histogramBinsUseNiceThresholds() {
    // Extent [-3, 2.4] niced for 6 bins with step 1 → edges -3 … 3, 6 bins.
    let bins = HistogramChart.bins([-3, -1.2, -0.4, 0, 0.1, 0.3, 0.8, 1.6, 2.4], count: 6)
    #expect(bins.map(\.lower) == [-3, -2, -1, 0, 1, 2])
    #expect(bins.map(\.count) == [1, 1, 1, 4, 1, 1])  // [0, 1) holds 0, 0.1, 0.3, 0.8
    #expect(bins.map(\.count).reduce(0, +) == 9)
    #expect(HistogramChart.bins([]).isEmpty)
    #expect(HistogramChart.bins([5, 5]) == [HistogramBin(lower: 5, upper: 5, count: 2)])
  }

  @Test func slugs() {
    #expect(Slug.make("Gain curve (holdout)") == "gain-curve-holdout")
    #expect(Slug.make("<script>") == "script")
    #expect(Slug.make("1st") == "x-1st")
    #expect(Slug.make("***") == "x")
  }
}

/// Degenerate inputs (no data, NaN, infinities, a single value) still give well-formed SVG
/// without "nan"/"inf" in any attribute.
@Suite struct ChartEdgeCaseTests {
  static let degenerate: [(String, Chart)] = [
    ("empty line", .line(LineChart(xLabel: "x", yLabel: "y", series: []))),
    (
      "nan line",
      .line(
        LineChart(
          xLabel: "x", yLabel: "y",
          series: [LineSeries(name: "s", points: [ChartPoint(.nan, 1), ChartPoint(1, .infinity), ChartPoint(2, 2)])]))
    ),
    ("empty bars", .groupedBar(GroupedBarChart(categories: [], series: [], xLabel: "x", yLabel: "y"))),
    (
      "nan bars",
      .groupedBar(
        GroupedBarChart(categories: ["a"], series: [BarSeries(name: "s", values: [.nan])], xLabel: "x", yLabel: "y"))
    ),
    ("empty hbar", .horizontalBar(HorizontalBarChart(bars: [], xLabel: "x"))),
    ("empty scatter", .scatter(ScatterChart(series: [], xLabel: "x", yLabel: "y", axes: .log1p, identityLine: true))),
    (
      "constant scatter",
      .scatter(ScatterChart(series: [ScatterSeries(name: "s", points: [ChartPoint(3, 3)])], xLabel: "x", yLabel: "y"))
    ),
    ("empty histogram", .histogram(HistogramChart(bins: [], xLabel: "x"))),
    (
      "empty heat map",
      .heatMap(
        HeatMapChart(
          rowLabels: [], columnLabels: [], values: [], colors: .sequential(domain: nil), xLabel: "x", yLabel: "y",
          legendTitle: "v"))
    ),
    (
      "all-nil heat map",
      .heatMap(
        HeatMapChart(
          rowLabels: ["r"], columnLabels: ["c"], values: [[nil]], colors: .diverging(center: 0), xLabel: "x",
          yLabel: "y", legendTitle: "v", valueDecimals: 1))
    ),
  ]

  @Test(arguments: degenerate.indices) func staysWellFormed(_ index: Int) {
    let (name, chart) = Self.degenerate[index]
    let svg = chart.svg(id: "edge", title: "t", description: "d")
    #expect(XMLCheck.issues(in: svg) == [], "\(name)")
    #expect(!svg.lowercased().contains("nan") && !svg.contains("inf"), "\(name)")
    _ = chart.dataTable()  // must not trap either
  }
}
