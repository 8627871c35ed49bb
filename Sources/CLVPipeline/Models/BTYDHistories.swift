import CLVFeatures
import CLVModels

/// The buy-till-you-die view of a feature row: (x, tₓ, T) and the mean repeat spend.
enum BTYDHistories {
  /// The feature columns ``history(_:row:daysPerUnit:)`` reads.
  static let columns: [FeatureKey] = [.frequency, .activeSpanDays, .tenureDays, .meanRepeatSpend]

  /// (x, tₓ, T) in days and the mean repeat spend of one feature row, as the features
  /// give them: x = repeat purchase days, tₓ = last − first purchase day, T = cutoff − 1 −
  /// first purchase day (the `lifetimes` convention with `freq='D'`, the observation
  /// period ending the day before the cutoff); nil for a customer without a purchase.
  /// The one place the three are derived (``history(_:row:daysPerUnit:)``, ``LifetimesSummary``).
  static func days(_ table: FeatureTable, row i: Int) -> Days? { Columns(table).days(i) }

  /// x, tₓ and T in days and the mean repeat spend (``days(_:row:)``).
  typealias Days = (x: Double, recency: Double, age: Double, spend: Double)

  /// The four columns of a table, looked up once for a pass over every row.
  struct Columns {
    let x, span, tenure, spend: [Double]?

    init(_ table: FeatureTable) {
      x = table.numeric(.frequency)?.values
      span = table.numeric(.activeSpanDays)?.values
      tenure = table.numeric(.tenureDays)?.values
      spend = table.numeric(.meanRepeatSpend)?.values
    }

    /// ``BTYDHistories/days(_:row:)`` of row `i`.
    func days(_ i: Int) -> Days? {
      guard let x = x?[i], let span = span?[i], span.isFinite, let tenure = tenure?[i], tenure.isFinite else {
        return nil
      }
      return (x, span, tenure - 1, spend?[i] ?? .nan)
    }

    /// ``BTYDHistories/history(_:row:daysPerUnit:)`` of row `i`.
    func history(_ i: Int, daysPerUnit: Double) -> (PurchaseHistory, Double)? {
      guard let d = days(i) else { return nil }
      let age = max(d.age, 0.5) / daysPerUnit
      let recency = min(d.recency / daysPerUnit, age)
      return (PurchaseHistory(frequency: d.x, recency: d.x == 0 ? 0 : recency, age: age), d.spend)
    }
  }

  /// (x, tₓ, T) of ``days(_:row:)`` in units of `daysPerUnit` days, as the models take
  /// them, and the mean repeat spend; T at least half a day so that a first purchase on the
  /// last day still has an age, tₓ = 0 when x = 0. For a pass over every row, look the
  /// columns up once (``Columns/history(_:daysPerUnit:)``): each call here finds the four
  /// columns by name again.
  static func history(_ table: FeatureTable, row i: Int, daysPerUnit: Double) -> (PurchaseHistory, Double)? {
    Columns(table).history(i, daysPerUnit: daysPerUnit)
  }
}
