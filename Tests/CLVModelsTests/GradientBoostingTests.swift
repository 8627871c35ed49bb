import CLVMath
import Foundation
import Testing

@testable import CLVModels

/// Histogram gradient boosting: a tree checked by hand, the losses' derivatives against
/// finite differences, monotone training loss, reproducibility and a known signal.
@Suite struct GradientBoostingTests {
  /// One feature x = 1…6 with labels 1, 1, 1, 5, 5, 6; squared loss, so F₀ = 19/6, gᵢ =
  /// F₀ − yᵢ, hᵢ = 1. With λ = 0 the root split's gain is ½(G_L²/n_L + G_R²/n_R): after
  /// x ≤ 3, G_L = 3·19/6 − 3 = 13/2 = −G_R, gain = ½·2·(169/4)/3 = 169/12; leaf values
  /// ∓13/6. The right child {4, 5, 6} splits next at x ≤ 5: G = 2·19/6 − 10 = −11/3 →
  /// value 11/6, and x = 6: G = 19/6 − 6 → value 17/6; gain ½((11/3)²/2 + (17/6)²/1 −
  /// (13/2)²/3) = 1/3. (Also checked by brute force over every split in plain Python.)
  @Test func stumpAndSecondSplitByHand() throws {
    let x = Matrix(rows: 6, columns: 1, values: [1, 2, 3, 4, 5, 6])
    let y: [Double] = [1, 1, 1, 5, 5, 6]
    let settings = GradientBoosting(
      loss: .squared, learningRate: 1, maxRounds: 1, growth: TreeGrowth(maxLeaves: 3, minLeafRows: 1, l2: 0),
      rowSubsample: 1, featureSubsample: 1)
    var rng = SplitMix64(seed: 1)
    let model = try settings.fit(x: x, y: y, validationX: Matrix(rows: 0, columns: 1), validationY: [], using: &rng)
    #expect(abs(model.baseScore - 19.0 / 6) < 1e-15)
    let t = try #require(model.trees.first)
    #expect(t.nodeCount == 5 && t.leafCount == 3)
    #expect(t.feature[0] == 0 && t.threshold[0] == 3.5)
    #expect(abs(t.gain[0] - 169.0 / 12) < 1e-12)
    let l = Int(t.left[0]), r = Int(t.right[0])
    #expect(t.left[l] < 0 && abs(t.value[l] - (-13.0 / 6)) < 1e-14)
    #expect(t.threshold[r] == 5.5 && abs(t.gain[r] - 1.0 / 3) < 1e-12)
    #expect(abs(t.value[Int(t.left[r])] - 11.0 / 6) < 1e-14)
    #expect(abs(t.value[Int(t.right[r])] - 17.0 / 6) < 1e-14)
    // Predictions: F₀ + leaf = the leaf means 1, 5, 6.
    let p = model.predict(x)
    for (a, b) in zip(p, [1.0, 1, 1, 5, 5, 6]) { #expect(abs(a - b) < 1e-13) }
  }

  /// A missing value with label 6 and λ = 1 (values from the brute-force script): F₀ =
  /// 25/7; best split x ≤ 3 with the missing row on the right, gain 13.38979591836735;
  /// leaf values −G/(H + 1): −1.9285714285714288 and 1.5428571428571429.
  @Test func missingValuesChooseTheirSideAndL2ShrinksLeaves() throws {
    let x = Matrix(rows: 7, columns: 1, values: [1, 2, 3, 4, 5, 6, .nan])
    let y: [Double] = [1, 1, 1, 5, 5, 6, 6]
    let settings = GradientBoosting(
      loss: .squared, learningRate: 1, maxRounds: 1, growth: TreeGrowth(maxLeaves: 2, minLeafRows: 1, l2: 1),
      rowSubsample: 1, featureSubsample: 1)
    var rng = SplitMix64(seed: 1)
    let model = try settings.fit(x: x, y: y, validationX: Matrix(rows: 0, columns: 1), validationY: [], using: &rng)
    let t = try #require(model.trees.first)
    #expect(t.threshold[0] == 3.5 && !t.missingLeft[0])
    #expect(abs(t.gain[0] - 13.38979591836735) < 1e-12)
    #expect(abs(t.value[Int(t.left[0])] - (-1.9285714285714288)) < 1e-14)
    #expect(abs(t.value[Int(t.right[0])] - 1.5428571428571429) < 1e-14)
    var row = [Double.nan]
    #expect(abs(t.predict(&row) - 1.5428571428571429) < 1e-14)
  }

  /// g = ∂L/∂F and h = ∂g/∂F by central differences (step 1e-5: truncation ~1e-10 ·
  /// |L‴|, rounding ~1e-11 · |L|/1e-5) → relative tolerance 1e-6.
  @Test(arguments: [
    BoostingLoss.tweedie(power: 1.5), .tweedie(power: 1.2), .tweedie(power: 1.8), .gamma, .logistic, .squared,
  ])
  func derivativesMatchFiniteDifferences(_ loss: BoostingLoss) {
    let labels: [Double] = loss == .gamma ? [0.3, 2, 40] : [0, 0.3, 2, 40]
    for y in labels {
      for f in [-2.0, -0.3, 0.5, 1.7, 3.2] {
        let e = 1e-5
        let d = loss.derivatives(label: y, score: f)
        let g = (loss.loss(label: y, score: f + e) - loss.loss(label: y, score: f - e)) / (2 * e)
        let h = (loss.derivatives(label: y, score: f + e).g - loss.derivatives(label: y, score: f - e).g) / (2 * e)
        #expect(abs(d.g - g) <= 1e-6 * max(1, abs(g)), "g, \(loss) y=\(y) F=\(f)")
        #expect(abs(d.h - h) <= 1e-6 * max(1, abs(h)), "h, \(loss) y=\(y) F=\(f)")
        #expect(d.h > 0)
      }
    }
  }

  /// The starting score minimises the mean loss: the derivative of Σ L(yᵢ, c) is 0 there.
  @Test(arguments: [BoostingLoss.tweedie(power: 1.5), .gamma, .logistic, .squared])
  func initialScoreIsTheConstantMinimiser(_ loss: BoostingLoss) {
    let y: [Double] = [0.5, 3, 0, 12, 1, 0, 7].map { loss == .gamma ? $0 + 1 : $0 }
    let c = loss.initialScore(labels: y)
    let slope = y.reduce(0) { $0 + loss.derivatives(label: $1, score: c).g }
    #expect(abs(slope) < 1e-12 * Double(y.count) * 12)
  }

  /// Compound Poisson–gamma spend with a mean driven by two of four features
  /// (log μ = 0.8·x₀ − 0.5·x₁ + 1), about 40% zeros.
  static func tweedieData(rows: Int, seed: UInt64) -> (x: Matrix, y: [Double], mean: [Double]) {
    var rng = SplitMix64(seed: seed)
    var x = [Double](), y = [Double](), mean = [Double]()
    for _ in 0..<rows {
      let f = (0..<4).map { _ in rng.nextNormal() }
      x += f
      let mu = exp(0.8 * f[0] - 0.5 * f[1] + 1)
      mean.append(mu)
      // N ~ Poisson(μ/2), each order ~ Gamma(2, 1): E[Y] = μ/2 · 2 = μ.
      let orders = rng.nextPoisson(mean: mu / 2)
      y.append((0..<orders).reduce(0) { acc, _ in acc + rng.nextGamma(shape: 2, scale: 1) })
    }
    return (Matrix(rows: rows, columns: 4, values: x), y, mean)
  }

  @Test func trainingLossFallsEveryRound() throws {
    let d = Self.tweedieData(rows: 2000, seed: 3)
    let settings = GradientBoosting(
      learningRate: 0.1, maxRounds: 60, growth: TreeGrowth(maxLeaves: 15, minLeafRows: 10), rowSubsample: 1,
      featureSubsample: 1)
    var rng = SplitMix64(seed: 9)
    let model = try settings.fit(x: d.x, y: d.y, validationX: Matrix(rows: 0, columns: 4), validationY: [], using: &rng)
    #expect(model.trees.count == 60)
    for (a, b) in zip(model.history, model.history.dropFirst()) {
      #expect(b.training < a.training, "round \(b.epoch): \(b.training) ≥ \(a.training)")
    }
  }

  @Test func recoversTheMeanAndStopsEarly() throws {
    let train = Self.tweedieData(rows: 6000, seed: 1)
    let valid = Self.tweedieData(rows: 2000, seed: 2)
    let test = Self.tweedieData(rows: 4000, seed: 4)
    var rng = SplitMix64(seed: 5)
    let settings = GradientBoosting(maxRounds: 2000, patience: 20)
    let model = try settings.fit(x: train.x, y: train.y, validationX: valid.x, validationY: valid.y, using: &rng)
    #expect(model.bestRound < 2000 && model.trees.count == model.bestRound)
    let p = model.predict(test.x)
    // Log-scale agreement with the true mean, and the total within 5%.
    let r = pearson(p.map { log($0) }, test.mean.map { log($0) })
    #expect(r > 0.95, "correlation of log predictions with log mean \(r)")
    let ratio = p.reduce(0, +) / test.mean.reduce(0, +)
    #expect(abs(ratio - 1) < 0.05, "total ratio \(ratio)")
  }

  @Test func sameSeedSameTreesWithOneOrTwoThreads() throws {
    let d = Self.tweedieData(rows: 3000, seed: 7)
    let v = Self.tweedieData(rows: 500, seed: 8)
    var a = GradientBoosting(maxRounds: 40, rowSubsample: 0.7, featureSubsample: 0.5)
    a.threads = 1
    var b = a
    b.threads = 2
    var r1 = SplitMix64(seed: 11), r2 = SplitMix64(seed: 11), r3 = SplitMix64(seed: 12)
    let m1 = try a.fit(x: d.x, y: d.y, validationX: v.x, validationY: v.y, using: &r1)
    let m2 = try b.fit(x: d.x, y: d.y, validationX: v.x, validationY: v.y, using: &r2)
    let m3 = try b.fit(x: d.x, y: d.y, validationX: v.x, validationY: v.y, using: &r3)
    #expect(m1.trees == m2.trees && m1.history == m2.history)
    #expect(m1.predict(v.x) == m2.predict(v.x))
    #expect(m3.trees != m2.trees, "another seed draws other samples")
  }

  /// The binned batch path (``BinnedEnsemble``) gives the row-by-row path's bits, with
  /// missing values on both sides of the splits, rows outside the training range and a
  /// block size that does not divide the rows; a permutation of one feature's codes equals
  /// predicting the rows with that raw column permuted.
  @Test func binnedBatchPredictionIsTheRowPathBitForBit() throws {
    var d = Self.tweedieData(rows: 3001, seed: 21)
    for i in Swift.stride(from: 0, to: d.x.rows, by: 7) { d.x[i, 1] = .nan }
    var rng = SplitMix64(seed: 2)
    let model = try GradientBoosting(maxRounds: 40, growth: TreeGrowth(maxLeaves: 15, minLeafRows: 10)).fit(
      x: d.x, y: d.y, validationX: Matrix(rows: 0, columns: 4), validationY: [], using: &rng)
    var test = Self.tweedieData(rows: 1001, seed: 22).x
    test[0, 0] = 1e9
    test[1, 0] = -1e9
    test[2, 2] = .nan
    let binned = try #require(BinnedEnsemble(model))
    let codes = binned.codes(test)
    #expect(binned.scores(codes) == model.rowScores(test))
    #expect(model.scores(test) == model.rowScores(test))
    var permutation = Array(0..<test.rows)
    permutation.seededShuffle(using: &rng)
    var permuted = test
    for i in 0..<test.rows { permuted[i, 0] = test[permutation[i], 0] }
    #expect(binned.scores(codes.permuting(features: [0], by: permutation)) == model.rowScores(permuted))
    #expect(binned.scores(codes.permuting(features: [0], by: permutation)) != model.rowScores(test))
  }

  /// The codes of a table large enough to be coded in blocks side by side (10,001 rows: units
  /// of whole 256-row blocks and a short last one) are each value's binary-search index of
  /// its feature's thresholds (the missing bin for NaN), and the scores of those codes are
  /// the row-by-row path's bits.
  @Test func blockedCodesAreEachValuesIndex() throws {
    var d = Self.tweedieData(rows: 3001, seed: 23)
    for i in Swift.stride(from: 0, to: d.x.rows, by: 9) { d.x[i, 3] = .nan }
    var rng = SplitMix64(seed: 5)
    let model = try GradientBoosting(maxRounds: 25, growth: TreeGrowth(maxLeaves: 15, minLeafRows: 10)).fit(
      x: d.x, y: d.y, validationX: Matrix(rows: 0, columns: 4), validationY: [], using: &rng)
    var test = Self.tweedieData(rows: 10_001, seed: 24).x
    for i in Swift.stride(from: 0, to: test.rows, by: 13) { test[i, i % 4] = .nan }
    let binned = try #require(BinnedEnsemble(model))
    let codes = binned.codes(test)
    var wrong = 0
    for i in 0..<test.rows {
      for j in 0..<4 {
        let v = test[i, j]
        let expected =
          v.isNaN ? FeatureBins.missingBin : UInt8(BinnedEnsemble.firstIndex(notBelow: v, in: binned.thresholds[j]))
        if codes.code(row: i, feature: j) != expected { wrong += 1 }
      }
    }
    #expect(wrong == 0, "\(wrong) codes differ from the binary search")
    #expect(binned.scores(codes).map(\.bitPattern) == model.rowScores(test).map(\.bitPattern))
  }

  /// Remembering every row's leaves and re-walking only the trees that split on a moved
  /// feature gives the full binned prediction of the permuted codes bit for bit, for each
  /// feature and for two at once, and some trees are really skipped.
  @Test func permutedScoresRewalkOnlyTheTreesAFeatureMoves() throws {
    var d = Self.tweedieData(rows: 2001, seed: 31)
    for i in Swift.stride(from: 0, to: d.x.rows, by: 5) { d.x[i, 2] = .nan }
    var rng = SplitMix64(seed: 4)
    let model = try GradientBoosting(maxRounds: 30, growth: TreeGrowth(maxLeaves: 4, minLeafRows: 10)).fit(
      x: d.x, y: d.y, validationX: Matrix(rows: 0, columns: 4), validationY: [], using: &rng)
    let binned = try #require(BinnedEnsemble(model))
    let codes = binned.codes(Self.tweedieData(rows: 777, seed: 32).x)
    let scorer = BinnedPermutedScores(ensemble: binned, codes: codes)
    #expect(scorer.predict(permuting: [], by: nil).map(\.bitPattern) == binned.predict(codes).map(\.bitPattern))
    var permutation = Array(0..<codes.rows)
    permutation.seededShuffle(using: &rng)
    for features in [[0], [1], [2], [3], [1, 3]] {
      let expected = binned.predict(codes.permuting(features: features, by: permutation))
      #expect(scorer.predict(permuting: features, by: permutation).map(\.bitPattern) == expected.map(\.bitPattern))
    }
    // Small trees split on few features: a feature leaves some trees alone.
    let skipped = (0..<4).map { f in scorer.treeFeatures.filter { !$0.contains(Int32(f)) }.count }
    #expect(skipped.contains { $0 > 0 && $0 < scorer.treeFeatures.count }, "trees without each feature: \(skipped)")
  }

  /// The branchless search of the codes finds the binary search's index for every kind of
  /// value: between, on and beyond the thresholds, infinities, signed zeros, empty lists.
  @Test func branchlessCodeIndexIsTheBinarySearchs() {
    var rng = SplitMix64(seed: 41)
    for count in [0, 1, 2, 3, 7, 64, 200, 254] {
      let v = Array(Set((0..<count * 3).map { _ in (rng.nextNormal() * 100).rounded() / 10 })).sorted().prefix(count)
      let thresholds = Array(v)
      var probes = thresholds + [-.infinity, .infinity, 0.0, -0.0, -1e300, 1e300]
      for _ in 0..<200 { probes.append(rng.nextNormal() * 20) }
      thresholds.withUnsafeBufferPointer { t in
        for x in probes {
          #expect(
            BinnedEnsemble.branchlessIndex(notBelow: x, in: t) == BinnedEnsemble.firstIndex(notBelow: x, in: thresholds),
            "\(x) in \(thresholds.count) thresholds")
        }
      }
    }
  }

