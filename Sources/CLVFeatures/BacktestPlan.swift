import CLVData

/// When the backtest cuts the history, and which extra training origins it uses.
///
/// The backtest mimics a forecast made `horizon` before the as-of date: features
/// from data strictly before `cutoff = asOf − horizon`, label = net spend in
/// `cutoff ..< asOf`. Label-using models also train on earlier *origins*
/// (rolling origins): quarterly steps back from the cutoff and the origin a year
/// before the forecast window (`asOf − 1 year`), so that a model trained on one
/// season's window is not applied blindly to another; the origin's calendar
/// position is a feature (`cutoff_month_sin/cos`). Only origins with at least
/// ``minimumHistoryDays`` of history before them are used.
package struct BacktestPlan: Sendable, Equatable, Codable {
  /// The forecast date (exclusive end of known data).
  package let asOf: Int32
  /// The forecast horizon.
  package let horizon: Horizon
  /// `asOf − horizon`: the backtest's as-of date.
  package let cutoff: Int32
  /// The first day with data.
  package let firstDay: Int32
  /// Training origins, most recent first; the first is `cutoff`. Empty when no
  /// backtest is possible.
  package let origins: [Int32]
  /// Why there is no backtest, when there is none.
  package let infeasibleReason: String?

  /// History needed before an origin for its features to mean something.
  package static let minimumHistoryDays: Int32 = 180
  /// At most this many origins.
  package static let maximumOrigins = 4

  /// Plans the backtest for data starting at `firstDay`.
  package init(asOf: Int32, horizon: Horizon, firstDay: Int32, rollingOrigins: Bool = true) {
    self.asOf = asOf
    self.horizon = horizon
    self.firstDay = firstDay
    let cutoff = horizon.subtracted(from: asOf)
    self.cutoff = cutoff
    let history = cutoff - firstDay
    guard history >= 28 else {
      self.origins = []
      self.infeasibleReason =
        "the data span \(asOf - firstDay) days, but a backtest with horizon \(horizon) needs at least "
        + "\(horizon.days(endingAt: asOf) + 28) days (4 weeks of history before the cutoff); "
        + "models that need labels are skipped and no backtest metrics are reported"
      return
    }
    self.infeasibleReason = nil
    let candidates = Self.candidateOrigins(asOf: asOf, horizon: horizon, rollingOrigins: rollingOrigins)
    let origins = candidates.filter { $0 == cutoff || $0 - firstDay >= Self.minimumHistoryDays }
    self.origins = Array(origins.prefix(Self.maximumOrigins))
  }

  /// Every origin a plan for `asOf` and `horizon` may use, most recent first, before the
  /// history check: the cutoff, then (with rolling origins) quarterly steps back from it and
  /// `asOf − 1 year`, each once and before the cutoff. It does not depend on the first day,
  /// so a part of the customers (a Spark partition) can compute features at all of them;
  /// the plan keeps those with ``minimumHistoryDays`` of history before them.
  package static func candidateOrigins(asOf: Int32, horizon: Horizon, rollingOrigins: Bool) -> [Int32] {
    let cutoff = horizon.subtracted(from: asOf)
    var origins = [cutoff]
    if rollingOrigins {
      var candidates = (1...3).map { cutoff - Int32(91 * $0) }
      candidates.append(Int32(CivilDate(day: Int(asOf)).adding(months: -12).day))
      for o in candidates where o < cutoff && !origins.contains(o) { origins.append(o) }
    }
    return origins.sorted(by: >)
  }

  /// Whether a backtest is possible.
  package var isFeasible: Bool { !origins.isEmpty }

  /// The label window of an origin: `origin ..< origin + horizon`, never past `asOf`.
  package func labelWindow(origin: Int32) -> Range<Int32> {
    Self.labelWindow(origin: origin, asOf: asOf, horizon: horizon)
  }

  /// The label window of `origin` for a forecast at `asOf` over `horizon`.
  package static func labelWindow(origin: Int32, asOf: Int32, horizon: Horizon) -> Range<Int32> {
    origin..<min(asOf, horizon.added(to: origin))
  }
}
