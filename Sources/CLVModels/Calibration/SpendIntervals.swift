import CLVMath
import Foundation

/// Per-customer prediction intervals for spend over the horizon, calibrated on held-out
/// rows by group-wise split-conformal prediction on a multiplicative scale.
///
/// Scores: `rᵢ = yᵢ / sᵢ` with the scale `sᵢ = max(ŷᵢ, floor)` (the point prediction,
/// floored so that a prediction of 0 still has a scale). Groups: customers are split by
/// their point prediction into ``groupEdges`` (equal-count groups on the calibration
/// rows, "Mondrian" conformal prediction: Vovk et al. 2005, *Algorithmic Learning in a
/// Random World*, §4.5), so each group gets its own score distribution. In a group
/// with sorted scores r₍₁₎ ≤ … ≤ r₍ₙ₎ and target coverage 1 − α:
///
///     lower ratio  L = r₍⌊(α/2)(n+1)⌋₎            (0 when the index is < 1)
///     e            = share of scores below L
///     upper ratio  U = r₍⌈(1 − α + e)(n+1)⌉₎
///
/// and a new customer's interval is `[s·L, s·U]`. With continuous spend, e ≈ α/2 and this
/// is the usual central interval (split-conformal, Lei et al. 2018, JASA 113(523);
/// Papadopoulos et al. 2002 for the normalised score). Spend has an atom at 0: when at
/// least α/2 of a group spends nothing, L = 0, nothing lies below it (e = 0), and U moves
/// down to the (1 − α) level, so the interval still holds 1 − α of the group instead of
/// 1 − α/2. Where more than 1 − α of a group spends nothing, U = 0 and the interval is
/// [0, 0]: it then holds that whole share (> 1 − α), which no interval can avoid.
///
/// The conformal guarantee (coverage ≥ 1 − α for exchangeable rows) holds per group for
/// the upper end; coverage is measured on the test split, overall and by decile.
package struct SpendIntervals: Sendable, Codable, Equatable {
  /// Target coverage 1 − α.
  package let coverage: Double
  /// Upper prediction edges between consecutive groups (increasing; k − 1 edges).
  package let groupEdges: [Double]
  /// Lower and upper score ratios per group.
  package let lowerRatio: [Double]
  package let upperRatio: [Double]
  /// Mean and variance of the score in each group and its calibration size (for totals).
  package let meanRatio: [Double]
  package let ratioVariance: [Double]
  package let groupSize: [Int]
  /// Smallest scale.
  package let scaleFloor: Double

  /// Fits on calibration rows (predictions and actual spend ≥ 0) with about
  /// `minimumGroupSize` rows per group and at most `maximumGroups` groups.
  /// Returns nil without at least `minimumGroupSize` usable rows.
  package static func fit(
    predicted: [Double], actual: [Double], coverage: Double = 0.8, maximumGroups: Int = 10,
    minimumGroupSize: Int = 200
  ) -> SpendIntervals? {
    precondition(coverage > 0 && coverage < 1 && maximumGroups >= 1 && minimumGroupSize >= 10, "bad interval settings")
    let rows = predicted.indices.filter { predicted[$0].isFinite && actual[$0].isFinite && predicted[$0] >= 0 }
    guard rows.count >= minimumGroupSize else { return nil }
    let meanActual = rows.reduce(0) { $0 + max(0, actual[$1]) } / Double(rows.count)
    let floor = max(1e-9, 0.01 * meanActual)
    let groups = max(1, min(maximumGroups, rows.count / minimumGroupSize))
    let order = rows.sorted { (predicted[$0], $0) < (predicted[$1], $1) }
    var edges = [Double]()
    var members = [[Int]]()
    var start = 0
    for g in 0..<groups {
      var end = (g + 1) * order.count / groups
      // Keep tied predictions in one group.
      while end < order.count && end > start && predicted[order[end]] == predicted[order[end - 1]] { end += 1 }
      guard end > start else { continue }
      members.append(Array(order[start..<end]))
      if end < order.count { edges.append(predicted[order[end - 1]]) }
      start = end
      if start >= order.count { break }
    }
    let alpha = 1 - coverage
    var lower = [Double](), upper = [Double](), mean = [Double](), variance = [Double](), size = [Int]()
    for m in members {
      let scores = m.map { max(0, actual[$0]) / max(predicted[$0], floor) }.sorted()
      let n = scores.count
      let lo = Int((alpha / 2 * Double(n + 1)).rounded(.down))
      let l = lo >= 1 ? scores[lo - 1] : 0
      let below = Double(scores.prefix { $0 < l }.count) / Double(n)
      let hi = Int(((1 - alpha + below) * Double(n + 1)).rounded(.up))
      let u = scores[min(n, max(1, hi)) - 1]
      let mu = scores.reduce(0, +) / Double(n)
      lower.append(l)
      upper.append(max(u, l))
      mean.append(mu)
      variance.append(scores.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(max(1, n - 1)))
      size.append(n)
    }
    return SpendIntervals(
      coverage: coverage, groupEdges: edges, lowerRatio: lower, upperRatio: upper, meanRatio: mean,
      ratioVariance: variance, groupSize: size, scaleFloor: floor)
  }

  /// The group of a prediction.
  package func group(of predicted: Double) -> Int {
    var lo = 0, hi = groupEdges.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if predicted <= groupEdges[mid] { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }

  /// The interval of one customer with point prediction `predicted`.
  package func interval(_ predicted: Double) -> (lower: Double, upper: Double) {
    guard predicted.isFinite else { return (.nan, .nan) }
    let g = group(of: predicted)
    let s = max(predicted, scaleFloor)
    return (s * lowerRatio[g], s * upperRatio[g])
  }

  /// Central `coverage` interval of the total spend of customers with these point
  /// predictions, by the normal approximation to a sum of independent customers:
  ///
  ///     centre = Σᵢ sᵢ·m_g                              (m_g: mean score of i's group)
  ///     var    = Σᵢ sᵢ²·v_g  +  Σ_g (Σ_{i∈g} sᵢ)²·v_g/n_g
  ///
  /// The first term is customer-to-customer noise, the second the uncertainty of the
  /// group means estimated from n_g calibration rows. It does not cover a change in
  /// behaviour between the calibration window and the forecast window.
  package func totalInterval(_ predicted: [Double]) -> (lower: Double, centre: Double, upper: Double) {
    var centre = 0.0, noise = 0.0
    var byGroup = [Double](repeating: 0, count: meanRatio.count)
    for p in predicted where p.isFinite {
      let g = group(of: p)
      let s = max(p, scaleFloor)
      centre += s * meanRatio[g]
      noise += s * s * ratioVariance[g]
      byGroup[g] += s
    }
    var estimation = 0.0
    for g in byGroup.indices { estimation += byGroup[g] * byGroup[g] * ratioVariance[g] / Double(max(1, groupSize[g])) }
    let z = NormalQuantile.of(1 - (1 - coverage) / 2)
    let half = z * (noise + estimation).squareRoot()
    return (max(0, centre - half), centre, centre + half)
  }
}
