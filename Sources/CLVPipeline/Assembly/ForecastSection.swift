import CLVReport

/// Revenue by calendar month and segment over the horizon, and the same forecast made
/// at the backtest cutoff beside what the test customers actually spent.
enum ForecastSection {
  static func make(_ s: RunSummary) -> ReportSection? {
    guard let f = s.monthlyForecast else { return nil }
    let ahead = f.forward
    let total = ahead.total
    let sum = total.reduce(0, +)
    let spread =
      f.curveModel.map {
        "by that customer's expected-purchases curve from \($0) (expected purchases by each month's end given the customer's history; buying slows as customers drop out), so each customer's months add up to their total"
      } ?? "evenly over the days (no probabilistic model ran to give a purchase curve)"
    let sampleNote =
      ahead.sampled
      ? " Segments of more than \(Format.count(MonthlyForecast.sampleLimit)) customers take their month profile from a seeded sample of that many (\(Format.count(ahead.customersEvaluated)) curves in all); their totals use every customer."
      : ""
    var blocks: [ReportBlock] = [
      Blocks.p(
        "Expected spend per calendar month: each customer's predicted spend over the horizon (\(s.championName), undiscounted, before margin) is spread over the months \(spread). The months add up to the horizon total of \(Format.money(sum)).\(sampleNote)"
      )
    ]
    let bandText: String
    if let band = f.band, let b = f.backtest {
      bandText =
        "The interval is forecast × \(Format.num(band.low, 2)) … \(Format.num(band.high, 2)): the 10th and 90th percentiles of actual / forecast over the \(b.months.count) backtest months below. It assumes the coming months miss the way those did; one backtest is all it rests on."
    } else {
      bandText = "No interval: it needs a backtest with at least 3 months to measure how far monthly forecasts miss."
    }
    blocks.append(Blocks.p(bandText))
    let points = total.enumerated().map { ChartPoint(Double($0.offset + 1), $0.element) }
    var series = [LineSeries(name: "Expected spend", points: points)]
    if let band = f.band {
      series.append(
        LineSeries(name: "10th percentile", points: points.map { ChartPoint($0.x, $0.y * band.low) }, role: .reference))
      series.append(
        LineSeries(name: "90th percentile", points: points.map { ChartPoint($0.x, $0.y * band.high) }, role: .reference)
      )
    }
    let first = ahead.months.first?.label ?? ""
    blocks.append(
      .figure(
        ReportFigure(
          id: "monthly-forecast", title: "Expected spend by month",
          caption:
            "Expected spend of all customers in each calendar month of the horizon (month 1 = \(first)); the dashed lines are the interval. A first or last month cut short by the horizon has fewer days (see the table), so less spend.",
          description: "Monthly expected spend over \(ahead.months.count) months, \(Format.money(sum)) in all.",
          chart: .line(
            LineChart(
              xLabel: "Month of the horizon (1 = \(first))", yLabel: "Expected spend", series: series,
              yIncludesZero: true, showPoints: true)),
          data: monthTable(f))))
    if let b = f.backtest { blocks += backtestBlocks(b, s) }
    return ReportSection(id: "forecast", title: "Revenue by month and segment", blocks: blocks)
  }

  /// Months × segments, with the total and its interval.
  static func monthTable(_ f: MonthlyForecastOutcome) -> ReportTable {
    let a = f.forward
    var columns: [TableColumn] =
      [.text("Month"), .number("Days")] + a.groups.map { TableColumn.number($0) } + [.number("Total")]
    if f.band != nil { columns += [.number("Low (10%)"), .number("High (90%)")] }
    var rows = a.months.indices.map { m -> [String] in
      var r = [a.months[m].label, "\(a.months[m].days)"] + a.groups.indices.map { Format.money(a.spend[$0][m]) }
      r.append(Format.money(a.total[m]))
      if let band = f.band { r += [Format.money(a.total[m] * band.low), Format.money(a.total[m] * band.high)] }
      return r
    }
    var sumRow =
      ["Horizon", "\(a.months.reduce(0) { $0 + $1.days })"]
      + a.groups.indices.map { g in Format.money(a.spend[g].reduce(0, +)) }
    sumRow.append(Format.money(a.total.reduce(0, +)))
    if f.band != nil { sumRow += ["", ""] }
    rows.append(sumRow)
    return Blocks.table(
      "Expected spend by month and segment; the last row is the horizon total.", columns, rows,
      emphasize: rows.count - 1)
  }

  static func backtestBlocks(_ b: MonthlyBacktest, _ s: RunSummary) -> [ReportBlock] {
    let forecastTotal = b.forecast.reduce(0, +), actualTotal = b.actual.reduce(0, +)
    var rows = b.months.indices.map { m in
      [
        b.months[m].label, Format.money(b.forecast[m]), Format.money(b.actual[m]),
        NumberFormatting.signed(b.error[m], decimals: 2),
        b.relativeError[m].map { NumberFormatting.signed($0 * 100, decimals: 1) + "%" } ?? "–",
      ]
    }
    rows.append([
      "Window", Format.money(forecastTotal), Format.money(actualTotal),
      NumberFormatting.signed(forecastTotal - actualTotal, decimals: 2),
      actualTotal > 0
        ? NumberFormatting.signed((forecastTotal - actualTotal) / actualTotal * 100, decimals: 1) + "%" : "–",
    ])
    return [
      .figure(
        ReportFigure(
          id: "monthly-backtest", title: "The monthly forecast made at the cutoff, against what happened",
          caption:
            "The same method run at the backtest cutoff (\(Timeline.iso(s.timeline.plan.cutoff))) for the held-out test customers: the champion's backtest prediction spread by the curve fitted at the cutoff, beside the test customers' actual net spend (orders minus refunds) in each month.",
          description:
            "Monthly forecast vs actual over \(b.months.count) backtest months; mean absolute percentage error \(Format.pct(b.mape)).",
          chart: .groupedBar(
            GroupedBarChart(
              categories: b.months.map(\.label),
              series: [
                BarSeries(name: "Forecast at the cutoff", values: b.forecast),
                BarSeries(name: "Actual", values: b.actual),
              ], xLabel: "Month", yLabel: "Spend")),
          data: Blocks.table(
            "Backtest months: forecast, actual and error (forecast − actual).",
            [.text("Month"), .number("Forecast"), .number("Actual"), .number("Error"), .number("Error %")], rows,
            emphasize: rows.count - 1)))
    ]
  }
}
