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

  init(options: RunOptions, log: TransactionLog) throws {
    guard let range = log.dayRange else {
      throw PipelineError.invalidOption(name: "transactions", value: options.transactions, expected: "a log with at least one usable row")
    }
    if let text = options.asOf {
      guard let d = CivilDate(iso: text) else {
        throw PipelineError.invalidOption(name: "as-of", value: text, expected: "a date yyyy-MM-dd")
      }
      asOf = Int32(d.day)
    } else {
      asOf = range.upperBound + 1
    }
    horizon = try Horizon(parsing: options.horizon)
    plan = BacktestPlan(asOf: asOf, horizon: horizon, firstDay: range.lowerBound, rollingOrigins: options.rollingOrigins)
  }

  /// `yyyy-MM-dd` of a day.
  static func iso(_ day: Int32) -> String { CivilDate(day: Int(day)).iso }
}