  @Test func jsonRoundTripPredictsTheSameBits() throws {
    let d = Self.tweedieData(rows: 1500, seed: 13)
    var rng = SplitMix64(seed: 1)
    let model = try GradientBoosting(maxRounds: 30).fit(
      x: d.x, y: d.y, validationX: Matrix(rows: 0, columns: 4), validationY: [], using: &rng)
    let data = try JSONEncoder().encode(model)
    let back = try JSONDecoder().decode(GradientBoostedModel.self, from: data)
    #expect(back == model)
    #expect(back.predict(d.x) == model.predict(d.x))
  }

  @Test func hurdleRecoversPurchaseProbability() throws {
    let train = MLPTrainingTests.zilnData(rows: 6000, seed: 21)
    let valid = MLPTrainingTests.zilnData(rows: 1500, seed: 22)
    let test = MLPTrainingTests.zilnData(rows: 3000, seed: 23)
    var rng = SplitMix64(seed: 3)
    let model = try HurdleBoosting().fit(
      x: train.x, y: train.y, validationX: valid.x, validationY: valid.y, using: &rng)
    let p = model.predict(test.x)
    let error = zip(p.probability, test.p).map { abs($0 - $1) }.reduce(0, +) / Double(test.p.count)
    #expect(error < 0.05, "mean |p̂ − p| \(error)")
    let ratio = p.value.reduce(0, +) / test.mean.reduce(0, +)
    #expect(abs(ratio - 1) < 0.06, "total ratio \(ratio)")
  }

