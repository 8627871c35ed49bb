extension RankedSample {
  /// All ``RegressionMetrics`` for the sample with multiplicities `weights`.
  ///
  /// Errors and totals are plain weighted sums (n = Σ weights); the ranking metrics
  /// walk the precomputed orders. See ``RegressionMetrics`` for the `nil` rules.
  func metrics(weights: [Int]) -> RegressionMetrics {
    let n = weights.reduce(0, +)
    guard n > 0 else { return RegressionMetrics(count: 0) }
    let nd = Double(n)

    // First pass: totals and error sums.
    var sumP = 0.0, sumA = 0.0, sumSq = 0.0, sumAbs = 0.0
    for i in 0..<count where weights[i] > 0 {
      let w = Double(weights[i])
      let r = predicted[i] - actual[i]
      sumP += w * predicted[i]
      sumA += w * actual[i]
      sumSq += w * r * r
      sumAbs += w * abs(r)
    }
    let meanA = sumA / nd
    // Second pass: total sum of squares about the mean (two-pass for accuracy).
    var ssTot = 0.0
    for i in 0..<count where weights[i] > 0 {
      let d = actual[i] - meanA
      ssTot += Double(weights[i]) * d * d
    }

    var m = RegressionMetrics(count: n)
    m.mse = sumSq / nd
    m.rmse = (sumSq / nd).squareRoot()
    m.mae = sumAbs / nd
    m.r2 = ssTot > 0 ? 1 - sumSq / ssTot : nil
    m.totalPredicted = sumP
    m.totalActual = sumA
    m.totalRatio = sumA != 0 ? sumP / sumA : nil
    m.meanActual = meanA
    m.meanPredicted = sumP / nd
    // The weights in both orders once, for every walk over an order.
    let w = ordered(weights)
    m.normalizedGini = normalizedGini(ordered: w)
    m.spearman = spearman(weights: weights, ordered: w)
    m.pearson = Correlation.weightedPearson(predicted, actual, weights: weights)

    m.topDecileCapture = topDecileCapture(byPrediction: w.byPrediction)
    if n >= 10 {
      let deciles = decileSums(byPrediction: w.byPrediction)
      m.decileMAPE = DecileTable.mape(
        deciles.map { ($0.count, $0.predicted, $0.actual) })
    }
    return m.undefiningOverflow()
  }
}
