import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVReport

/// Backtest design, the model table, the champion's choice and its charts.
enum BacktestSection {
  /// The headline columns of the model table (all metrics are in metrics.json).
  static let tableMetrics: [MetricKey] = [.normGini, .spearman, .topDecileCapture, .decileMAPE, .mae, .totalRatio]

  /// Plain words for the champion rule's verdicts.
  static func outcome(_ o: CandidateOutcome) -> String {
    switch o {
    case .champion: return "champion"
    case .excludedByCalibration: return "excluded: calibration"
    case .outranked: return "outranked"
    case .undefinedRanking: return "no ranking"
    case .unusableForward: return "excluded: forward predictions"
    }
  }

  static func infeasible(_ s: RunSummary) -> ReportSection {
    ReportSection(
      id: "backtest", title: "Backtest",
      blocks: [
        Blocks.warning(s.timeline.plan.infeasibleReason ?? "No backtest was possible.", title: "No backtest"),
        Blocks.p(
          "Forward predictions were made with \(s.championName) without validation. Collect a longer history, or shorten --horizon, to get a backtest."
        ),
      ])
  }

  static func metricTable(_ runs: [ModelRun], split: DataSplit, champion: String?) -> ReportTable {
    let rows = runs.map { r -> TableRow in
      let m = split == .test ? r.test : r.validation
      return TableRow(
        [TableCell(r.name)] + tableMetrics.map { TableCell(Format.metric($0, m.value(of: $0))) },
        emphasized: r.name == champion)
    }
    return ReportTable(
      caption: split == .test
        ? "Test split (never used to choose anything). Higher is better for Gini, Spearman, top-decile capture and R²; lower for MAPE, RMSE and MAE; total ratio should be near 1."
        : "Validation split (used to pick the champion and to stop neural training).",
      columns: [.text("Model")] + tableMetrics.map { TableColumn.number($0.label) }, rows: rows)
  }

  static func make(_ s: RunSummary, _ b: BacktestOutcome) -> ReportSection {
    let d = b.dataset
    let plan = d.plan
    var blocks: [ReportBlock] = [
      Blocks.p(
        "The backtest replays a forecast made \(s.timeline.horizon) before the as-of date: features use only data before the cutoff, and the label is each customer's net spend from the cutoff to the as-of date. Customers are split by a seeded hash of their id."
      ),
      Blocks.kv([
        ("Cutoff", Timeline.iso(plan.cutoff)),
        (
          "Label window",
          "\(Timeline.iso(plan.cutoff)) to \(Timeline.iso(plan.asOf - 1)) (\(s.timeline.backtestDays) days)"
        ),
        (
          "Customers",
          "\(Format.count(d.features.rowCount)): train \(Format.count(d.indices(of: .train).count)), validation \(Format.count(d.indices(of: .validation).count)), test \(Format.count(d.indices(of: .test).count))"
        ),
        (
          "Training origins (neural models)",
          plan.origins.map(Timeline.iso).joined(separator: ", ")
            + " — \(Format.count(d.trainingLabels.count)) training rows" + sampledNote(d)
            + perModelNote(d, cap: s.options.trainingRowsPerModel)
        ),
        (
          "Customers with spend in the label window",
          Format.pct(Double(d.labels.filter { $0 > 0 }.count) / Double(max(1, d.labels.count)))
        ),
      ]),
      .table(metricTable(b.runs, split: .test, champion: b.selection?.champion)),
      .details(
        summary: "Validation metrics",
        blocks: [.table(metricTable(b.runs, split: .validation, champion: b.selection?.champion))]),
    ]
    if let sel = b.selection {
      blocks.append(Blocks.note(sel.reason, title: "Why \(sel.champion) is the champion"))
      blocks.append(
        .details(
          summary: "Champion rule, model by model",
          blocks: [
            .table(
              Blocks.table(
                nil, [.text("Model"), .text("Outcome"), .text("Note")],
                sel.verdicts.map { [$0.name, outcome($0.outcome), $0.note] }))
          ]))
    }
    for f in b.failures { blocks.append(Blocks.warning("\(f.name) could not be fitted: \(f.reason)")) }
    for m in s.leftOut {
      blocks.append(Blocks.note("\(m.name) is left out of the default models: \(m.reason).", title: "Left out"))
    }
    for r in b.runs { for w in r.details.warnings { blocks.append(Blocks.warning("\(r.name): \(w)")) } }
    if let c = b.champion {
      blocks += charts(s, b, c)
      var rng = SplitMix64(seed: s.options.seed ^ 0xB007)
      let test = d.indices(of: .test)
      let bootstrap = MetricBootstrap()
      let intervals = bootstrap.intervals(
        predicted: test.map { c.output.spend[$0] }, actual: test.map { d.labels[$0] }, using: &rng)
      let keep: Set<MetricKey> = [.normGini, .spearman, .topDecileCapture, .decileMAPE, .totalRatio, .rmse]
      blocks.append(
        .table(
          Blocks.table(
            "Stability: \(Format.pct(bootstrap.confidence, 0)) bootstrap intervals of the champion's test metrics "
              + "(\(bootstrap.resamples) resamples of the test customers, seeded).",
            [.text("Metric"), .number("Estimate"), .number("Lower"), .number("Upper")],
            intervals.filter { keep.contains($0.metric) }.map {
              [
                $0.metric.label, Format.metric($0.metric, $0.estimate), Format.metric($0.metric, $0.lower),
                Format.metric($0.metric, $0.upper),
              ]
            })))
    }
    if let o = s.intervals { blocks += IntervalBlocks.blocks(o) }
    return ReportSection(id: "backtest", title: "Backtest", blocks: blocks)
  }

