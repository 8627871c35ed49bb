import CLVFeatures
import CLVModels

/// The buy-till-you-die view of a feature row: (x, tₓ, T) and the mean repeat spend.
enum BTYDHistories {
  /// The feature columns ``history(_:row:daysPerUnit:)`` reads.
  static let columns: [FeatureKey] = [.frequency, .activeSpanDays, .tenureDays, .meanRepeatSpend]

  /// (x, tₓ, T) in units of `daysPerUnit` days and the mean repeat spend of one feature
  /// row; nil for a customer without a purchase. x = repeat purchase days,
  /// tₓ = (last − first purchase day), T = (cutoff − 1 − first purchase day), at least
  /// half a day so a first purchase on the last day still has an age.
  static func history(_ table: FeatureTable, row i: Int, daysPerUnit: Double) -> (PurchaseHistory, Double)? {
    guard let x = table.numeric(.frequency)?.values[i],
      let span = table.numeric(.activeSpanDays)?.values[i], span.isFinite,
      let tenure = table.numeric(.tenureDays)?.values[i], tenure.isFinite
    else { return nil }
    let age = max(tenure - 1, 0.5) / daysPerUnit
    let recency = min(span / daysPerUnit, age)
    let spend = table.numeric(.meanRepeatSpend)?.values[i] ?? .nan
    return (PurchaseHistory(frequency: x, recency: x == 0 ? 0 : recency, age: age), spend)
  }
}
