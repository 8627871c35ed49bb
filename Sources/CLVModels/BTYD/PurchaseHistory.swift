/// One customer's purchase summary in the calibration period, the input of the
/// buy-till-you-die (BTYD) count models.
///
/// Time is in whatever unit the caller chooses (days, weeks); the models are
/// unit-agnostic, so state the unit next to fitted parameters such as α and β.
/// Convention of Fader, Hardie & Lee (2005): purchases on the same day are merged,
/// and the first purchase is not counted in `frequency`.
package struct PurchaseHistory: Sendable, Codable, Equatable, Hashable {
  /// x: number of repeat purchases (purchase occasions after the first).
  package var frequency: Double
  /// tₓ: time from the first to the last purchase (0 when x = 0).
  package var recency: Double
  /// T: time from the first purchase to the end of the calibration period.
  package var age: Double

  /// Creates a history. Validation happens when a model is fitted (see ``BTYDError``).
  package init(frequency: Double, recency: Double, age: Double) {
    self.frequency = frequency
    self.recency = recency
    self.age = age
  }

  /// Why this history cannot be used by a BTYD model, or nil if it is valid:
  /// x must be a finite whole number ≥ 0, 0 ≤ tₓ ≤ T, T > 0 finite, and tₓ = 0 when x = 0.
  package var invalidityReason: String? {
    guard frequency.isFinite, recency.isFinite, age.isFinite else {
      return "frequency, recency and age must be finite numbers"
    }
    if frequency < 0 || frequency != frequency.rounded() {
      return "frequency must be a whole number ≥ 0 (repeat purchase occasions)"
    }
    if age <= 0 { return "age T must be positive (time from first purchase to the cut-off)" }
    if recency < 0 { return "recency must be ≥ 0" }
    if recency > age {
      return "recency (\(recency)) exceeds age (\(age)): the last purchase is after the cut-off"
    }
    if frequency == 0 && recency != 0 {
      return "recency must be 0 when there are no repeat purchases"
    }
    return nil
  }
}
