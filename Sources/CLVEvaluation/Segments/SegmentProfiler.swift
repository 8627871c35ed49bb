import CLVMath

/// Summarises each cluster as a ``SegmentProfile``: size, shares, feature means and
/// medians, standardised mean differences, predicted value and churn risk.
///
/// Means are plain sums in row order (deterministic); the base standard deviation is
/// the population SD (divisor n) by two passes; medians sort each segment's values.
/// Cost O(n·d·log n).
package enum SegmentProfiler {
  /// Profiles of every segment present in `labels`, by ascending label.
  ///
  /// - Parameters:
  ///   - featureNames: d names, the columns of `features`.
  ///   - features: (n, d) raw, unstandardised features (recency, frequency, …).
  ///   - labels: n cluster labels.
  ///   - predictedValue: n predicted CLVs.
  ///   - churnRisk: n churn probabilities in [0, 1].
  package static func profile(
    featureNames: [String], features: Matrix, labels: [Int], predictedValue: [Double],
    churnRisk: [Double]
  ) -> [SegmentProfile] {
    let n = labels.count
    let d = features.columns
    precondition(featureNames.count == d, "one name per feature column")
    precondition(
      features.rows == n && predictedValue.count == n && churnRisk.count == n,
      "features, labels, predicted value and churn risk must cover the same customers")
    guard n > 0 else { return [] }

    // Base statistics: feature means and population SDs, value and churn totals.
    var baseMean = [Double](repeating: 0, count: d)
    var baseSD = [Double](repeating: 0, count: d)
    for i in 0..<n { for j in 0..<d { baseMean[j] += features[i, j] } }
    for j in 0..<d { baseMean[j] /= Double(n) }
    for i in 0..<n {
      for j in 0..<d {
        let e = features[i, j] - baseMean[j]
        baseSD[j] += e * e
      }
    }
    for j in 0..<d { baseSD[j] = (baseSD[j] / Double(n)).squareRoot() }
    let totalValue = predictedValue.reduce(0, +)
    let baseMeanValue = totalValue / Double(n)
    let baseMeanChurn = churnRisk.reduce(0, +) / Double(n)

    // Rows of each segment, in row order.
    var members = [Int: [Int]]()
    for (i, l) in labels.enumerated() { members[l, default: []].append(i) }

    return members.keys.sorted().map { segment in
      let rows = members[segment] ?? []
      let m = Double(rows.count)
      var means = [Double](repeating: 0, count: d)
      var medians = [Double](repeating: 0, count: d)
      var column = [Double](repeating: 0, count: rows.count)
      for j in 0..<d {
        for (r, i) in rows.enumerated() { column[r] = features[i, j] }
        means[j] = column.reduce(0, +) / m
        medians[j] = median(column)
      }
      let smd = (0..<d).map { j in baseSD[j] > 0 ? (means[j] - baseMean[j]) / baseSD[j] : 0 }
      let values = rows.map { predictedValue[$0] }
      let segmentTotal = values.reduce(0, +)
      let meanValue = segmentTotal / m
      let meanChurn = rows.reduce(0.0) { $0 + churnRisk[$1] } / m
      return SegmentProfile(
        segment: segment, name: "Segment \(segment)", size: rows.count,
        customerShare: m / Double(n), valueShare: totalValue != 0 ? segmentTotal / totalValue : 0,
        featureNames: featureNames, featureMeans: means, featureMedians: medians,
        standardisedMeanDifferences: smd, meanPredictedValue: meanValue,
        medianPredictedValue: median(values), totalPredictedValue: segmentTotal,
        meanChurnRisk: meanChurn,
        valueIndex: baseMeanValue != 0 ? meanValue / baseMeanValue : 0,
        churnIndex: baseMeanChurn != 0 ? meanChurn / baseMeanChurn : 0)
    }
  }

  /// Median of a non-empty list (mean of the two middle values for even counts).
  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let c = sorted.count
    return c % 2 == 1 ? sorted[c / 2] : (sorted[c / 2 - 1] + sorted[c / 2]) / 2
  }
}
