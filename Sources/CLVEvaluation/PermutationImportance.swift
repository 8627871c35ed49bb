import CLVMath

/// Permutation feature importance (hyperparameters), model-agnostic.
///
/// For each feature group and each repeat: draw one row permutation π, set every
/// column c of the group to x[π(i), c] (the group's columns move together, so
/// one-hot blocks stay valid rows), predict, and record the drop in normalized Gini
/// and the increase in RMSE against the unshuffled baseline. Report mean ± sample
/// standard deviation per group. Breiman (2001), "Random Forests", Mach. Learn. 45;
/// Fisher, Rudin & Dominici (2019), JMLR 20(177). A feature the model ignores scores
/// exactly 0 (its predictions do not change).
///
/// Determinism: groups in the order given, repeats inner, one Fisher–Yates shuffle of
/// 0..<n per repeat from the injected generator.
package struct PermutationImportance: Sendable {
  /// Shuffles per group.
  package var repeats: Int

  /// Creates the settings.
  package init(repeats: Int = 5) {
    precondition(repeats > 0, "repeats must be positive")
    self.repeats = repeats
  }

  /// Computes importances of `groups` for the model behind `predict`.
  ///
  /// - Parameters:
  ///   - features: encoded rows, (n, columns); usually the test split.
  ///   - actual: observed values, n.
  ///   - groups: feature groups; column indices must be in range (programmer error otherwise).
  ///   - predict: the fitted model; must return n predictions for n rows.
  package func compute(
    features: Matrix, actual: [Double], groups: [FeatureGroup],
    using rng: inout some RandomNumberGenerator,
    predict: (Matrix) -> [Double]
  ) -> PermutationImportanceResult {
    precondition(
      groups.allSatisfy { $0.columns.allSatisfy { $0 >= 0 && $0 < features.columns } },
      "group column out of range")
    return withoutActuallyEscaping(predict) { predict in
      var model = MatrixPermutedRows(features: features, predict: predict)
      return compute(model: &model, actual: actual, groups: groups, using: &rng)
    }
  }

  /// Computes importances of `groups` for a model bound to its rows (one draw of the
  /// permutation per repeat, as in ``compute(features:actual:groups:using:predict:)``,
  /// so both give the same numbers for the same predictions).
  ///
  /// - Parameters:
  ///   - model: the fitted model over n rows; column indices of `groups` are its own.
  ///   - actual: observed values, n.
  package func compute(
    model: inout some PermutedRowsModel, actual: [Double], groups: [FeatureGroup],
    using rng: inout some RandomNumberGenerator
  ) -> PermutationImportanceResult {
    precondition(model.rows == actual.count, "one actual per row")
    let n = model.rows
    // The perfect ranking does not change between repeats: its raw Gini is computed once.
    let perfect = RankedSample(predicted: actual, actual: actual).flatMap { s in
      s.rawGini(order: s.byActual, weights: s.unitWeights)
    }
    let baseline = Self.score(model.predict(permuting: [], by: nil), actual, perfectRawGini: perfect)

    var permutation = [Int](repeating: 0, count: n)
    var rows = [FeatureImportance]()
    for group in groups {
      var giniDrops = [Double]()
      var rmseIncreases = [Double]()
      for _ in 0..<repeats {
        Self.shuffle(&permutation, using: &rng)
        let shuffled = Self.score(
          model.predict(permuting: group.columns, by: permutation), actual, perfectRawGini: perfect)
        if let g0 = baseline.gini, let g = shuffled.gini { giniDrops.append(g0 - g) }
        if let r0 = baseline.rmse, let r = shuffled.rmse { rmseIncreases.append(r - r0) }
      }
      rows.append(
        FeatureImportance(
          name: group.name, columns: group.columns,
          giniDropMean: Self.mean(giniDrops), giniDropStandardDeviation: Self.sd(giniDrops),
          rmseIncreaseMean: Self.mean(rmseIncreases),
          rmseIncreaseStandardDeviation: Self.sd(rmseIncreases), giniDrops: giniDrops))
    }
    rows.sort { a, b in
      let ga = a.giniDropMean ?? -.infinity, gb = b.giniDropMean ?? -.infinity
      if ga != gb { return ga > gb }
      let ra = a.rmseIncreaseMean ?? -.infinity, rb = b.rmseIncreaseMean ?? -.infinity
      if ra != rb { return ra > rb }
      return a.name < b.name
    }
    return PermutationImportanceResult(
      baselineGini: baseline.gini, baselineRMSE: baseline.rmse, features: rows)
  }

  /// Normalized Gini and RMSE of `predicted`, with the perfect raw Gini computed once
  /// by the caller (only the model order is sorted per repeat).
  static func score(
    _ predicted: [Double], _ actual: [Double], perfectRawGini: Double?
  ) -> (gini: Double?, rmse: Double?) {
    precondition(predicted.count == actual.count, "predict must return one value per row")
    guard !actual.isEmpty, predicted.allSatisfy(\.isFinite), actual.allSatisfy(\.isFinite) else {
      return (nil, nil)
    }
    var sq = 0.0
    for i in 0..<actual.count {
      let r = predicted[i] - actual[i]
      sq += r * r
    }
    let rmse = (sq / Double(actual.count)).squareRoot()
    guard let perfectRawGini, perfectRawGini > 0 else { return (nil, rmse) }
    let order = RankOrder.descending(predicted)
    var total = 0.0, cumulative = 0.0, gainSum = 0.0
    for i in order { total += actual[i] }
    for i in order {
      cumulative += actual[i]
      gainSum += cumulative
    }
    let raw = 2 * gainSum / (total * Double(actual.count)) - 1
    return (raw / perfectRawGini, rmse)
  }

  /// Resets `permutation` to 0..<n and Fisher–Yates shuffles it with the same draws as
  /// CLVMath's `seededShuffle` (j = next() % (i + 1), i from n − 1 down to 1), written
  /// out here on a buffer because the generic library version is not specialised
  /// across modules.
  static func shuffle(_ permutation: inout [Int], using rng: inout some RandomNumberGenerator) {
    permutation.withUnsafeMutableBufferPointer { p in
      for i in 0..<p.count { p[i] = i }
      guard p.count > 1 else { return }
      for i in stride(from: p.count - 1, to: 0, by: -1) {
        let j = Int(rng.next() % UInt64(i + 1))
        p.swapAt(i, j)
      }
    }
  }

  static func mean(_ x: [Double]) -> Double? {
    x.isEmpty ? nil : x.reduce(0, +) / Double(x.count)
  }

  static func sd(_ x: [Double]) -> Double? {
    guard let m = mean(x) else { return nil }
    guard x.count > 1 else { return 0 }
    return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
  }
}
