/// Gives each segment a business name from its profile, by fixed, documented rules.
///
/// Rules, tried in this order; the first that holds names the segment. "High churn"
/// means churn_risk ≥ `highChurnRisk` AND churn_index ≥ 1 (at least the base average,
/// so a base where everyone is likely to lapse does not flag every segment):
/// 1. **At risk — high value**: high churn and value_index ≥ `atRiskValueIndex`.
///    Valuable customers drifting away: the first call for retention spend.
/// 2. **Hibernating**: high churn (and lower value). Lapsed, low-value customers.
/// 3. **Champions**: value_index ≥ `championValueIndex`. The most valuable, and not
///    at risk.
/// 4. **New & promising**: tenure SMD ≤ −`newTenureSMD` (newer than the base by that
///    many standard deviations) and value_index ≥ `promisingValueIndex`.
/// 5. **Loyal**: frequency SMD ≥ `loyalFrequencySMD` or value_index ≥ 1. Regular, at
///    least average value.
/// 6. **Occasional**: everything else. Infrequent, below-average value, not at risk.
///
/// The tenure and frequency SMDs are read from the features named `tenureFeature` and
/// `frequencyFeature`; a missing feature counts as 0 (so rule 4 cannot fire and rule 5
/// falls back on value).
///
/// Uniqueness: when several segments get the same name, the one with the highest mean
/// predicted CLV keeps it (lowest label on ties) and the others get " (2)", " (3)", … in
/// that order, so names are unique and deterministic.
package struct SegmentNamer: Sendable, Codable, Equatable {
  /// Churn risk from which a segment counts as likely to leave.
  package var highChurnRisk: Double
  /// Value index from which a likely-to-leave segment is "At risk — high value".
  package var atRiskValueIndex: Double
  /// Value index from which a segment is "Champions".
  package var championValueIndex: Double
  /// Tenure SMD below −this marks a new segment.
  package var newTenureSMD: Double
  /// Value index from which a new segment is "promising".
  package var promisingValueIndex: Double
  /// Frequency SMD from which a segment is "Loyal".
  package var loyalFrequencySMD: Double
  /// Name of the tenure feature in the profiles.
  package var tenureFeature: String
  /// Name of the frequency feature in the profiles.
  package var frequencyFeature: String

  /// Creates a namer; the defaults are the thresholds documented on the type.
  package init(
    highChurnRisk: Double = 0.5, atRiskValueIndex: Double = 1.0,
    championValueIndex: Double = 1.5, newTenureSMD: Double = 0.5,
    promisingValueIndex: Double = 0.5, loyalFrequencySMD: Double = 0.25,
    tenureFeature: String = "tenure", frequencyFeature: String = "frequency"
  ) {
    self.highChurnRisk = highChurnRisk
    self.atRiskValueIndex = atRiskValueIndex
    self.championValueIndex = championValueIndex
    self.newTenureSMD = newTenureSMD
    self.promisingValueIndex = promisingValueIndex
    self.loyalFrequencySMD = loyalFrequencySMD
    self.tenureFeature = tenureFeature
    self.frequencyFeature = frequencyFeature
  }

  /// The rule-based name of one profile, before de-duplication.
  package func baseName(for p: SegmentProfile) -> String {
    let highChurn = p.meanChurnRisk >= highChurnRisk && p.churnIndex >= 1
    let tenure = p.standardisedMeanDifference(of: tenureFeature) ?? 0
    let frequency = p.standardisedMeanDifference(of: frequencyFeature) ?? 0
    if highChurn && p.valueIndex >= atRiskValueIndex { return "At risk — high value" }
    if highChurn { return "Hibernating" }
    if p.valueIndex >= championValueIndex { return "Champions" }
    if tenure <= -newTenureSMD && p.valueIndex >= promisingValueIndex { return "New & promising" }
    if frequency >= loyalFrequencySMD || p.valueIndex >= 1 { return "Loyal" }
    return "Occasional"
  }

  /// Unique names for `profiles`, in their order (see the type's documentation).
  package func names(for profiles: [SegmentProfile]) -> [String] {
    var names = profiles.map(baseName(for:))
    // Within each name, rank by mean CLV descending, then label ascending.
    let order = profiles.indices.sorted { a, b in
      let (pa, pb) = (profiles[a], profiles[b])
      if pa.meanPredictedValue != pb.meanPredictedValue {
        return pa.meanPredictedValue > pb.meanPredictedValue
      }
      return pa.segment < pb.segment
    }
    var seen = [String: Int]()
    var used = Set(names)
    for i in order {
      let base = names[i]
      let count = (seen[base] ?? 0) + 1
      seen[base] = count
      guard count > 1 else { continue }
      var suffix = count
      // Skip a suffixed name that is taken already (only with adversarial names).
      while used.contains("\(base) (\(suffix))") { suffix += 1 }
      names[i] = "\(base) (\(suffix))"
      used.insert(names[i])
    }
    return names
  }

  /// `profiles` with their `name` set to ``names(for:)``.
  package func name(_ profiles: [SegmentProfile]) -> [SegmentProfile] {
    zip(profiles, names(for: profiles)).map { profile, name in
      var named = profile
      named.name = name
      return named
    }
  }
}
