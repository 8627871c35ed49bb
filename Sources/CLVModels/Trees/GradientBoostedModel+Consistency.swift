extension RegressionTree {
  /// Why this tree, as read from a file, cannot route a row of `featureCount` values, or
  /// nil: every node array has one entry per node (at least the root); a split reads a
  /// feature below `featureCount`, has a threshold that is a number, and its children come
  /// after it (so every path ends, in a leaf); a leaf's value is finite.
  /// ``predict(_:)`` follows these indices through raw pointers.
  package func inconsistency(featureCount: Int) -> String? {
    let n = value.count
    guard n >= 1,
      [feature.count, threshold.count, missingLeft.count, left.count, right.count, gain.count, count.count]
        .allSatisfy({ $0 == n })
    else { return "its node arrays do not have one entry per node" }
    for k in 0..<n {
      if left[k] >= 0 {
        guard Int(left[k]) > k, Int(left[k]) < n, Int(right[k]) > k, Int(right[k]) < n else {
          return "node \(k) sends rows to a node that is not one of its \(n) nodes after it"
        }
        guard feature[k] >= 0, Int(feature[k]) < featureCount, !threshold[k].isNaN else {
          return "node \(k) splits on feature \(feature[k]) of \(featureCount) at \(threshold[k])"
        }
      } else if !value[k].isFinite {
        return "leaf \(k) is worth \(value[k]), not a finite number"
      }
    }
    return nil
  }
}

extension GradientBoostedModel {
  /// Why this ensemble, as read from a file, cannot predict, or nil: its settings are valid
  /// (``GradientBoosting/invalidReason``), the starting score is finite and every tree is
  /// consistent with the feature count (``RegressionTree/inconsistency(featureCount:)``).
  package var inconsistency: String? {
    if let why = settings.invalidReason { return "its settings: \(why)" }
    guard featureCount >= 0 else { return "it reads \(featureCount) features" }
    guard baseScore.isFinite else { return "its starting score \(baseScore) is not a finite number" }
    for (t, tree) in trees.enumerated() {
      if let why = tree.inconsistency(featureCount: featureCount) { return "tree \(t + 1): \(why)" }
    }
    return nil
  }
}

extension HurdleBoostedModel {
  /// Why this hurdle model, as read from a file, cannot predict, or nil: each part is
  /// consistent, the purchase part is a logistic classifier (its predictions are
  /// probabilities) and the spend part a log-link regressor, both on the same features.
  package var inconsistency: String? {
    if let why = purchase.inconsistency { return "the purchase part: \(why)" }
    if let why = spend.inconsistency { return "the spend part: \(why)" }
    guard purchase.settings.loss == .logistic, spend.settings.loss == .gamma else {
      return "the purchase part is not logistic or the spend part not gamma"
    }
    guard purchase.featureCount == spend.featureCount else {
      return "the purchase part reads \(purchase.featureCount) features, the spend part \(spend.featureCount)"
    }
    return nil
  }
}
