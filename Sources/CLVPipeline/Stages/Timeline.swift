import CLVData
import CLVFeatures

/// The run's dates: the as-of date, the horizon and the backtest plan.
struct Timeline: Sendable {
  var asOf: Int32
  var horizon: Horizon
  var plan: BacktestPlan
  /// Days in the forward window `asOf ..< asOf + horizon`.
  var forwardDays: Int { Int(horizon.added(to: asOf) - asOf) }
  /// Days in the backtest's label window `cutoff ..< asOf`.
  var backtestDays: Int { Int(asOf - plan.cutoff) }

  /// The dates of a run whose plan is known.
  init(asOf: Int32, horizon: Horizon, plan: BacktestPlan) {
    self.asOf = asOf
    self.horizon = horizon
    self.plan = plan
  }

  /// The dates of a run on `log` (read from `path`): the as-of date (nil: the day after
  /// the last transaction), the horizon and the backtest plan.
  init(asOf: CivilDate?, horizon: Horizon, rollingOrigins: Bool, log: TransactionLog, path: String) throws {
    guard let range = log.dayRange else {
      throw PipelineError.invalidOption(
        name: "transactions", value: path, expected: "a log with at least one usable row")
    }
    self.asOf = asOf.map { Int32($0.day) } ?? range.upperBound + 1
    self.horizon = horizon
    if let asOf { try Self.check(asOf: self.asOf, text: asOf.iso, horizon: horizon, data: range) }
    plan = BacktestPlan(asOf: self.asOf, horizon: horizon, firstDay: range.lowerBound, rollingOrigins: rollingOrigins)
  }

  /// An explicit as-of date must lie within the data or at most one horizon after its last
  /// day: before the first order nobody is known; far after the last one every customer
  /// looks lapsed, and an absurd date (9999-12-31) made the weekly loops run for hours.
  /// - Throws: ``PipelineError/invalidOption(name:value:expected:)`` (a usage error).
  static func check(asOf: Int32, text: String, horizon: Horizon, data range: ClosedRange<Int32>) throws {
    let latest = horizon.added(to: range.upperBound + 1)
    guard asOf >= range.lowerBound, asOf <= latest else {
      throw PipelineError.invalidOption(
        name: "as-of", value: text,
        expected: "a date from \(iso(range.lowerBound)) (the first order) to \(iso(latest)) (one horizon of "
          + "\(horizon) after the last order on \(iso(range.upperBound))); leave --as-of out to forecast from the "
          + "day after the last order")
    }
  }

  /// `yyyy-MM-dd` of a day.
  static func iso(_ day: Int32) -> String { CivilDate(day: Int(day)).iso }
}
