import CLVEvaluation
import CLVModels

/// The champion's 80% prediction intervals: calibrated on the validation customers,
/// checked on the test customers (overall, by decile of prediction, and for the total).
struct IntervalOutcome: Sendable {
  /// The fitted intervals (``SpendIntervals``), also used forward and saved in model.json.
  var model: SpendIntervals
  /// Share of test customers whose actual spend lies in their interval.
  var testCoverage: Double
  /// Test customers by decile of prediction (1 = highest): count, mean lower and upper
  /// end, and the share covered.
  var byDecile: [(decile: Int, count: Int, meanLower: Double, meanUpper: Double, coverage: Double)]
  /// The interval of the test split's total and the actual total.
  var testTotal: (lower: Double, centre: Double, upper: Double, actual: Double)

  /// Whether the test total lies in its interval.
  var totalCovered: Bool { testTotal.lower <= testTotal.actual && testTotal.actual <= testTotal.upper }
}

enum IntervalStage {
  /// Target coverage of the intervals.
  static let coverage = 0.8
  /// Validation customers per group at least (and at most 10 groups): 50 rows pin the
  /// 10% and 90% score quantiles to within a few percentiles while a shop of a few
  /// thousand customers still gets groups by level of prediction.
  static let minimumGroupSize = 50

  /// Fits on the champion's validation predictions and checks on test; nil when
  /// validation has fewer than ``minimumGroupSize`` customers.
  static func run(backtest b: BacktestOutcome) -> IntervalOutcome? {
    guard let champion = b.champion else { return nil }
    let d = b.dataset
    let validation = d.indices(of: .validation)
    let test = d.indices(of: .test)
    guard
      let model = SpendIntervals.fit(
        predicted: validation.map { champion.output.spend[$0] }, actual: validation.map { d.labels[$0] },
        coverage: coverage, minimumGroupSize: minimumGroupSize)
    else { return nil }
    let predicted = test.map { champion.output.spend[$0] }
    let actual = test.map { d.labels[$0] }
    let intervals = predicted.map { model.interval($0) }
    let covered = zip(intervals, actual).map { i, y in i.lower <= y && y <= i.upper }
    // Deciles as in DecileTable: sorted by prediction, descending, ten near-equal groups.
    let order = predicted.indices.sorted { (predicted[$0], $1) > (predicted[$1], $0) }
    var byDecile = [(Int, Int, Double, Double, Double)]()
    for k in 0..<10 {
      let part = order[(k * order.count / 10)..<((k + 1) * order.count / 10)]
      guard !part.isEmpty else { continue }
      let n = Double(part.count)
      byDecile.append(
        (
          k + 1, part.count, part.reduce(0) { $0 + intervals[$1].lower } / n,
          part.reduce(0) { $0 + intervals[$1].upper } / n, Double(part.filter { covered[$0] }.count) / n
        ))
    }
    let total = model.totalInterval(predicted)
    return IntervalOutcome(
      model: model, testCoverage: Double(covered.filter { $0 }.count) / Double(max(1, covered.count)),
      byDecile: byDecile, testTotal: (total.lower, total.centre, total.upper, actual.reduce(0, +)))
  }
}