  /// Test customers drawn in the predicted-vs-actual scatter (the page stays light).
  static let scatterPoints = 1_500

  static func charts(_ s: RunSummary, _ b: BacktestOutcome, _ c: ModelRun) -> [ReportBlock] {
    let d = b.dataset
    let test = d.indices(of: .test)
    let predicted = test.map { c.output.spend[$0] }
    let actual = test.map { d.labels[$0] }
    var blocks = [ReportBlock]()
    // Predicted vs actual, down-sampled.
    var order = Array(test.indices)
    var rng = SplitMix64(seed: s.options.seed ^ 0x5CA7)
    order.seededShuffle(using: &rng)
    let kept = order.prefix(scatterPoints).sorted()
    let points = kept.map { ChartPoint(predicted[$0], actual[$0]) }
    blocks.append(
      .figure(
        ReportFigure(
          id: "predicted-vs-actual", title: "Predicted vs actual spend (test)",
          caption:
            "Each dot is a test customer (up to \(Format.count(scatterPoints)) shown); both axes are on a log(1 + x) scale. Dots on the diagonal are perfect predictions; the many customers with no spend sit on the bottom edge.",
          description:
            "Scatter of \(points.count) test customers: predicted against actual spend in the label window, Spearman \(Format.num(c.test.spearman)).",
          chart: .scatter(
            ScatterChart(
              series: [ScatterSeries(name: c.name, points: points)], xLabel: "Predicted spend", yLabel: "Actual spend",
              axes: .log1p, identityLine: true)))))
    // Residuals.
    let residuals = zip(predicted, actual).map { $0 - $1 }
    blocks.append(
      .figure(
        ReportFigure(
          id: "residuals", title: "Residuals (predicted − actual, test)",
          caption:
            "How far predictions miss, in spend units. A long left tail means big spenders were under-predicted; a peak right of zero means spend is over-predicted for most customers.",
          description:
            "Histogram of \(residuals.count) residuals; mean \(Format.money(residuals.reduce(0, +) / Double(max(1, residuals.count)))).",
          chart: .histogram(
            HistogramChart(
              bins: HistogramChart.bins(clip(residuals), count: 30), xLabel: "Predicted − actual",
              markers: [ChartMarker(x: 0, label: "0")])))))
    // Deciles.
    if let deciles = DecileTable(predicted: predicted, actual: actual) {
      let series = [
        BarSeries(name: "Predicted", values: deciles.rows.map { $0.meanPredicted ?? 0 }),
        BarSeries(name: "Actual", values: deciles.rows.map { $0.meanActual ?? 0 }),
      ]
      blocks.append(
        .figure(
          ReportFigure(
            id: "decile-calibration", title: "Calibration by decile of prediction (test)",
            caption:
              "Customers sorted by predicted value into ten equal groups (1 = highest). Bars side by side should match: a gap means the model is biased for that group. Decile MAPE summarises the gaps.",
            description:
              "Mean predicted and actual spend per prediction decile; decile MAPE \(Format.pct(c.test.decileMAPE)).",
            chart: .groupedBar(
              GroupedBarChart(
                categories: deciles.rows.map { "\($0.decile)" }, series: series,
                xLabel: "Decile of predicted value (1 = top)", yLabel: "Mean spend")),
            data: Blocks.table(
              nil, [.number("Decile"), .number("Customers"), .number("Mean predicted"), .number("Mean actual")],
              deciles.rows.map {
                ["\($0.decile)", "\($0.count)", Format.money($0.meanPredicted), Format.money($0.meanActual)]
              }))))
    }
    // Gain curve.
    if let gain = GainCurve(predicted: predicted, actual: actual) {
      var series = [
        LineSeries(name: c.name, points: gain.model.map { ChartPoint($0.customerShare, $0.valueShare) }),
        LineSeries(
          name: "Perfect ranking", points: gain.perfect.map { ChartPoint($0.customerShare, $0.valueShare) },
          role: .reference),
        LineSeries(
          name: "Random", points: gain.random.map { ChartPoint($0.customerShare, $0.valueShare) }, role: .reference),
      ]
      if let base = b.baseline, base.name != c.name,
        let g = GainCurve(predicted: test.map { base.output.spend[$0] }, actual: actual)
      {
        series.insert(
          LineSeries(name: base.name, points: g.model.map { ChartPoint($0.customerShare, $0.valueShare) }), at: 1)
      }
      blocks.append(
        .figure(
          ReportFigure(
            id: "gain-curve", title: "Gain curve (test)",
            caption:
              "Share of actual spend captured by targeting the top x% of customers by prediction. The closer to the perfect ranking, the better; the diagonal is random targeting. Normalized Gini is the area between the model and random over the same area for the perfect ranking.",
            description:
              "Targeting the top 10% by \(c.name) captures \(Format.pct(c.test.topDecileCapture)) of spend; normalized Gini \(Format.num(c.test.normalizedGini)).",
            chart: .line(
              LineChart(
                xLabel: "Share of customers targeted", yLabel: "Share of actual spend", series: series,
                yIncludesZero: true)))))
    }
    return blocks
  }

