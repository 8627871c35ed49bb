import CLVReport

/// The champion's per-customer intervals in the report (backtest section) and in
/// `metrics.json`: coverage on the test split overall, by decile, and for the total.
enum IntervalBlocks {
  static func blocks(_ o: IntervalOutcome) -> [ReportBlock] {
    let nominal = Format.pct(o.model.coverage, 0)
    let t = o.testTotal
    let groups = o.model.groupSize.count == 1 ? "one group" : "\(o.model.groupSize.count) groups"
    var blocks: [ReportBlock] = [
      Blocks.p(
        "Each customer's \(nominal) interval of spend in the horizon (predicted_spend_p10 and predicted_spend_p90 in predictions.csv) is calibrated on the validation customers by split-conformal prediction: within \(groups) of similar predictions, the ratio of actual to predicted spend is ranked and its central \(nominal) range scales each customer's prediction. Where many customers of a group spend nothing, the lower end is 0 and the upper end moves down so the group still holds \(nominal). On the test split, which calibration did not see, \(Format.pct(o.testCoverage)) of customers' actual spend lies in their interval (target \(nominal)). The total's interval (normal approximation over independent customers) is \(Format.money(t.lower)) to \(Format.money(t.upper)) around \(Format.money(t.centre)); the actual test total is \(Format.money(t.actual)) (\(o.totalCovered ? "inside" : "outside"))."
      )
    ]
    blocks.append(
      .table(
        Blocks.table(
          "Interval coverage on the test split by decile of predicted spend (1 = highest).",
          [.number("Decile"), .number("Customers"), .number("Mean lower"), .number("Mean upper"), .number("Covered")],
          o.byDecile.map {
            [
              String($0.decile), Format.count($0.count), Format.money($0.meanLower), Format.money($0.meanUpper),
              Format.pct($0.coverage),
            ]
          })))
    return blocks
  }

  static func json(_ o: IntervalOutcome) -> JSONValue {
    [
      "nominal_coverage": .finite(o.model.coverage),
      "test_coverage": .finite(o.testCoverage),
      "groups": .number(Double(o.model.groupSize.count)),
      "by_decile": .array(
        o.byDecile.map {
          [
            "decile": .number(Double($0.decile)), "customers": .number(Double($0.count)),
            "mean_lower": .finite($0.meanLower),
            "mean_upper": .finite($0.meanUpper), "coverage": .finite($0.coverage),
          ]
        }),
      "test_total": [
        "lower": .finite(o.testTotal.lower), "centre": .finite(o.testTotal.centre), "upper": .finite(o.testTotal.upper),
        "actual": .finite(o.testTotal.actual), "covered": .bool(o.totalCovered),
      ],
    ]
  }
}
