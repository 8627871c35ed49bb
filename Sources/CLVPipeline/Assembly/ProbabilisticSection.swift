import CLVReport

/// The buy-till-you-die models: parameters, fit diagnostics and the plots
/// practitioners expect (frequency histogram, calibration vs holdout, weekly
/// tracking, P(alive) heat map). The section of ``CandidateFamily/probabilistic``.
enum ProbabilisticSection {
  @Sendable static func make(_ s: RunSummary, _ runs: [ModelRun]) -> ReportSection? {
    let members = Set(s.registry.descriptors.filter { $0.family.id == CandidateFamily.probabilistic.id }.map(\.key))
    let forward = s.forwardRefits.filter { members.contains($0.key) }.sorted { $0.key < $1.key }
    guard !runs.isEmpty || !forward.isEmpty else { return nil }
    var blocks: [ReportBlock] = [
      Blocks.p(
        "BG/NBD, MBG/NBD and Pareto/NBD model each customer's repeat purchases from frequency, recency and age alone; Gamma-Gamma models the spend per purchase. They are fitted by maximum likelihood (BFGS in log-parameter space) on the calibration data of every customer with a purchase, in weeks (α and β are in weeks). The calibration fit is the one scored in the backtest; the forward fit uses all data before the as-of date."
      )
    ]
    var rows = [[String]]()
    for r in runs {
      for p in r.details.parameters { rows.append([r.name, "calibration", p.name, Format.num(p.value, 4), p.unit]) }
      rows.append([
        r.name, "calibration", "log-likelihood", Format.num(r.details.logLikelihood, 2),
        r.details.converged == true ? "converged in \(r.details.iterations ?? 0) iterations" : "NOT converged",
      ])
    }
    for (key, d) in forward {
      let name = s.registry[key]?.name ?? key
      for p in d.parameters { rows.append([name, "forward", p.name, Format.num(p.value, 4), p.unit]) }
      rows.append([
        name, "forward", "log-likelihood", Format.num(d.logLikelihood, 2),
        d.converged == true ? "converged in \(d.iterations ?? 0) iterations" : "NOT converged",
      ])
    }
    blocks.append(
      .table(
        Blocks.table(
          "Fitted parameters.",
          [.text("Model"), .text("Fit"), .text("Parameter"), .number("Value"), .text("Unit / note")], rows)))
    if let r = runs.first {
      let settings = r.details.hyperparameters.filter { $0.0 != "time unit" }
      blocks.append(Blocks.kv(settings))
      if let corr = r.details.hyperparameters.first(where: { $0.0 == "frequency–spend correlation" })?.1,
        let v = Double(corr)
      {
        let text =
          abs(v) < 0.3
          ? "Gamma-Gamma assumes spend per purchase is independent of purchase frequency; the correlation among repeat customers is \(corr), small enough for the assumption to be reasonable."
          : "Gamma-Gamma assumes spend per purchase is independent of purchase frequency, but the correlation among repeat customers is \(corr): treat its spend estimates with care."
        blocks.append(
          abs(v) < 0.3
            ? Blocks.note(text, title: "Independence check") : Blocks.warning(text, title: "Independence check"))
      }
    }
    for (_, d) in forward { for w in d.warnings { blocks.append(Blocks.warning(w)) } }
    for f in s.forwardFailures { blocks.append(Blocks.warning("\(f.0) could not be refitted on all data: \(f.1)")) }
    if let g = s.diagnostics { blocks += charts(g) }
    return ReportSection(id: "probabilistic", title: "Probabilistic models (BTYD)", blocks: blocks)
  }

