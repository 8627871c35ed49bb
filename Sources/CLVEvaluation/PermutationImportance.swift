import CLVFeatures
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
/// 0..<n per repeat from the injected generator. The shuffles are drawn on the calling
/// thread in that order; the shuffled predictions and their scores (one unit per group and
/// repeat) run on ``WorkPool``, each unit on its own copy of the model, and are combined in
/// unit order, so the result is the same bits for any number of threads.
package struct PermutationImportance: Sendable {
  /// Permutation entries drawn ahead at most (the units of one parallel round share them):
  /// 2²¹ `Int`s, 16 MiB. At 10,000 rows every unit of ~40 groups × 5 repeats fits in one round.
  static let drawnEntries = 1 << 21

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
  ///   - maxThreads: threads the shuffled predictions may use (the result does not depend on it);
  ///     `predict` is then called from several threads at once, so it must not mutate shared state.
  package func compute(
    features: Matrix, actual: [Double], groups: [FeatureGroup],
    using rng: inout some RandomNumberGenerator, maxThreads: Int = .max,
    predict: (Matrix) -> [Double]
  ) -> PermutationImportanceResult {
    precondition(
      groups.allSatisfy { $0.columns.allSatisfy { $0 >= 0 && $0 < features.columns } },
      "group column out of range")
    return withoutActuallyEscaping(predict) { predict in
      var model = MatrixPermutedRows(features: features, predict: predict)
      return compute(model: &model, actual: actual, groups: groups, using: &rng, maxThreads: maxThreads)
    }
  }

  /// Computes importances of `groups` for a model bound to its rows (one draw of the
  /// permutation per repeat, as in ``compute(features:actual:groups:using:predict:)``,
  /// so both give the same numbers for the same predictions).
  ///
  /// - Parameters:
  ///   - model: the fitted model over n rows; column indices of `groups` are its own.
  ///   - actual: observed values, n.
  ///   - maxThreads: threads the shuffled predictions may use, each on its own copy of
  ///     `model` (the result does not depend on it).
  package func compute<Model: PermutedRowsModel>(
    model: inout Model, actual: [Double], groups: [FeatureGroup],
    using rng: inout some RandomNumberGenerator, maxThreads: Int = .max
  ) -> PermutationImportanceResult {
    precondition(model.rows == actual.count, "one actual per row")
    // The perfect ranking does not change between repeats: its raw Gini is computed once.
    let perfect = RankedSample(predicted: actual, actual: actual).flatMap { s in
      s.rawGini(order: s.byActual, weights: s.unitWeights)
    }
    let baseline = Self.score(model.predict(permuting: [], by: nil), actual, perfectRawGini: perfect)
    let scores = shuffledScores(
      model: model, actual: actual, groups: groups, perfectRawGini: perfect, using: &rng, maxThreads: maxThreads)

    var rows = [FeatureImportance]()
    for (g, group) in groups.enumerated() {
      var giniDrops = [Double]()
      var rmseIncreases = [Double]()
      for shuffled in scores[(g * repeats)..<((g + 1) * repeats)] {
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

  /// The scores of every (group, repeat) unit in order (group g, repeat r at g · repeats + r).
  /// The permutations are drawn here in unit order, a round of units at a time (at most
  /// ``drawnEntries`` entries held), and each round's predictions run on ``WorkPool``, one
  /// copy of `model` per participant.
  func shuffledScores<Model: PermutedRowsModel>(
    model: Model, actual: [Double], groups: [FeatureGroup], perfectRawGini perfect: Double?,
    using rng: inout some RandomNumberGenerator, maxThreads: Int, drawnEntries: Int = Self.drawnEntries
  ) -> [(gini: Double?, rmse: Double?)] {
    let n = model.rows
    let units = groups.count * repeats
    let round = max(1, min(units, WorkPool.maximumUnits, drawnEntries / max(1, n)))
    let threads = max(1, min(maxThreads, WorkPool.shared.threadCount, round))
    var copies = [Model](repeating: model, count: threads)
    var scores = [(gini: Double?, rmse: Double?)](repeating: (nil, nil), count: units)
    var permutations = [[Int]](repeating: [Int](repeating: 0, count: n), count: round)
    for first in stride(from: 0, to: units, by: round) {
      let count = min(round, units - first)
      for u in 0..<count { Self.shuffle(&permutations[u], using: &rng) }
      copies.withUnsafeMutableBufferPointer { copies in
        scores.withUnsafeMutableBufferPointer { scores in
          WorkPool.shared.forEach(count, maxThreads: threads) { u, participant in
            let columns = groups[(first + u) / repeats].columns
            let predicted = copies[participant].predict(permuting: columns, by: permutations[u])
            scores[first + u] = Self.score(predicted, actual, perfectRawGini: perfect)
          }
        }
      }
    }
    return scores
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
