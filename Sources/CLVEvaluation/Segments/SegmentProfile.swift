/// Who a segment is and what it is worth: the per-segment summary a marketing team
/// reads, and the input of ``SegmentNamer`` and ``ActionCatalogue``.
///
/// Built by ``SegmentProfiler``. All shares are fractions in [0, 1]; feature statistics
/// are on the raw (unstandardised) scale, in the order of `featureNames`.
package struct SegmentProfile: Sendable, Codable, Equatable {
  /// The cluster label this profile summarises.
  package let segment: Int
  /// Display name; "Segment N" until ``SegmentNamer`` assigns one.
  package var name: String
  /// Customers in the segment.
  package let size: Int
  /// size / all customers.
  package let customerShare: Double
  /// Σ predicted value of the segment / Σ predicted value of all customers
  /// (0 when the base total is 0).
  package let valueShare: Double
  /// Feature names, as given to the profiler.
  package let featureNames: [String]
  /// Mean of each feature in the segment.
  package let featureMeans: [Double]
  /// Median of each feature in the segment (mean of the two middle values for even sizes).
  package let featureMedians: [Double]
  /// Standardised mean difference of each feature: (segment mean − base mean) / base
  /// standard deviation (population SD of all customers; 0 when that SD is 0). The
  /// heat-map value: ±0.2 small, ±0.5 medium, ±0.8 large (Cohen 1988, *Statistical
  /// Power Analysis*, §2.2).
  package let standardisedMeanDifferences: [Double]
  /// Mean predicted CLV of the segment.
  package let meanPredictedValue: Double
  /// Median predicted CLV of the segment.
  package let medianPredictedValue: Double
  /// Σ predicted CLV of the segment.
  package let totalPredictedValue: Double
  /// Mean churn risk of the segment (probability in [0, 1]).
  package let meanChurnRisk: Double
  /// meanPredictedValue / mean predicted CLV of all customers (1 = average; 0 when the
  /// base mean is 0).
  package let valueIndex: Double
  /// meanChurnRisk / mean churn risk of all customers (1 = average; 0 when the base
  /// mean is 0).
  package let churnIndex: Double

  /// Creates a profile from its parts.
  package init(
    segment: Int, name: String, size: Int, customerShare: Double, valueShare: Double,
    featureNames: [String], featureMeans: [Double], featureMedians: [Double],
    standardisedMeanDifferences: [Double], meanPredictedValue: Double,
    medianPredictedValue: Double, totalPredictedValue: Double, meanChurnRisk: Double,
    valueIndex: Double, churnIndex: Double
  ) {
    precondition(
      featureMeans.count == featureNames.count && featureMedians.count == featureNames.count
        && standardisedMeanDifferences.count == featureNames.count,
      "one statistic per feature")
    self.segment = segment
    self.name = name
    self.size = size
    self.customerShare = customerShare
    self.valueShare = valueShare
    self.featureNames = featureNames
    self.featureMeans = featureMeans
    self.featureMedians = featureMedians
    self.standardisedMeanDifferences = standardisedMeanDifferences
    self.meanPredictedValue = meanPredictedValue
    self.medianPredictedValue = medianPredictedValue
    self.totalPredictedValue = totalPredictedValue
    self.meanChurnRisk = meanChurnRisk
    self.valueIndex = valueIndex
    self.churnIndex = churnIndex
  }

  enum CodingKeys: String, CodingKey {
    case segment, name, size
    case customerShare = "customer_share"
    case valueShare = "value_share"
    case featureNames = "feature_names"
    case featureMeans = "feature_means"
    case featureMedians = "feature_medians"
    case standardisedMeanDifferences = "standardised_mean_differences"
    case meanPredictedValue = "mean_predicted_value"
    case medianPredictedValue = "median_predicted_value"
    case totalPredictedValue = "total_predicted_value"
    case meanChurnRisk = "mean_churn_risk"
    case valueIndex = "value_index"
    case churnIndex = "churn_index"
  }
}