  /// The hurdle's two ensembles walk one binning of the rows on the union of their thresholds:
  /// the values are each ensemble's own prediction bit for bit (the row-by-row walk of the raw
  /// values too), on rows with missing values and beyond the training range, in a table large
  /// enough to be coded in blocks side by side; and the two ensembles do split on thresholds
  /// the other lacks, so the shared codes are not either one's own. (Without a shared list
  /// of at most 254 thresholds per feature the ensembles code the rows one by one.)
  @Test func hurdleSharedBinningIsEachEnsemblesOwnPrediction() throws {
    var train = MLPTrainingTests.zilnData(rows: 4000, seed: 25)
    for i in Swift.stride(from: 0, to: train.x.rows, by: 11) { train.x[i, 1] = .nan }
    let valid = MLPTrainingTests.zilnData(rows: 1000, seed: 26)
    var rng = SplitMix64(seed: 6)
    // 100 bins each, fitted on all rows and on the buyers: the union of the two ensembles'
    // thresholds fits the 254 codes (with 255 bins each it need not, and the ensembles are
    // then coded one by one, as before).
    let settings = GradientBoosting(maxRounds: 60, maxBins: 100)
    let model = try HurdleBoosting(purchase: settings, spend: settings).fit(
      x: train.x, y: train.y, validationX: valid.x, validationY: valid.y, using: &rng)
    var test = MLPTrainingTests.zilnData(rows: 9001, seed: 27).x
    for i in Swift.stride(from: 0, to: test.rows, by: 13) { test[i, i % test.columns] = .nan }
    test[0, 0] = 1e9
    test[1, 0] = -1e9
    let shared = try #require(BinnedEnsemble.sharedThresholds([model.purchase, model.spend]))
    let own = try #require(BinnedEnsemble.sharedThresholds([model.purchase]))
    #expect(shared != own && shared.indices.contains { shared[$0].count > own[$0].count })
    let p = model.predict(test)
    #expect(p.probability.map(\.bitPattern) == model.purchase.predict(test).map(\.bitPattern))
    #expect(p.spendIfPurchase.map(\.bitPattern) == model.spend.predict(test).map(\.bitPattern))
    let rowWise = model.spend.rowScores(test).map { model.spend.settings.loss.prediction(score: $0) }
    #expect(p.spendIfPurchase.map(\.bitPattern) == rowWise.map(\.bitPattern))
    #expect(p.value == zip(p.probability, p.spendIfPurchase).map { $0 * $1 })
  }

