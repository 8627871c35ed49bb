import CLVData
import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVModels

/// One calendar month of a forecast window, clipped to the window: days `start ..< end`.
struct CalendarMonth: Sendable, Equatable {
  /// `yyyy-MM`.
  var label: String
  var start: Int32
  var end: Int32
  /// Days of the month inside the window.
  var days: Int { Int(end - start) }

  /// The calendar months overlapping `from ..< to`, the first and last clipped.
  static func covering(from: Int32, to: Int32) -> [CalendarMonth] {
    var out = [CalendarMonth]()
    var day = from
    while day < to {
      let date = CivilDate(day: Int(day))
      let next = Int32(date.startOfMonth.adding(months: 1).day)
      out.append(CalendarMonth(label: String(date.iso.prefix(7)), start: day, end: min(next, to)))
      day = next
    }
    return out
  }
}

/// Expected spend per calendar month: each customer's predicted spend over the horizon
/// (the champion's) spread over the months by that customer's BTYD expected-purchases
/// curve, then summed per group (segment).
///
/// For customer i with history h, share of month m = (E[Y(t_m) | h] − E[Y(t_{m−1}) | h]) /
/// E[Y(T) | h], with t_m the end of month m in weeks from the window start and T the
/// window (Fader, Hardie & Lee 2005, eq. 10 for BG/NBD; the same conditional expectation
/// for MBG/NBD and Pareto/NBD). A customer without a purchase history (or a curve of 0)
/// is spread evenly over the days. The shares of a customer sum to 1, so the months sum
/// to the total predicted spend exactly (up to rounding).
///
/// Cost: one curve per customer and month; a group of more than ``sampleLimit`` customers
/// has its value-weighted month profile estimated on a seeded sample of that many
/// (its total still comes from every customer).
struct MonthlyForecast: Sendable {
  var months: [CalendarMonth]
  /// Group names (segments), in the order given.
  var groups: [String]
  /// spend[group][month].
  var spend: [[Double]]
  /// Customers whose curve was evaluated (all, or the samples).
  var customersEvaluated: Int
  /// Whether any group's profile came from a sample.
  var sampled: Bool

  /// Per-month totals over the groups.
  var total: [Double] { months.indices.map { m in spend.reduce(0) { $0 + $1[m] } } }

  /// Customers per group whose curve is evaluated, at most.
  static let sampleLimit = 2_000

  /// A customer's month shares from the cumulative expected purchases at each month
  /// end (`cumulative[m]` = E[Y(t_m)], non-decreasing); even by days when the curve is 0
  /// or unusable.
  static func shares(cumulative: [Double], months: [CalendarMonth]) -> [Double] {
    let total = cumulative.last ?? 0
    if total > 0, total.isFinite {
      var previous = 0.0
      return cumulative.map { c in
        defer { previous = c }
        return max(0, c - previous) / total
      }
    }
    let days = Double(months.reduce(0) { $0 + $1.days })
    return months.map { Double($0.days) / days }
  }

  /// - Parameters:
  ///   - totals: predicted spend over the window, one per customer.
  ///   - groupOf: group index of each customer (into `groups`).
  ///   - curve: E[Y(t)] at the given times (weeks from the window start) for customer
  ///     i, or nil when the customer has no purchase history.
  static func make(
    months: [CalendarMonth], totals: [Double], groups: [String], groupOf: [Int], seed: UInt64,
    daysPerUnit: Double, curve: (Int, [Double]) -> [Double]?
  ) -> MonthlyForecast {
    precondition(totals.count == groupOf.count, "one group per customer")
    let start = months.first?.start ?? 0
    let ends = months.map { Double($0.end - start) / daysPerUnit }
    var members = Array(repeating: [Int](), count: groups.count)
    for (i, g) in groupOf.enumerated() { members[g].append(i) }
    var rng = SplitMix64(seed: seed ^ 0x3017_0F0C)
    var spend = [[Double]]()
    var evaluated = 0
    var sampled = false
    for g in groups.indices {
      var rows = members[g]
      let groupTotal = rows.reduce(0) { $0 + max(0, totals[$1]) }
      if rows.count > sampleLimit {
        rows.seededShuffle(using: &rng)
        rows = Array(rows.prefix(sampleLimit)).sorted()
        sampled = true
      }
      var profile = [Double](repeating: 0, count: months.count)
      var weight = 0.0
      for i in rows {
        let w = max(0, totals[i])
        guard w > 0 else { continue }
        let s = shares(cumulative: curve(i, ends) ?? [], months: months)
        for m in months.indices { profile[m] += w * s[m] }
        weight += w
      }
      evaluated += rows.count
      if weight > 0 {
        spend.append(profile.map { $0 / weight * groupTotal })
      } else {
        spend.append(shares(cumulative: [], months: months).map { $0 * groupTotal })
      }
    }
    return MonthlyForecast(
      months: months, groups: groups, spend: spend, customersEvaluated: evaluated, sampled: sampled)
  }

  /// The BTYD curve of row `i` of `table`: E[Y(t) | h] at each time, nil without a history.
  static func btydCurve(
    model: any PurchaseCountModel, table: FeatureTable, daysPerUnit: Double
  )
    -> (Int, [Double]) -> [Double]?
  {
    let columns = BTYDHistories.Columns(table)
    return { i, times in
      guard let (h, _) = columns.history(i, daysPerUnit: daysPerUnit) else { return nil }
      return times.map { model.conditionalExpectedTransactions(in: $0, given: h) }
    }
  }
}

/// The monthly forecast checked against what happened: the same method at the backtest
/// cutoff for the held-out test customers, beside their actual net spend per month.
struct MonthlyBacktest: Sendable, Equatable {
  var months: [CalendarMonth]
  var forecast: [Double]
  var actual: [Double]

  /// forecast − actual per month.
  var error: [Double] { zip(forecast, actual).map { $0 - $1 } }
  /// (forecast − actual) / actual per month; nil where nothing was spent.
  var relativeError: [Double?] { zip(forecast, actual).map { $1 > 0 ? ($0 - $1) / $1 : nil } }
  /// Mean absolute percentage error over the months with actual spend.
  var mape: Double? {
    let r = relativeError.compactMap { $0 }
    return r.isEmpty ? nil : r.reduce(0) { $0 + abs($1) } / Double(r.count)
  }

  /// Actual net spend (orders minus refunds) per month of the customers at ledger rows
  /// `ledgerRows` (−1: no purchase ever).
  static func actualSpend(ledger: PurchaseLedger, ledgerRows: [Int], months: [CalendarMonth]) -> [Double] {
    months.map { month in
      ledgerRows.reduce(0) { sum, c in c < 0 ? sum : sum + ledger.netSpend(of: c, from: month.start, to: month.end) }
    }
  }

  /// The empirical interval of the forward months: forecast × the 10th and 90th
  /// percentiles (type 7, ``Quantiles``) of actual / forecast over the backtest months;
  /// nil with fewer than 3 months that have a forecast. Assumes the coming months miss
  /// the way the backtest months did (level and spread), which is all one backtest can say.
  var ratioBand: (low: Double, high: Double)? {
    let ratios = zip(actual, forecast).compactMap { $1 > 0 ? $0 / $1 : nil }.sorted()
    guard ratios.count >= 3 else { return nil }
    let band = Quantiles.of(ratios, levels: [0.10, 0.90])
    return (band[0], band[1])
  }
}