  static func charts(_ g: BTYDDiagnostics) -> [ReportBlock] {
    let labels = BTYDDiagnostics.bucketLabels
    var blocks = [ReportBlock]()
    blocks.append(
      .figure(
        ReportFigure(
          id: "btyd-frequency", title: "Repeat purchases in calibration: actual vs \(g.modelName)",
          caption:
            "How many customers made 0, 1, 2, … repeat purchases before the cutoff, and how many the fitted model expects. Close bars mean the model reproduces the spread of purchase frequency.",
          description:
            "Customers by number of repeat purchases; \(Format.whole(g.frequencyActual[0])) made none (model: \(Format.whole(g.frequencyExpected[0]))).",
          chart: .groupedBar(
            GroupedBarChart(
              categories: labels,
              series: [
                BarSeries(name: "Actual", values: g.frequencyActual),
                BarSeries(name: g.modelName, values: g.frequencyExpected),
              ], xLabel: "Repeat purchases in calibration", yLabel: "Customers")),
          data: Blocks.table(
            nil, [.text("Repeat purchases"), .number("Actual"), .number("Model")],
            labels.indices.map {
              [labels[$0], Format.whole(g.frequencyActual[$0]), Format.num(g.frequencyExpected[$0], 1)]
            }))))
    blocks.append(
      .figure(
        ReportFigure(
          id: "btyd-holdout", title: "Calibration frequency vs holdout purchases",
          caption:
            "For customers grouped by their repeat purchases before the cutoff: the mean number of purchases they actually made in the holdout window, and what \(g.modelName) predicted. This is the classic conditional-expectation check of Fader, Hardie & Lee (2005).",
          description: "Mean holdout purchases by calibration frequency, actual against model.",
          chart: .line(
            LineChart(
              xLabel: "Repeat purchases in calibration (7 = 7+)", yLabel: "Mean holdout purchases",
              series: [
                LineSeries(
                  name: "Actual",
                  points: labels.indices.compactMap {
                    g.holdoutActual[$0].isFinite ? ChartPoint(Double($0), g.holdoutActual[$0]) : nil
                  }),
                LineSeries(
                  name: g.modelName,
                  points: labels.indices.compactMap {
                    g.holdoutExpected[$0].isFinite ? ChartPoint(Double($0), g.holdoutExpected[$0]) : nil
                  }),
              ], yIncludesZero: true, showPoints: true)),
          data: Blocks.table(
            nil, [.text("Calibration repeats"), .number("Customers"), .number("Actual"), .number("Model")],
            labels.indices.map {
              [
                labels[$0], "\(g.holdoutCustomers[$0])", Format.num(g.holdoutActual[$0]),
                Format.num(g.holdoutExpected[$0]),
              ]
            }))))
    blocks.append(
      .figure(
        ReportFigure(
          id: "btyd-tracking", title: "Cumulative repeat purchases, week by week",
          caption:
            "Actual cumulative repeat purchases of the calibration customers against the model's expectation. Left of the marker the model was fitted on these data; right of it is a genuine forecast.",
          description:
            "At the end of the holdout: actual \(Format.whole(g.trackingActual.last)), model \(Format.whole(g.trackingExpected.last)).",
          chart: .line(
            LineChart(
              xLabel: "Weeks since the first purchase", yLabel: "Cumulative repeat purchases",
              series: [
                LineSeries(name: "Actual", points: zip(g.trackingWeeks, g.trackingActual).map { ChartPoint($0, $1) }),
                LineSeries(
                  name: g.modelName, points: zip(g.trackingWeeks, g.trackingExpected).map { ChartPoint($0, $1) }),
              ], markers: [ChartMarker(x: g.calibrationEndWeek, label: "calibration end")], yIncludesZero: true)))))
    blocks.append(
      .figure(
        ReportFigure(
          id: "btyd-palive", title: "P(alive) by frequency and recency",
          caption:
            "Probability that a customer is still active, for a customer first seen \(Format.num(g.heatAge, 1)) weeks before the cutoff, by repeat purchases (rows) and the week of the last purchase (columns). Frequent buyers whose last purchase was long ago (bottom left) are the likeliest to have churned; a customer with no repeat purchase (top row) is taken to be alive.",
          description: "P(alive) heat map from \(g.modelName).",
          chart: .heatMap(
            HeatMapChart(
              rowLabels: g.heatFrequencies.map(String.init), columnLabels: g.heatRecencies.map { Format.num($0, 0) },
              values: g.heatValues.map { $0.map { Optional($0) } }, colors: .sequential(domain: 0...1),
              xLabel: "Week of the last purchase (recency tₓ)", yLabel: "Repeat purchases", legendTitle: "P(alive)",
              valueDecimals: nil)))))
    return blocks
  }
}