  /// A saved tree whose indices or values no fit produces is named, not followed: a child
  /// before its parent (a cycle), out of range, a feature the rows lack, an infinite leaf
  /// (JSON cannot carry one, a hand-built state can).
  @Test func binSearchCountsTheEdgesBelow() {
    // The select-based search against a linear count, on seeded increasing edges (0…254
    // of them) and values on, between and beyond the edges; and the loss-with-gradients
    // pass against the separate functions, bit for bit.
    var rng = SplitMix64(seed: 5)
    for trial in 0..<300 {
      let count = trial % 255
      var edges = [Double]()
      var next = rng.nextNormal()
      for _ in 0..<count {
        edges.append(next)
        next += 0.01 + rng.nextUniform()
      }
      let probes = edges + edges.map { $0 + 0.005 } + edges.map(\.nextDown) + [-1e300, 1e300, next + 1]
      for x in probes {
        let found = edges.withUnsafeBufferPointer { FeatureBins.firstIndex(notBelow: x, in: $0) }
        #expect(found == edges.filter { $0 < x }.count, "\(count) edges, x \(x)")
      }
    }
    for loss in [BoostingLoss.tweedie(power: 1.5), .gamma, .logistic, .squared] {
      for _ in 0..<2_000 {
        let (y, f) = (rng.nextUniform() < 0.3 ? 0 : exp(rng.nextNormal() * 2), rng.nextNormal() * 20)
        let both = loss.lossAndDerivatives(label: y, score: f)
        let d = loss.derivatives(label: y, score: f)
        #expect(
          both.loss.bitPattern == loss.loss(label: y, score: f).bitPattern && both.g.bitPattern == d.g.bitPattern
            && both.h.bitPattern == d.h.bitPattern, "\(loss) y \(y) F \(f)")
      }
    }
  }

  @Test func aTreeNoFitProducesIsNamed() {
    var tree = RegressionTree()
    _ = tree.addLeaf(value: 0, count: 3)
    let l = tree.addLeaf(value: -0.5, count: 1)
    let r = tree.addLeaf(value: 0.5, count: 2)
    tree.split(0, feature: 1, threshold: 2.5, missingLeft: true, left: l, right: r, gain: 1)
    #expect(tree.inconsistency(featureCount: 2) == nil)
    #expect(tree.inconsistency(featureCount: 1)?.contains("splits on feature 1 of 1") == true)
    var cycle = tree
    cycle.left[0] = 0
    #expect(cycle.inconsistency(featureCount: 2)?.contains("node 0 sends rows") == true)
    var outside = tree
    outside.right[0] = 3
    #expect(outside.inconsistency(featureCount: 2)?.contains("node 0 sends rows") == true)
    var infinite = tree
    infinite.value[2] = .infinity
    #expect(infinite.inconsistency(featureCount: 2)?.contains("leaf 2 is worth inf") == true)
    var short = tree
    short.gain.removeLast()
    #expect(short.inconsistency(featureCount: 2)?.contains("one entry per node") == true)
  }

  @Test func badDataThrowsTypedErrors() {
    var rng = SplitMix64(seed: 1)
    let empty = Matrix(rows: 0, columns: 2)
    #expect(throws: GradientBoostingError.noTrainingRows) {
      try GradientBoosting().fit(x: empty, y: [], validationX: empty, validationY: [], using: &rng)
    }
    let x = Matrix(rows: 2, columns: 1, values: [1, 2])
    #expect(throws: GradientBoostingError.invalidLabels) {
      try GradientBoosting().fit(x: x, y: [1, .nan], validationX: empty, validationY: [], using: &rng)
    }
    #expect(throws: GradientBoostingError.noTrainingRows) {
      try HurdleBoosting().fit(x: x, y: [0, 0], validationX: Matrix(rows: 0, columns: 1), validationY: [], using: &rng)
    }
  }

  private func pearson(_ a: [Double], _ b: [Double]) -> Double {
    let n = Double(a.count)
    let ma = a.reduce(0, +) / n, mb = b.reduce(0, +) / n
    var sab = 0.0, saa = 0.0, sbb = 0.0
    for (x, y) in zip(a, b) {
      sab += (x - ma) * (y - mb)
      saa += (x - ma) * (x - ma)
      sbb += (y - mb) * (y - mb)
    }
    return sab / (saa * sbb).squareRoot()
  }
}

