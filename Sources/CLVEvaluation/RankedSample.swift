/// Predictions and actuals with their two rank orders computed once.
///
/// Every metric is computed here with integer multiplicities `weights` (customer i
/// counted `weights[i]` times). The plain metrics use weights of 1; the bootstrap
/// draws multiplicities instead of copying arrays, so a resample costs O(n) instead
/// of two O(n log n) sorts. A weighted walk over the stable order equals the plain
/// computation on the expanded sample in which customer i is repeated in place,
/// because copies of one customer are adjacent in that sample's stable order.
struct RankedSample {
  /// Model predictions, finite.
  let predicted: [Double]
  /// Observed values, finite.
  let actual: [Double]
  /// Indices by prediction, largest first, ties in input order.
  let byPrediction: [Int]
  /// Indices by actual, largest first (the perfect ranking).
  let byActual: [Int]

  /// `actual` and `predicted` in ``byPrediction`` order, and `actual` in ``byActual`` order:
  /// the walks over an order read them in sequence instead of gathering them.
  let actualByPrediction: [Double]
  let predictedByPrediction: [Double]
  let actualByActual: [Double]
  /// Where each run of equal predictions (in ``byPrediction``) and of equal actuals (in
  /// ``byActual``) ends: positions in the order, ascending, the last one `count`.
  let predictionRunEnds: [Int]
  let actualRunEnds: [Int]

  /// Ranks the sample; `nil` when any value is not finite.
  init?(predicted: [Double], actual: [Double]) {
    precondition(predicted.count == actual.count, "predicted and actual must have the same length")
    guard predicted.allSatisfy(\.isFinite), actual.allSatisfy(\.isFinite) else { return nil }
    self.predicted = predicted
    self.actual = actual
    let byPrediction = RankOrder.descending(predicted)
    let byActual = RankOrder.descending(actual)
    self.byPrediction = byPrediction
    self.byActual = byActual
    actualByPrediction = byPrediction.map { actual[$0] }
    predictedByPrediction = byPrediction.map { predicted[$0] }
    actualByActual = byActual.map { actual[$0] }
    predictionRunEnds = RankOrder.runEnds(predictedByPrediction)
    actualRunEnds = RankOrder.runEnds(actualByActual)
  }

  /// `weights` in ``byPrediction`` and in ``byActual`` order (what the ordered walks read).
  func ordered(_ weights: [Int]) -> (byPrediction: [Int], byActual: [Int]) {
    (byPrediction.map { weights[$0] }, byActual.map { weights[$0] })
  }

  /// Number of customers.
  var count: Int { predicted.count }

  /// Weights of 1 for every customer.
  var unitWeights: [Int] { [Int](repeating: 1, count: predicted.count) }

  /// Raw Gini of the ranking `order`: 2·mean(gain) − 1, gain_k = (Σ_{j≤k} y_j) / Σ y.
  ///
  /// A customer of weight w whose predecessors hold C contributes the gains
  /// C + y, C + 2y, …, C + w·y, i.e. w·C + y·w(w+1)/2 to Σ gain·total.
  /// Returns `nil` when the weighted total actual is not positive.
  func rawGini(order: [Int], weights: [Int]) -> Double? {
    Self.rawGini(actual: order.map { actual[$0] }, weights: order.map { weights[$0] })
  }

  /// ``rawGini(order:weights:)`` of actuals and weights already in the order's sequence.
  static func rawGini(actual: [Double], weights: [Int]) -> Double? {
    var total = 0.0
    var n = 0
    for k in actual.indices {
      total += Double(weights[k]) * actual[k]
      n += weights[k]
    }
    guard total > 0, n > 0 else { return nil }
    var cumulative = 0.0
    var gainSum = 0.0
    for k in actual.indices {
      let w = Double(weights[k])
      guard w > 0 else { continue }
      gainSum += w * cumulative + actual[k] * w * (w + 1) / 2
      cumulative += w * actual[k]
    }
    let meanGain = gainSum / (total * Double(n))
    return 2 * meanGain - 1
  }

  /// Normalized Gini: raw Gini of the model order / raw Gini of the perfect order;
  /// `nil` when either is undefined or the perfect one is not positive.
  func normalizedGini(weights: [Int]) -> Double? {
    normalizedGini(ordered: ordered(weights))
  }

  /// ``normalizedGini(weights:)`` from the weights in both orders (``ordered(_:)``).
  func normalizedGini(ordered w: (byPrediction: [Int], byActual: [Int])) -> Double? {
    guard let model = Self.rawGini(actual: actualByPrediction, weights: w.byPrediction),
      let perfect = Self.rawGini(actual: actualByActual, weights: w.byActual), perfect > 0
    else { return nil }
    return model / perfect
  }

  /// Per-decile counts and sums over the prediction order: group g (0 = highest
  /// predictions) holds weighted positions ⌊g·N/10⌋ ..< ⌊(g+1)·N/10⌋; a customer
  /// whose copies straddle a boundary is split between groups.
  func decileSums(weights: [Int]) -> [(count: Int, predicted: Double, actual: Double)] {
    decileSums(byPrediction: byPrediction.map { weights[$0] })
  }

  /// ``decileSums(weights:)`` from the weights in prediction order.
  func decileSums(byPrediction weights: [Int]) -> [(count: Int, predicted: Double, actual: Double)] {
    var groups = [(count: Int, predicted: Double, actual: Double)](repeating: (0, 0, 0), count: 10)
    let n = weights.reduce(0, +)
    var g = 0
    var position = 0
    func end(_ g: Int) -> Int { (g + 1) * n / 10 }
    for k in weights.indices {
      var w = weights[k]
      while w > 0 {
        while g < 9 && position >= end(g) { g += 1 }
        let take = min(w, end(g) - position)
        groups[g].count += take
        groups[g].predicted += Double(take) * predictedByPrediction[k]
        groups[g].actual += Double(take) * actualByPrediction[k]
        position += take
        w -= take
      }
    }
    return groups
  }

  /// Share of Σ actual held by the first ⌈N/10⌉ weighted positions of the prediction
  /// order (N = Σ weights); `nil` when the total is not positive.
  func topDecileCapture(weights: [Int]) -> Double? {
    topDecileCapture(byPrediction: byPrediction.map { weights[$0] })
  }

  /// ``topDecileCapture(weights:)`` from the weights in prediction order.
  func topDecileCapture(byPrediction weights: [Int]) -> Double? {
    let n = weights.reduce(0, +)
    let k = (n + 9) / 10
    var total = 0.0, top = 0.0
    var taken = 0
    for p in weights.indices where weights[p] > 0 {
      let w = weights[p]
      total += Double(w) * actualByPrediction[p]
      let take = min(w, k - taken)
      if take > 0 {
        top += Double(take) * actualByPrediction[p]
        taken += take
      }
    }
    guard total > 0 else { return nil }
    return top / total
  }

  /// Spearman's ρ with average ranks: the weighted Pearson correlation of the ranks.
  func spearman(weights: [Int]) -> Double? {
    spearman(weights: weights, ordered: ordered(weights))
  }

  /// ``spearman(weights:)`` with the weights also in both orders (``ordered(_:)``).
  func spearman(weights: [Int], ordered w: (byPrediction: [Int], byActual: [Int])) -> Double? {
    let rp = RankOrder.averageRanks(order: byPrediction, runEnds: predictionRunEnds, orderedWeights: w.byPrediction)
    let ra = RankOrder.averageRanks(order: byActual, runEnds: actualRunEnds, orderedWeights: w.byActual)
    return Correlation.weightedPearson(rp, ra, weights: weights)
  }
}
