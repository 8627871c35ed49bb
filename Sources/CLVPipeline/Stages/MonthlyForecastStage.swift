import CLVFeatures

/// The revenue forecast by calendar month and segment, and the same forecast made at
/// the backtest cutoff beside what the test customers then spent.
struct MonthlyForecastOutcome: Sendable {
  var forward: MonthlyForecast
  var backtest: MonthlyBacktest?
  /// actual / forecast band of the backtest months (10th, 90th percentile), if any.
  var band: (low: Double, high: Double)?
  /// The model whose expected-purchases curve spreads the totals, nil: even by days.
  var curveModel: String?
}

enum MonthlyForecastStage {
  static func run(
    forward: ForwardPredictions, forwardTable: FeatureTable, scorer: ForwardScorer, backtest: BacktestOutcome?,
    builder: FeatureBuilder?, timeline: Timeline, daysPerUnit: Double, seed: UInt64
  ) -> MonthlyForecastOutcome {
    let months = CalendarMonth.covering(from: timeline.asOf, to: timeline.asOf + Int32(timeline.forwardDays))
    let names = forward.segment ?? Array(repeating: "All customers", count: forward.ids.count)
    let groups = Array(Set(names)).sorted()
    let index = Dictionary(uniqueKeysWithValues: groups.enumerated().map { ($1, $0) })
    let model = scorer.aliveCompanion?.purchaseCountModel
    let curve: (Int, [Double]) -> [Double]? =
      model.map { MonthlyForecast.btydCurve(model: $0, table: forwardTable, daysPerUnit: daysPerUnit) } ?? { _, _ in nil
      }
    let ahead = MonthlyForecast.make(
      months: months, totals: forward.predictedSpend, groups: groups, groupOf: names.map { index[$0]! }, seed: seed,
      daysPerUnit: daysPerUnit, curve: curve)

    var past: MonthlyBacktest?
    if let b = backtest, let champion = b.champion, let builder {
      let cutoffRun =
        b.runs.first { $0.key == scorer.aliveCompanion?.key }
        ?? b.runs.first { $0.candidate.provides(.probabilityAlive) }
      let cutoffModel = cutoffRun?.candidate.purchaseCountModel
      let test = b.dataset.indices(of: .test)
      let testTable = b.testFeatures
      let backMonths = CalendarMonth.covering(from: timeline.plan.cutoff, to: timeline.asOf)
      let backCurve: (Int, [Double]) -> [Double]? =
        cutoffModel.map { MonthlyForecast.btydCurve(model: $0, table: testTable, daysPerUnit: daysPerUnit) } ?? {
          _, _ in nil
        }
      let made = MonthlyForecast.make(
        months: backMonths, totals: test.map { champion.output.spend[$0] }, groups: ["test"],
        groupOf: Array(repeating: 0, count: test.count), seed: seed, daysPerUnit: daysPerUnit, curve: backCurve)
      let ledgerRows = builder.directory.rows(of: test.map { b.dataset.features.rowIDs[$0] }).map {
        $0 < 0 ? -1 : builder.directory.ledgerRow[$0]
      }
      past = MonthlyBacktest(
        months: backMonths, forecast: made.total,
        actual: MonthlyBacktest.actualSpend(ledger: builder.ledger, ledgerRows: ledgerRows, months: backMonths))
    }
    return MonthlyForecastOutcome(
      forward: ahead, backtest: past, band: past?.ratioBand,
      curveModel: model == nil ? nil : scorer.aliveCompanion?.name)
  }
}

extension MonthlyForecastOutcome {
  /// The `monthly_forecast` section of metrics.json.
  var json: JSONValue {
    let a = forward
    var months = [JSONValue]()
    for m in a.months.indices {
      var o: [String: JSONValue] = [
        "month": .string(a.months[m].label), "start": .string(Timeline.iso(a.months[m].start)),
        "days": .number(Double(a.months[m].days)), "expected_spend": .finite(a.total[m]),
        "by_segment": .object(
          Dictionary(uniqueKeysWithValues: a.groups.indices.map { (a.groups[$0], JSONValue.finite(a.spend[$0][m])) })),
      ]
      if let band { o["low_10"] = .finite(a.total[m] * band.low); o["high_90"] = .finite(a.total[m] * band.high) }
      months.append(.object(o))
    }
    var root: [String: JSONValue] = [
      "method": .string(
        curveModel.map { "champion's predicted spend per customer spread by the \($0) expected-purchases curve" }
          ?? "champion's predicted spend spread evenly over days"),
      "unit": "predicted spend (undiscounted, before margin)",
      "months": .array(months), "horizon_total": .finite(a.total.reduce(0, +)),
      "customers_evaluated": .number(Double(a.customersEvaluated)), "sampled": .bool(a.sampled),
    ]
    if let band {
      root["interval"] = [
        "low_ratio": .finite(band.low), "high_ratio": .finite(band.high),
        "rule": "10th and 90th percentiles of actual / forecast over the backtest months",
      ]
    }
    if let b = backtest {
      root["backtest"] = [
        "split": "test",
        "mape": b.mape.map { .finite($0) } ?? .null,
        "months": .array(
          b.months.indices.map { m in
            [
              "month": .string(b.months[m].label), "forecast": .finite(b.forecast[m]), "actual": .finite(b.actual[m]),
              "error": .finite(b.error[m]),
              "relative_error": b.relativeError[m].map { .finite($0) } ?? .null,
            ]
          }),
      ]
    }
    return .object(root)
  }
}