/// The histogram grower against a direct best-first search written here from the gain
/// formula (every threshold between distinct values, no histograms, no subtraction).
@Suite struct TreeGrowerReferenceTests {
  struct Node { var rows: [Int]; var depth: Int }

  static func referenceTree(
    x: Matrix, g: [Double], h: [Double], growth: TreeGrowth
  ) -> [(feature: Int, threshold: Double, gain: Double)] {
    func best(_ rows: [Int]) -> (gain: Double, feature: Int, threshold: Double, left: [Int], right: [Int])? {
      let G = rows.reduce(0) { $0 + g[$1] }, H = rows.reduce(0) { $0 + h[$1] }
      let parent = 0.5 * G * G / (H + growth.l2)
      var out: (Double, Int, Double, [Int], [Int])?
      for j in 0..<x.columns {
        // Exact greedy search: rows sorted by the feature, a split between each pair of
        // distinct neighbouring values (Chen & Guestrin 2016, Algorithm 1).
        let sorted = rows.sorted { (x[$0, j], $0) < (x[$1, j], $1) }
        var gl = 0.0, hl = 0.0
        for k in 0..<(sorted.count - 1) {
          gl += g[sorted[k]]
          hl += h[sorted[k]]
          let a = x[sorted[k], j], b = x[sorted[k + 1], j]
          guard a < b, k + 1 >= growth.minLeafRows, sorted.count - k - 1 >= growth.minLeafRows else { continue }
          let gain = 0.5 * gl * gl / (hl + growth.l2) + 0.5 * (G - gl) * (G - gl) / (H - hl + growth.l2) - parent
          if gain > (out?.0 ?? growth.minSplitGain) + 1e-9 {
            out = (gain, j, a + (b - a) / 2, Array(sorted[...k]), Array(sorted[(k + 1)...]))
          }
        }
      }
      return out
    }
    var open = [Node(rows: Array(0..<x.rows), depth: 0)]
    var splits = [(Int, Double, Double)]()
    var leaves = 1
    while leaves < growth.maxLeaves {
      let candidates = open.enumerated().compactMap { i, n -> (Int, (Double, Int, Double, [Int], [Int]))? in
        n.depth < growth.maxDepth && n.rows.count >= 2 * growth.minLeafRows ? best(n.rows).map { (i, $0) } : nil
      }
      guard let pick = candidates.max(by: { $0.1.0 < $1.1.0 }) else { break }
      let node = open.remove(at: pick.0)
      splits.append((pick.1.1, pick.1.2, pick.1.0))
      open += [Node(rows: pick.1.3, depth: node.depth + 1), Node(rows: pick.1.4, depth: node.depth + 1)]
      leaves += 1
    }
    return splits
  }

