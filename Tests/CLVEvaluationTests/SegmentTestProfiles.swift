@testable import CLVEvaluation

/// Hand-made segment profiles for the naming and action tests.
enum SegmentTestProfiles {
  /// A profile with the given headline numbers and features tenure, frequency, recency
  /// (only their SMDs matter to the rules; means are set to the SMDs).
  static func make(
    segment: Int, name: String? = nil, size: Int = 100, valueIndex: Double,
    churnRisk: Double, churnIndex: Double = 1, tenureSMD: Double = 0,
    frequencySMD: Double = 0, meanCLV: Double = 100
  ) -> SegmentProfile {
    SegmentProfile(
      segment: segment, name: name ?? "Segment \(segment)", size: size, customerShare: 0.25,
      valueShare: 0.4, featureNames: ["tenure", "frequency", "recency"],
      featureMeans: [tenureSMD, frequencySMD, 0], featureMedians: [0, 0, 0],
      standardisedMeanDifferences: [tenureSMD, frequencySMD, 0],
      meanPredictedValue: meanCLV, medianPredictedValue: meanCLV,
      totalPredictedValue: meanCLV * Double(size), meanChurnRisk: churnRisk,
      valueIndex: valueIndex, churnIndex: churnIndex)
  }
}
