/// The naive baseline every model must beat: a customer's historical spend rate
/// times the horizon.
///
/// prediction = max(0, net spend so far) / max(tenure, minimumExposureDays) × horizonDays
///
/// The exposure floor keeps a customer who bought once yesterday from being
/// extrapolated to hundreds of purchases a year. Customers with no purchase yet
/// get 0. No parameters are fitted, so the "model" is just this configuration.
package struct HistoricalRateBaseline: Sendable, Codable, Equatable {
  /// The smallest exposure, in days, a spend rate is computed over.
  package var minimumExposureDays: Double

  /// Creates the baseline.
  package init(minimumExposureDays: Double = 90) {
    precondition(minimumExposureDays > 0, "the exposure floor must be positive")
    self.minimumExposureDays = minimumExposureDays
  }

  /// Predicted spend in the next `horizonDays`.
  /// - Parameters:
  ///   - totalSpend: net spend before the as-of date, per customer.
  ///   - tenureDays: days since the first purchase (NaN when none), per customer.
  package func predict(totalSpend: [Double], tenureDays: [Double], horizonDays: Double) -> [Double] {
    precondition(totalSpend.count == tenureDays.count, "inputs differ in length")
    return zip(totalSpend, tenureDays).map { spend, tenure in
      guard tenure.isFinite, spend > 0 else { return 0 }
      return spend / max(tenure, minimumExposureDays) * horizonDays
    }
  }
}
