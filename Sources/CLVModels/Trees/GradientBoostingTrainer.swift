import CLVMath

/// The boosting loop behind ``GradientBoosting/fit(x:y:validationX:validationY:using:)``:
/// bins, then per round gradients → row and feature sample → tree → scores → losses →
/// early stopping.
struct GradientBoostingTrainer {
  let settings: GradientBoosting
  let x: Matrix
  let y: [Double]
  let validationX: Matrix
  let validationY: [Double]

  init(settings: GradientBoosting, x: Matrix, y: [Double], validationX: Matrix, validationY: [Double]) {
    self.settings = settings
    self.x = x
    self.y = y
    self.validationX = validationX
    self.validationY = validationY
  }

  mutating func run(using rng: inout SplitMix64) -> GradientBoostedModel {
    let s = settings
    let n = x.rows
    let loss = s.loss
    // Bin edges from the training rows (an evenly spaced subset when there are many).
    let step = max(1, n / max(1, s.binningRows))
    let bins = FeatureBins.fit(
      x, rows: n > s.binningRows ? Array(Swift.stride(from: 0, to: n, by: step)) : nil, maxBins: s.maxBins)
    let binned = bins.binned(x)
    let shards = MLPShards(threads: s.threads)
    let grower = TreeGrower(growth: s.growth, data: binned, bins: bins, shards: shards)
    let base = loss.initialScore(labels: y)
    var score = [Double](repeating: base, count: n)
    var validationScore = [Double](repeating: base, count: validationY.count)
    var g = [Double](repeating: 0, count: n)
    var h = [Double](repeating: 0, count: n)
    var trees = [RegressionTree]()
    // The training loss of the scores and the next round's gradients come from one pass
    // (``BoostingLoss/lossAndDerivatives(label:score:)``, the same bits as separate ones).
    var history = [
      EpochLoss(
        epoch: 0, training: lossAndDerivatives(score, g: &g, h: &h, shards),
        validation: validationLoss(validationScore, shards))
    ]
    var best = (loss: history[0].validation ?? history[0].training, round: 0)
    let featureCount = x.columns
    let sampledFeatures = max(1, Int((s.featureSubsample * Double(featureCount)).rounded(.up)))
    var allFeatures = Array(0..<featureCount)
    for round in 1...s.maxRounds {
      let sample = Self.rowSample(n, share: s.rowSubsample, using: &rng)
      let features = Self.featureSample(&allFeatures, count: sampledFeatures, using: &rng)
      guard !sample.isEmpty else { continue }
      let (tree, splitBins, leafRows) = g.withUnsafeBufferPointer { g in
        h.withUnsafeBufferPointer { h in
          grower.grow(
            sample: sample, g: g.baseAddress!, h: h.baseAddress!, features: features, shrinkage: s.learningRate)
        }
      }
      trees.append(tree)
      // Every training row (sampled or not) moves by its leaf, once: the sampled rows by
      // the grower's leaf groups, the others by walking the binned tree.
      let grouped = grower.sampleRows
      score.withUnsafeMutableBufferPointer { score in
        sample.withUnsafeBufferPointer { sample in
          shards.run { part in
            if part == 0 {
              for (node, range) in leafRows.enumerated() where !range.isEmpty {
                let v = tree.value[node]
                for k in range { score[Int(grouped[k])] += v }
              }
            } else {
              var next = 0
              for i in 0..<n {
                if next < sample.count, Int(sample[next]) == i {
                  next += 1
                  continue
                }
                score[i] += tree.value[tree.leaf(binned: binned, row: i, splitBin: splitBins)]
              }
            }
          }
        }
      }
      let vx = validationX
      validationScore.withUnsafeMutableBufferPointer { vs in
        vx.values.withUnsafeBufferPointer { v in
          shards.run { part in
            for i in MLPShards.range(shard: part, rows: vs.count) {
              vs[i] += tree.predict(v.baseAddress! + i * featureCount)
            }
          }
        }
      }
      let record = EpochLoss(
        epoch: round, training: lossAndDerivatives(score, g: &g, h: &h, shards),
        validation: validationLoss(validationScore, shards))
      history.append(record)
      let monitored = record.validation ?? record.training
      if monitored < best.loss {
        best = (monitored, round)
      } else if round - best.round >= s.patience {
        break
      }
    }
    return GradientBoostedModel(
      settings: s, baseScore: base, trees: Array(trees.prefix(best.round)), featureCount: featureCount,
      history: history, bestRound: best.round)
  }

  /// Mean loss, summed over the two halves in order.
  private func meanLoss(_ labels: [Double], _ scores: [Double], _ shards: MLPShards) -> Double {
    guard !labels.isEmpty else { return .nan }
    var sums = (0.0, 0.0)
    let loss = settings.loss
    shards.run { part in
      var t = 0.0
      for i in MLPShards.range(shard: part, rows: labels.count) { t += loss.loss(label: labels[i], score: scores[i]) }
      if part == 0 { sums.0 = t } else { sums.1 = t }
    }
    return (sums.0 + sums.1) / Double(labels.count)
  }

  /// The training rows' mean loss at `scores` (as ``meanLoss(_:_:_:)``: each half summed in
  /// row order, then half 0 + half 1), with every row's gradient and Hessian written to
  /// `g` and `h` in the same pass.
  private func lossAndDerivatives(
    _ scores: [Double], g: inout [Double], h: inout [Double], _ shards: MLPShards
  ) -> Double {
    let n = y.count
    guard n > 0 else { return .nan }
    var sums = (0.0, 0.0)
    let (loss, y) = (settings.loss, self.y)
    g.withUnsafeMutableBufferPointer { g in
      h.withUnsafeMutableBufferPointer { h in
        shards.run { part in
          var t = 0.0
          for i in MLPShards.range(shard: part, rows: n) {
            let d = loss.lossAndDerivatives(label: y[i], score: scores[i])
            t += d.loss
            (g[i], h[i]) = (d.g, d.h)
          }
          if part == 0 { sums.0 = t } else { sums.1 = t }
        }
      }
    }
    return (sums.0 + sums.1) / Double(n)
  }

  private func validationLoss(_ scores: [Double], _ shards: MLPShards) -> Double? {
    validationY.isEmpty ? nil : meanLoss(validationY, scores, shards)
  }

  /// Rows kept with probability `share` each (all when share = 1), increasing.
  static func rowSample(_ n: Int, share: Double, using rng: inout SplitMix64) -> [Int32] {
    if share >= 1 { return (0..<n).map { Int32($0) } }
    var out = [Int32]()
    out.reserveCapacity(Int(Double(n) * share * 1.1) + 16)
    // 53-bit uniform against the share, one draw per row.
    let cut = UInt64(share * 9_007_199_254_740_992)
    for i in 0..<n where rng.next() >> 11 < cut { out.append(Int32(i)) }
    return out
  }

  /// `count` features drawn without replacement (partial Fisher–Yates), increasing.
  static func featureSample(_ all: inout [Int], count: Int, using rng: inout SplitMix64) -> [Int] {
    if count >= all.count { return Array(0..<all.count) }
    all.sort()
    for i in 0..<count {
      let j = i + Int(rng.next() % UInt64(all.count - i))
      all.swapAt(i, j)
    }
    return all.prefix(count).sorted()
  }
}
