/// Permutation importance of one feature group: how much the model gets worse when
/// the group's columns are shuffled.
public struct FeatureImportance: Codable, Sendable, Equatable {
  /// Group name.
  public var name: String
  /// Encoded columns shuffled together.
  public var columns: [Int]
  /// Mean over repeats of baseline normalized Gini − shuffled normalized Gini
  /// (positive = the feature matters); `nil` when the Gini is undefined.
  public var giniDropMean: Double?
  /// Sample standard deviation (n − 1) of the Gini drops; 0 with one repeat.
  public var giniDropStandardDeviation: Double?
  /// Mean over repeats of shuffled RMSE − baseline RMSE (positive = the feature matters).
  public var rmseIncreaseMean: Double?
  /// Sample standard deviation of the RMSE increases.
  public var rmseIncreaseStandardDeviation: Double?
  /// The Gini drop of each repeat, in draw order (for strip plots).
  public var giniDrops: [Double]

  /// Creates an importance row.
  public init(
    name: String, columns: [Int], giniDropMean: Double?, giniDropStandardDeviation: Double?,
    rmseIncreaseMean: Double?, rmseIncreaseStandardDeviation: Double?, giniDrops: [Double]
  ) {
    self.name = name
    self.columns = columns
    self.giniDropMean = giniDropMean
    self.giniDropStandardDeviation = giniDropStandardDeviation
    self.rmseIncreaseMean = rmseIncreaseMean
    self.rmseIncreaseStandardDeviation = rmseIncreaseStandardDeviation
    self.giniDrops = giniDrops
  }
}

/// Permutation importance of every group with the unshuffled baseline.
public struct PermutationImportanceResult: Codable, Sendable, Equatable {
  /// Normalized Gini of the unshuffled predictions.
  public var baselineGini: Double?
  /// RMSE of the unshuffled predictions.
  public var baselineRMSE: Double?
  /// One row per group, most important first (Gini drop, then RMSE increase, then name).
  public var features: [FeatureImportance]

  /// Creates a result.
  public init(baselineGini: Double?, baselineRMSE: Double?, features: [FeatureImportance]) {
    self.baselineGini = baselineGini
    self.baselineRMSE = baselineRMSE
    self.features = features
  }
}
