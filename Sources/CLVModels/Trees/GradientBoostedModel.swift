import CLVMath

/// A fitted ``GradientBoosting`` ensemble: predicts the mean on the response scale.
/// `Codable`: a JSON round trip reproduces predictions bit for bit.
package struct GradientBoostedModel: Sendable, Codable, Equatable {
  /// The settings it was fitted with.
  package let settings: GradientBoosting
  /// F₀, the starting score.
  package let baseScore: Double
  /// The trees kept (up to the best validation round).
  package let trees: [RegressionTree]
  /// Number of input features.
  package let featureCount: Int
  /// Mean training and validation loss after each round (round 0: F₀ alone).
  package let history: [EpochLoss]
  /// Rounds kept (the lowest validation loss).
  package let bestRound: Int

  /// Raw scores F(x) = F₀ + Σ trees, for the rows of `x` (rows, featureCount): through
  /// ``BinnedEnsemble`` (the same bits), else row by row.
  package func scores(_ x: Matrix) -> [Double] {
    precondition(x.columns == featureCount, "model expects \(featureCount) features, got \(x.columns)")
    if let binned = BinnedEnsemble(self) { return binned.scores(binned.codes(x)) }
    return rowScores(x)
  }

  /// ``scores(_:)`` one row at a time over the raw values (``RegressionTree/predict(_:)``).
  package func rowScores(_ x: Matrix) -> [Double] {
    precondition(x.columns == featureCount, "model expects \(featureCount) features, got \(x.columns)")
    var out = [Double](repeating: baseScore, count: x.rows)
    let shards = MLPShards(threads: settings.threads)
    out.withUnsafeMutableBufferPointer { out in
      x.values.withUnsafeBufferPointer { v in
        shards.run { s in
          for i in MLPShards.range(shard: s, rows: x.rows) {
            let row = v.baseAddress! + i * featureCount
            var f = baseScore
            for t in trees { f += t.predict(row) }
            out[i] = f
          }
        }
      }
    }
    return out
  }

  /// Predicted means for the rows of `x`.
  package func predict(_ x: Matrix) -> [Double] {
    scores(x).map { settings.loss.prediction(score: $0) }
  }

  /// Total split gain per feature over all trees (a "gain importance").
  package var gainByFeature: [Double] {
    var g = [Double](repeating: 0, count: featureCount)
    for t in trees {
      for k in 0..<t.nodeCount where t.left[k] >= 0 { g[Int(t.feature[k])] += t.gain[k] }
    }
    return g
  }
}
