/// Bad input to the feature and backtest stage.
package enum FeatureError: Error, Equatable, CustomStringConvertible {
  /// A horizon that is not `<number>[d|w|m|y]`.
  case invalidHorizon(String)
  /// A horizon longer than ``Horizon/maximumYears`` (`maximum`: the longest in its unit).
  case horizonTooLong(String, maximum: String)
  /// Split fractions that are not three non-negative numbers summing to 1.
  case invalidSplit(String)

  /// What went wrong and what to do.
  package var description: String {
    switch self {
    case .invalidHorizon(let t):
      return "invalid horizon '\(t)': write a positive number with a unit, e.g. 90d, 26w, 12m or 1y"
    case .horizonTooLong(let t, let maximum):
      return "invalid horizon '\(t)': at most \(Horizon.maximumYears) years (\(maximum)), e.g. 90d, 26w, 12m or 1y"
    case .invalidSplit(let t):
      return "invalid split '\(t)': give three fractions train/validation/test that sum to 1, e.g. 0.7/0.15/0.15"
    }
  }
}
