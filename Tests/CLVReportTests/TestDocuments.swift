import CLVReport

/// Fixed inputs for golden files and the escaping property.
enum TestDocuments {
  /// A value an attacker could put in a customer id, segment or feature name: markup, a
  /// table pipe, emphasis, a link, an entity, a backtick, a newline and a control character.
  static let hostile = "<script>alert(1)</script>|*x*"
  static let hostileVariants = [
    hostile, "a | b", "[link](javascript:alert(1))", "&amp; &#60; \"q\" 'q'", "`tick` _u_ ~s~ #h",
    "line1\nline2\r\n- item", "ctrl\u{1}\u{7}char", "1. not a list", "<img src=x onerror=alert(1)>",
  ]

  /// One small chart of each kind, with fixed data.
  static let charts: [(name: String, chart: Chart)] = [
    (
      "line",
      .line(
        LineChart(
          xLabel: "Epoch", yLabel: "Loss",
          series: [
            LineSeries(
              name: "Training",
              points: [ChartPoint(1, 2.0), ChartPoint(2, 1.5), ChartPoint(3, 1.2), ChartPoint(4, 1.1)]),
            LineSeries(
              name: "Validation",
              points: [ChartPoint(1, 2.1), ChartPoint(2, 1.7), ChartPoint(3, 1.5), ChartPoint(4, 1.55)]),
            LineSeries(name: "Random", points: [ChartPoint(1, 2.2), ChartPoint(4, 2.2)], role: .reference),
          ], markers: [ChartMarker(x: 3, label: "stop")], rug: [1.5, 2.5], showPoints: true))
    ),
    (
      "grouped-bar",
      .groupedBar(
        GroupedBarChart(
          categories: ["1", "2", "3"],
          series: [
            BarSeries(name: "Predicted", values: [10, 20, 30]), BarSeries(name: "Actual", values: [12, 18, -5]),
          ],
          xLabel: "Decile", yLabel: "Mean value"))
    ),
    (
      "horizontal-bar",
      .horizontalBar(
        HorizontalBarChart(
          bars: [
            HorizontalBar(label: "recency", value: 0.2, error: 0.02),
            HorizontalBar(label: "frequency", value: 0.1, error: 0.03), HorizontalBar(label: "country", value: -0.01),
          ],
          xLabel: "MAE increase"))
    ),
    (
      "scatter-log1p",
      .scatter(
        ScatterChart(
          series: [
            ScatterSeries(
              name: "Customers",
              points: [ChartPoint(0, 1), ChartPoint(9, 12), ChartPoint(99, 80), ChartPoint(400, 350)])
          ],
          xLabel: "Actual", yLabel: "Predicted", axes: .log1p, identityLine: true))
    ),
    (
      "scatter-groups",
      .scatter(
        ScatterChart(
          series: [
            ScatterSeries(name: "A", points: [ChartPoint(-1, -1), ChartPoint(-0.5, -1.2)]),
            ScatterSeries(name: "B", points: [ChartPoint(1, 1), ChartPoint(1.2, 0.8)]),
          ],
          xLabel: "PC 1", yLabel: "PC 2"))
    ),
    (
      "histogram",
      .histogram(
        HistogramChart(
          bins: HistogramChart.bins([-3, -1.2, -0.4, 0, 0.1, 0.3, 0.8, 1.6, 2.4], count: 6), xLabel: "Residual",
          markers: [ChartMarker(x: 0, label: "0")]))
    ),
    (
      "heat-map-sequential",
      .heatMap(
        HeatMapChart(
          rowLabels: ["0 wk", "10 wk"], columnLabels: ["0", "1", "2"], values: [[0.9, 0.8, 0.7], [0.6, nil, 0.1]],
          colors: .sequential(domain: 0...1), xLabel: "Frequency", yLabel: "Recency", legendTitle: "P(alive)"))
    ),
    (
      "heat-map-diverging",
      .heatMap(
        HeatMapChart(
          rowLabels: ["Champions", "Lapsed"], columnLabels: ["recency", "frequency"],
          values: [[-1.2, 1.5], [1.1, -0.8]],
          colors: .diverging(center: 0), xLabel: "Feature", yLabel: "Segment", legendTitle: "z-score", valueDecimals: 1)
      )
    ),
  ]

