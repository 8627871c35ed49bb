import Testing

@testable import CLVEvaluation

@Suite struct SegmentNamerTests {
  typealias P = SegmentTestProfiles

  /// One crafted profile per documented rule, each satisfying exactly that rule first.
  @Test(arguments: [
    (1.3, 0.6, 1.5, 0.0, 0.0, "At risk — high value"),
    (0.4, 0.7, 1.4, 0.0, 0.0, "Hibernating"),
    (2.0, 0.1, 0.3, 0.0, 1.0, "Champions"),
    (0.8, 0.2, 0.6, -1.0, 0.0, "New & promising"),
    (0.9, 0.2, 0.6, 0.0, 0.5, "Loyal"),
    (0.3, 0.3, 0.9, 0.0, -0.5, "Occasional"),
  ])
  func eachRuleNamesItsSegment(
    value: Double, churn: Double, churnIndex: Double, tenure: Double, frequency: Double,
    expected: String
  ) {
    let p = P.make(
      segment: 0, valueIndex: value, churnRisk: churn, churnIndex: churnIndex,
      tenureSMD: tenure, frequencySMD: frequency)
    #expect(SegmentNamer().baseName(for: p) == expected)
  }

  /// High absolute churn but below the base average is not "at risk" (churn index < 1).
  @Test func churnBelowBaseAverageIsNotFlagged() {
    let p = P.make(segment: 0, valueIndex: 1.6, churnRisk: 0.7, churnIndex: 0.9)
    #expect(SegmentNamer().baseName(for: p) == "Champions")
  }

  /// Three "Loyal" segments with mean CLV 50, 80, 80 (labels 0, 1, 2): label 1 (highest
  /// value, lowest label on the tie) keeps the name, then label 2, then label 0.
  @Test func duplicateNamesGetDeterministicSuffixes() {
    let profiles = [
      P.make(segment: 0, valueIndex: 1.1, churnRisk: 0.1, churnIndex: 0.5, meanCLV: 50),
      P.make(segment: 1, valueIndex: 1.1, churnRisk: 0.1, churnIndex: 0.5, meanCLV: 80),
      P.make(segment: 2, valueIndex: 1.1, churnRisk: 0.1, churnIndex: 0.5, meanCLV: 80),
      P.make(segment: 3, valueIndex: 2.0, churnRisk: 0.1, churnIndex: 0.5),
    ]
    let names = SegmentNamer().names(for: profiles)
    #expect(names == ["Loyal (3)", "Loyal", "Loyal (2)", "Champions"])
    #expect(Set(names).count == names.count)
    #expect(SegmentNamer().name(profiles).map(\.name) == names)
  }

  /// Without a tenure feature the "New & promising" rule cannot fire.
  @Test func missingFeatureCountsAsZero() {
    let p = P.make(segment: 0, valueIndex: 0.8, churnRisk: 0.2, churnIndex: 0.6, tenureSMD: -1)
    #expect(SegmentNamer(tenureFeature: "age_days").baseName(for: p) == "Occasional")
  }
}
