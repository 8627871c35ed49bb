/// The named numbers of a ``SegmentProfile`` that action conditions and why-texts use.
///
/// Names (all snake_case):
/// - `size`: customers in the segment
/// - `customer_share`, `value_share`: fractions in [0, 1]
/// - `mean_clv`, `median_clv`: predicted CLV per customer
/// - `value_index`: mean CLV / base mean CLV (1 = average)
/// - `churn_risk`: mean churn risk in [0, 1]; `churn_index`: churn_risk / base mean
/// - for each feature `f`: `f` (segment mean), `f_median`, `f_smd` (standardised mean
///   difference vs the whole base), where `f` is the feature name lower-cased with every
///   character outside a–z, 0–9 replaced by `_` (so "Avg Order" → `avg_order`).
extension SegmentProfile {
  /// The metric names available for a profile with these features, in a fixed order.
  package static func metricNames(featureNames: [String]) -> [String] {
    var names = [
      "size", "customer_share", "value_share", "mean_clv", "median_clv", "value_index",
      "churn_risk", "churn_index",
    ]
    for f in featureNames.map(metricName(forFeature:)) {
      names += [f, f + "_median", f + "_smd"]
    }
    return names
  }

  /// The metric name of a feature: lower-cased, non-alphanumerics replaced by `_`.
  package static func metricName(forFeature feature: String) -> String {
    String(
      feature.lowercased().map { c -> Character in
        (c.isASCII && (c.isLetter || c.isNumber)) ? c : "_"
      })
  }

  /// Every metric of this profile by name (see the extension's documentation).
  package var metrics: [String: Double] {
    var m: [String: Double] = [
      "size": Double(size), "customer_share": customerShare, "value_share": valueShare,
      "mean_clv": meanPredictedValue, "median_clv": medianPredictedValue,
      "value_index": valueIndex, "churn_risk": meanChurnRisk, "churn_index": churnIndex,
    ]
    for (j, feature) in featureNames.enumerated() {
      let f = Self.metricName(forFeature: feature)
      m[f] = featureMeans[j]
      m[f + "_median"] = featureMedians[j]
      m[f + "_smd"] = standardisedMeanDifferences[j]
    }
    return m
  }

  /// The standardised mean difference of the feature called `feature` (matched by
  /// metric name), or nil when the profile has no such feature.
  package func standardisedMeanDifference(of feature: String) -> Double? {
    let wanted = Self.metricName(forFeature: feature)
    guard let j = featureNames.firstIndex(where: { Self.metricName(forFeature: $0) == wanted })
    else { return nil }
    return standardisedMeanDifferences[j]
  }
}
