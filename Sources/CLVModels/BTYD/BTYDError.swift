/// Why a buy-till-you-die model could not be fitted to the given data.
///
/// Each case's `description` says what is wrong and what to do about it.
package enum BTYDError: Error, Equatable, CustomStringConvertible {
  /// No customers were given.
  case emptyInput(model: String)
  /// A purchase history violates the model's assumptions.
  case invalidHistory(index: Int, history: PurchaseHistory, reason: String)
  /// Nobody made a repeat purchase, so purchase rates (or spend) cannot be estimated.
  case noRepeatCustomers(model: String)
  /// A spend value is unusable (must be finite and positive for repeat customers).
  case invalidSpend(index: Int, value: Double)
  /// `frequency` and `meanSpend` have different lengths.
  case mismatchedLengths(frequency: Int, meanSpend: Int)
  /// A hyperparameter is out of range.
  case invalidConfiguration(String)

  /// A message for the user, with the fix.
  package var description: String {
    switch self {
    case .emptyInput(let model):
      return "\(model): no customers to fit; check the date filters and the calibration cut-off."
    case .invalidHistory(let index, let h, let reason):
      return "customer #\(index) (x=\(h.frequency), t_x=\(h.recency), T=\(h.age)): \(reason). "
        + "Fix the summary (same-day purchases merged, times measured from the first purchase)."
    case .noRepeatCustomers(let model):
      return "\(model): no customer made a repeat purchase, so the model cannot be estimated; "
        + "use a longer calibration period or more customers."
    case .invalidSpend(let index, let value):
      return "customer #\(index): mean spend \(value) must be finite and > 0 for repeat "
        + "customers; drop returns-only customers or fix the amounts."
    case .mismatchedLengths(let f, let m):
      return "frequency has \(f) values but meanSpend has \(m); pass one of each per customer."
    case .invalidConfiguration(let message):
      return "invalid model configuration: \(message)"
    }
  }
}
