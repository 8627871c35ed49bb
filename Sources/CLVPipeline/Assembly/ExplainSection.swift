import CLVEvaluation
import CLVReport

/// Why the champion predicts what it does, and where it is weak.
enum ExplainSection {
  static func make(_ s: RunSummary) -> ReportSection? {
    guard let e = s.explanations else { return nil }
    let features = e.importance.features.prefix(15)
    var blocks: [ReportBlock] = [
      Blocks.p(
        "Permutation importance: each feature (a profile attribute counts as one feature, all its levels shuffled together) is shuffled across the test customers\(e.importanceRows < e.testRows ? " (a seeded sample of \(Format.count(e.importanceRows)) of the \(Format.count(e.testRows)), which bounds the cost; features whose drops differ by less than their ± sd may swap places between samples)" : "") \(s.options.importanceRepeats) times with the seeded generator, and the drop in normalized Gini is measured. Only the features the champion reads are shuffled (all of them for the neural models; frequency, recency, age and repeat spend for the probabilistic ones)."
      )
    ]
    blocks.append(
      .figure(
        ReportFigure(
          id: "importance", title: "Permutation importance of \(s.championName) (test)",
          caption:
            "Drop in normalized Gini when the feature is shuffled, mean ± one standard deviation over the repeats. Longer bars matter more; a bar near zero means the ranking does not depend on that feature.",
          description: "Most important: "
            + features.prefix(3).map { "\($0.name) (\(Format.num($0.giniDropMean)))" }.joined(separator: ", ") + ".",
          chart: .horizontalBar(
            HorizontalBarChart(
              bars: features.map {
                HorizontalBar(label: $0.name, value: $0.giniDropMean ?? 0, error: $0.giniDropStandardDeviation)
              }, xLabel: "Drop in normalized Gini")),
          data: Blocks.table(
            nil, [.text("Feature"), .number("Gini drop"), .number("± sd"), .number("RMSE increase"), .number("± sd")],
            e.importance.features.map {
              [
                $0.name, Format.num($0.giniDropMean, 4), Format.num($0.giniDropStandardDeviation, 4),
                Format.money($0.rmseIncreaseMean), Format.money($0.rmseIncreaseStandardDeviation),
              ]
            }))))
    for (feature, curve) in e.partialDependence {
      let slug = Slug.make(feature)
      blocks.append(
        .figure(
          ReportFigure(
            id: "pdp-\(slug)", title: "Partial dependence on \(feature)",
            caption:
              "Average predicted spend of a sample of test customers when \(feature) is set to each value on the x-axis (raw units), all else unchanged. Ticks along the bottom mark the feature's deciles: the curve is trustworthy where they are dense.",
            description:
              "Predicted spend from \(Format.money(curve.averagePrediction.first)) to \(Format.money(curve.averagePrediction.last)) across the range of \(feature).",
            chart: .line(
              LineChart(
                xLabel: feature, yLabel: "Average predicted spend",
                series: [
                  LineSeries(
                    name: s.championName, points: zip(curve.grid, curve.averagePrediction).map { ChartPoint($0, $1) })
                ], rug: curve.deciles, showPoints: true)))))
    }
    if !e.errorByGroup.isEmpty {
      blocks.append(
        .table(
          Blocks.table(
            "Where the champion is weak: test metrics per level of each profile attribute (levels with at least 20 customers).",
            [
              .text("Attribute"), .text("Level"), .number("Customers"), .number("Normalized Gini"),
              .number("Decile MAPE"), .number("Predicted / actual"), .number("MAE"),
            ],
            e.errorByGroup.map {
              [
                $0.group, $0.level, Format.count($0.metrics.count), Format.num($0.metrics.normalizedGini),
                Format.pct($0.metrics.decileMAPE), Format.num($0.metrics.totalRatio, 2), Format.money($0.metrics.mae),
              ]
            })))
    }
    let cols: [TableColumn] = [.text("Customer"), .number("Predicted"), .number("Actual")]
    blocks.append(
      .details(
        summary: "Largest under- and over-predictions (test)",
        blocks: [
          .table(
            Blocks.table(
              "Under-predicted (actual far above predicted).", cols,
              e.largestUnder.map { [s.redaction($0.0), Format.money($0.1), Format.money($0.2)] })),
          .table(
            Blocks.table(
              "Over-predicted (predicted far above actual).", cols,
              e.largestOver.map { [s.redaction($0.0), Format.money($0.1), Format.money($0.2)] })),
        ]))
    return ReportSection(id: "explain", title: "Explanations and error analysis", blocks: blocks)
  }
}

/// The comparison with a previous run: metrics old/new and feature drift.
enum ComparisonSection {
  static func make(_ s: RunSummary) -> ReportSection? {
    guard s.previousDirectory != nil else { return nil }
    var blocks = [ReportBlock]()
    if s.gates.comparison.isEmpty {
      blocks.append(
        Blocks.warning("The previous run has no comparable champion metrics (or this run has no backtest)."))
    } else {
      blocks.append(
        .table(
          Blocks.table(
            "Champion test metrics: previous run (\(s.gates.previousChampion ?? "?")) vs this run (\(s.championName)).",
            [
              .text("Metric"), .number("Previous"), .number("Now"), .number("Change"), .number("Relative"),
              .text("Assessment"),
            ],
            s.gates.comparison.map {
              [
                $0.metric.label, Format.metric($0.metric, $0.old), Format.metric($0.metric, $0.new),
                Format.signedMetric($0.metric, $0.absoluteChange), Format.pct($0.relativeChange),
                $0.assessment.rawValue,
              ]
            })))
    }
    if !s.gates.drift.isEmpty {
      let sorted = s.gates.drift.sorted { $0.psi.value > $1.psi.value }
      blocks.append(
        .table(
          ReportTable(
            caption:
              "Population stability index of each feature against the previous run's data (< 0.1 stable, 0.1–0.25 moderate shift, ≥ 0.25 significant shift).",
            columns: [.text("Feature"), .number("PSI"), .status("Band")],
            rows: sorted.map { d in
              let status: ReportStatus = d.psi.band == .stable ? .pass : (d.psi.band == .moderateShift ? .warn : .fail)
              return TableRow([
                TableCell(d.feature), TableCell(Format.num(d.psi.value)),
                TableCell(d.psi.band.rawValue, status: status),
              ])
            })))
    }
    return ReportSection(id: "comparison", title: "Comparison with the previous run", blocks: blocks)
  }
}