  /// A small document with every block kind, for the full-page golden files.
  static var small: ReportDocument {
    ReportDocument(
      title: "Small report", subtitle: "Fixed inputs for golden files",
      facts: [KeyValue("Run", .init(.code("run-1")))],
      verdict: Verdict(status: .pass, message: "All 2 gates pass."),
      cards: [SummaryCard(label: "MAE", value: "12.30", detail: "-4.0% vs previous", status: .pass)],
      sections: [
        ReportSection(
          id: "gates", title: "Gates",
          blocks: [
            .table(
              ReportTable(
                caption: "Gates", columns: [.status("Status"), .text("Gate"), .number("Value")],
                rows: [
                  TableRow([.badge(.pass), "MAE", "12.30"], status: .pass),
                  TableRow([.badge(.warn), "Bias", "-7.0%"], status: .warn),
                ]))
          ]),
        ReportSection(
          id: "details", title: "Details",
          blocks: [
            .paragraph(
              RichText(
                .plain("Plain, "), .strong("strong"), .plain(", "), .emphasis("emphasis"), .plain(" and "),
                .code("code"), .plain("."))),
            .bulletList(["one", "two"]),
            .keyValues([KeyValue("Seed", "42")]),
            .callout(Callout(.note, "A note.")),
            .details(summary: "More", blocks: [.paragraph("Hidden until opened.")]),
            .markdown("Some **Markdown**."),
          ],
          subsections: [
            ReportSection(
              id: "chart", title: "A chart",
              blocks: [
                .figure(
                  ReportFigure(
                    id: "fig", title: "Bars", caption: "How to read.", description: "The finding.",
                    chart: charts[1].chart,
                    data: ReportTable(
                      columns: [.number("Decile"), .number("Predicted")], rows: [TableRow(["1", "10"])])))
              ])
          ]),
      ],
      footer: "footer")
  }

  /// A document with `text` in every place a string can go, including chart labels.
  static func everywhere(_ text: String) -> ReportDocument {
    let table = ReportTable(
      caption: text, columns: [.text(text), .number("n")],
      rows: [
        TableRow([TableCell(text), "1"]),
        TableRow([TableCell(text, status: .fail), "2"], status: .fail, emphasized: true),
      ])
    let charts: [Chart] = [
      .line(
        LineChart(
          xLabel: text, yLabel: text, series: [LineSeries(name: text, points: [ChartPoint(0, 0), ChartPoint(1, 1)])],
          markers: [ChartMarker(x: 0.5, label: text)])),
      .groupedBar(
        GroupedBarChart(
          categories: [text, "b"], series: [BarSeries(name: text, values: [1, 2])], xLabel: text, yLabel: text)),
      .horizontalBar(HorizontalBarChart(bars: [HorizontalBar(label: text, value: 1, error: 0.1)], xLabel: text)),
      .scatter(
        ScatterChart(
          series: [
            ScatterSeries(name: text, points: [ChartPoint(1, 2)]), ScatterSeries(name: "b", points: [ChartPoint(2, 1)]),
          ], xLabel: text, yLabel: text, identityLine: true)),
      .histogram(
        HistogramChart(
          bins: [HistogramBin(lower: 0, upper: 1, count: 3)], xLabel: text, yLabel: text,
          markers: [ChartMarker(x: 0.5, label: text)])),
      .heatMap(
        HeatMapChart(
          rowLabels: [text], columnLabels: [text], values: [[0.5]], colors: .diverging(center: 0), xLabel: text,
          yLabel: text, legendTitle: text, valueDecimals: 1)),
    ]
    let figures = charts.enumerated().map { i, chart in
      ReportBlock.figure(
        ReportFigure(id: "f\(i)", title: text, caption: text, description: text, chart: chart, data: table))
    }
    return ReportDocument(
      title: text, subtitle: text, facts: [KeyValue(text, .plain(text))],
      verdict: Verdict(status: .fail, message: text),
      cards: [SummaryCard(label: text, value: text, detail: text, status: .warn)],
      sections: [
        ReportSection(
          id: text, title: text,
          blocks: [
            .paragraph(RichText(.plain(text), .strong(text), .emphasis(text), .code(text))),
            .bulletList([.plain(text)]), .keyValues([KeyValue(text, .plain(text))]), .table(table),
            .callout(Callout(.warning, title: text, .plain(text))),
            .details(summary: text, blocks: [.paragraph(.plain(text))]),
          ] + figures)
      ],
      footer: text)
  }
}