  @Test(arguments: [1, 2])
  func matchesADirectSearch(threads: Int) {
    var rng = SplitMix64(seed: 17)
    // 2,000 rows × 34 features: large enough for both halves to run on two threads
    // (TreeGrower.parallelWork). Rounded values: fewer than 255 distinct per feature, so
    // every bin edge is exact.
    let rows = 2_000, columns = 34
    let values = (0..<(rows * columns)).map { _ in (rng.nextNormal() * 6).rounded() / 2 }
    let x = Matrix(rows: rows, columns: columns, values: values)
    let g = (0..<rows).map { i in x[i, 3] > 1 ? -2 + rng.nextNormal() : 1 + 0.5 * x[i, 7] + rng.nextNormal() }
    let h = (0..<rows).map { _ in 0.5 + rng.nextUniform() }
    let growth = TreeGrowth(maxLeaves: 8, maxDepth: 4, minLeafRows: 10, l2: 1)
    let bins = FeatureBins.fit(x)
    let grower = TreeGrower(growth: growth, data: bins.binned(x), bins: bins, shards: MLPShards(threads: threads))
    let tree = g.withUnsafeBufferPointer { gp in
      h.withUnsafeBufferPointer { hp in
        grower.grow(
          sample: (0..<rows).map { Int32($0) }, g: gp.baseAddress!, h: hp.baseAddress!, features: Array(0..<columns),
          shrinkage: 1
        ).tree
      }
    }
    let reference = Self.referenceTree(x: x, g: g, h: h, growth: growth)
    // Splits in the order they were made: nodes are appended in that order. Thresholds
    // may differ where a node has no rows between two bin edges (same partition), so
    // features and gains are compared.
    let splits = (0..<tree.nodeCount).filter { tree.left[$0] >= 0 }.sorted { tree.left[$0] < tree.left[$1] }
    #expect(splits.count == reference.count)
    for (k, r) in zip(splits, reference) {
      #expect(
        Int(tree.feature[k]) == r.feature && abs(tree.gain[k] - r.gain) < 1e-9 * max(1, r.gain),
        "node \(k): feature \(tree.feature[k]) ≤ \(tree.threshold[k]) gain \(tree.gain[k]); reference \(r)")
    }
  }
}