  /// Residuals clipped to the 1st–99th percentile so one outlier does not flatten the histogram.
  /// How the training rows were sampled, when an origin had more train customers than
  /// `--training-rows-per-origin` (empty otherwise).
  static func sampledNote(_ d: BacktestDataset) -> String {
    guard let cap = d.trainingRowsPerOrigin, d.trainingUsed != d.trainingAvailable else { return "" }
    let available = d.trainingAvailable.reduce(0, +)
    return ", a seeded sample of at most \(Format.count(cap)) per origin of the \(Format.count(available)) available"
      + " (--training-rows-per-origin; the training time grows with it)"
  }

  /// The per-model cap (``TrainingRowCap``), when it leaves rows out.
  static func perModelNote(_ d: BacktestDataset, cap: Int) -> String {
    guard d.trainingLabels.count > cap else { return "" }
    return "; each learned model fits on a seeded sample of at most \(Format.count(cap)) of them"
      + " (--training-rows-per-model; the sequence model at most \(Format.count(SequenceCandidate.maximumTrainingRows)))"
  }

  static func clip(_ v: [Double]) -> [Double] {
    guard v.count > 20 else { return v }
    let s = v.sorted()
    let lo = s[s.count / 100]
    let hi = s[s.count - 1 - s.count / 100]
    return v.map { min(max($0, lo), hi) }
  }
}
