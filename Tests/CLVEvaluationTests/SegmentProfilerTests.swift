import CLVMath
import Foundation
import Testing

@testable import CLVEvaluation

@Suite struct SegmentProfilerTests {
  /// Hand-computed case, six customers in two segments:
  ///   recency   1, 2, 3 | 10, 20, 30   frequency 10, 20, 30 | 1, 2, 3
  ///   value   100, 200, 300 | 10, 20, 30   churn 0.1, 0.2, 0.3 | 0.7, 0.8, 0.9
  /// Base means: recency 66/6 = 11, frequency 11, value 110, churn 0.5. Both features
  /// have deviations {−10, −9, −8, −1, 9, 19} (in some order), so the population SD is
  /// √(688/6). Segment 0: recency mean 2 → SMD −9/√(688/6); frequency mean 20 → +9/√(688/6);
  /// value share 600/660 = 10/11; value index 200/110; churn 0.2, index 0.4.
  @Test func handComputedProfiles() {
    let features = Matrix(rowArrays: [[1, 10], [2, 20], [3, 30], [10, 1], [20, 2], [30, 3]])
    let profiles = SegmentProfiler.profile(
      featureNames: ["recency", "frequency"], features: features,
      labels: [0, 0, 0, 1, 1, 1], predictedValue: [100, 200, 300, 10, 20, 30],
      churnRisk: [0.1, 0.2, 0.3, 0.7, 0.8, 0.9])
    #expect(profiles.count == 2)
    let sd = (688.0 / 6).squareRoot()
    let p0 = profiles[0]
    let p1 = profiles[1]
    #expect(p0.segment == 0 && p0.size == 3 && p0.customerShare == 0.5)
    #expect(p0.featureMeans == [2, 20] && p0.featureMedians == [2, 20])
    #expect(abs(p0.standardisedMeanDifferences[0] - (-9 / sd)) < 1e-14)
    #expect(abs(p0.standardisedMeanDifferences[1] - 9 / sd) < 1e-14)
    #expect(abs(p0.valueShare - 10.0 / 11) < 1e-15)
    #expect(abs(p0.valueIndex - 200.0 / 110) < 1e-14)
    #expect(abs(p0.meanChurnRisk - 0.2) < 1e-15 && abs(p0.churnIndex - 0.4) < 1e-14)
    #expect(p0.meanPredictedValue == 200 && p0.medianPredictedValue == 200)
    #expect(p1.featureMeans == [20, 2])
    #expect(abs(p1.standardisedMeanDifferences[0] - 9 / sd) < 1e-14)
    #expect(abs(p1.valueShare - 1.0 / 11) < 1e-15)
    #expect(abs(p1.churnIndex - 1.6) < 1e-14)
    #expect(p0.valueShare + p1.valueShare == 1)
  }

  @Test func medianOfEvenCountAveragesTheMiddlePair() {
    #expect(SegmentProfiler.median([4, 1, 3, 2]) == 2.5)
    #expect(SegmentProfiler.median([5, 1, 3]) == 3)
  }

  /// Labels need not be contiguous; a constant feature has SMD 0 (zero base SD).
  @Test func sparseLabelsAndConstantFeature() {
    let profiles = SegmentProfiler.profile(
      featureNames: ["Avg Order"], features: Matrix(rowArrays: [[5], [5], [5]]),
      labels: [7, 2, 7], predictedValue: [1, 2, 3], churnRisk: [0, 0, 0])
    #expect(profiles.map(\.segment) == [2, 7])
    #expect(profiles.map(\.size) == [1, 2])
    #expect(profiles[0].standardisedMeanDifferences == [0])
    #expect(profiles[0].churnIndex == 0)
    #expect(profiles[0].metrics["avg_order_smd"] == 0)
    #expect(profiles[1].name == "Segment 7")
  }
}
