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

  /// The dates of a run on `log` (read from `path`): the as-of date (nil: the day after
  /// the last transaction), the horizon and the backtest plan.
  init(asOf: CivilDate?, horizon: Horizon, rollingOrigins: Bool, log: TransactionLog, path: String) throws {
    guard let range = log.dayRange else {
      throw PipelineError.invalidOption(name: "transactions", value: path, expected: "a log with at least one usable row")
    }
    self.asOf = asOf.map { Int32($0.day) } ?? range.upperBound + 1
    self.horizon = horizon
    plan = BacktestPlan(asOf: self.asOf, horizon: horizon, firstDay: range.lowerBound, rollingOrigins: rollingOrigins)
  }

  /// `yyyy-MM-dd` of a day.
  static func iso(_ day: Int32) -> String { CivilDate(day: Int(day)).iso }
}
