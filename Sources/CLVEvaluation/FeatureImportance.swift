/// Permutation importance of one feature group: how much the model gets worse when
/// the group's columns are shuffled.
package struct FeatureImportance: Codable, Sendable, Equatable {
  /// Group name.
  package var name: String
  /// Encoded columns shuffled together.
  package var columns: [Int]
  /// Mean over repeats of baseline normalized Gini − shuffled normalized Gini
  /// (positive = the feature matters); `nil` when the Gini is undefined.
  package var giniDropMean: Double?
  /// Sample standard deviation (n − 1) of the Gini drops; 0 with one repeat.
  package var giniDropStandardDeviation: Double?
  /// Mean over repeats of shuffled RMSE − baseline RMSE (positive = the feature matters).
  package var rmseIncreaseMean: Double?
  /// Sample standard deviation of the RMSE increases.
  package var rmseIncreaseStandardDeviation: Double?
  /// The Gini drop of each repeat, in draw order (for strip plots).
  package var giniDrops: [Double]

  /// Creates an importance row.
  package init(
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
package struct PermutationImportanceResult: Codable, Sendable, Equatable {
  /// Normalized Gini of the unshuffled predictions.
  package var baselineGini: Double?
  /// RMSE of the unshuffled predictions.
  package var baselineRMSE: Double?
  /// One row per group, most important first (Gini drop, then RMSE increase, then name).
  package var features: [FeatureImportance]

  /// Creates a result.
  package init(baselineGini: Double?, baselineRMSE: Double?, features: [FeatureImportance]) {
    self.baselineGini = baselineGini
    self.baselineRMSE = baselineRMSE
    self.features = features
  }
}
