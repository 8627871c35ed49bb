import CLVFeatures

/// Each customer's purchase history in the convention of the `lifetimes` package's
/// `summary_data_from_transaction_data(…, freq='D')`, with the observation period ending
/// on the day before the as-of date, so a user can check the inputs of every model:
///
/// - `frequency`: repeat purchase days (purchase days − 1; a day with orders is one
///   purchase, whatever the number of orders on it);
/// - `recency`: days from the first to the last purchase day (0 for one purchase day);
/// - `T`: days from the first purchase day to the end of the observation period
///   (as-of − 1);
/// - `monetary_value`: mean value of the repeat purchase days (each day's orders summed
///   and net of refunds on that day), 0 when `frequency` is 0, as in lifetimes.
///
/// Time unit: days. Customers without a purchase (a profile only) have no summary (NaN).
/// One difference: lifetimes counts a day with only a refund as a purchase period; `clv`
/// does not (a refund is no purchase) and nets it into spend instead.
///
/// Read row by row off the feature table's own columns when `predictions.csv` is
/// written, not held as four more columns of every customer.
struct LifetimesSummary: Sendable {
  /// The feature columns it is read from (the table's arrays, shared, not copied).
  private let columns: BTYDHistories.Columns

  /// The unit of `recency` and `T`.
  static let timeUnit = "days"
  /// The column names, in the order they are written.
  static let columns = ["frequency", "recency", "T", "monetary_value"]

  /// The summary of the features as of the as-of date.
  init(_ table: FeatureTable) {
    columns = BTYDHistories.Columns(table)
  }

  /// Row `i`'s summary; NaN everywhere without a purchase.
  func row(_ i: Int) -> (frequency: Double, recency: Double, T: Double, monetaryValue: Double) {
    guard let d = columns.days(i) else { return (.nan, .nan, .nan, .nan) }
    return (d.x, d.recency, d.age, d.x > 0 ? d.spend : 0)
  }
}
