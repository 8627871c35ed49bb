/// The normalized Gini coefficient of a ranking (the headline CLV metric).
///
/// Sort customers by prediction, largest first (stable on ties); gain_k = cumulative
/// share of actual value held by the first k; raw Gini = 2·mean(gain) − 1;
/// normalized Gini = raw Gini(model order) / raw Gini(order by actual). 1 is a
/// perfect ranking, ≈ 0 random, negative worse than random. Exact arithmetic, no
/// tolerance beyond floating-point summation. Reference: Wang, Liu & Miao (2019),
/// arXiv:1912.07753, §4.2.
package enum NormalizedGini {
  /// The normalized Gini; `nil` when empty, any value non-finite, or Σ actual ≤ 0.
  package static func of(predicted: [Double], actual: [Double]) -> Double? {
    precondition(predicted.count == actual.count, "predicted and actual must have the same length")
    guard let sample = RankedSample(predicted: predicted, actual: actual) else { return nil }
    return sample.normalizedGini(weights: sample.unitWeights)
  }

  /// Raw Gini of the order by `predicted` (2·mean(gain) − 1); `nil` as for ``of(predicted:actual:)``.
  package static func raw(predicted: [Double], actual: [Double]) -> Double? {
    precondition(predicted.count == actual.count, "predicted and actual must have the same length")
    guard let sample = RankedSample(predicted: predicted, actual: actual) else { return nil }
    return sample.rawGini(order: sample.byPrediction, weights: sample.unitWeights)
  }
}
