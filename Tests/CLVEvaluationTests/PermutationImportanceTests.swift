import CLVFeatures
import CLVMath
import Testing

@testable import CLVEvaluation

@Suite struct PermutationImportanceTests {
  /// y = 3·x0 + small noise; x1, x2 pure noise; the model is predict = 3·x0.
  static func problem(n: Int) -> (x: Matrix, y: [Double]) {
    var rng = SplitMix64(seed: 21)
    var rows = [[Double]](), y = [Double]()
    for _ in 0..<n {
      let r = [rng.nextUniform(), rng.nextUniform(), rng.nextUniform()]
      rows.append(r)
      y.append(3 * r[0] + 0.1 * rng.nextUniform())
    }
    return (Matrix(rowArrays: rows), y)
  }

  static func model(_ x: Matrix) -> [Double] { (0..<x.rows).map { 3 * x[$0, 0] } }

  static let groups = [
    FeatureGroup(name: "x0", columns: [0]), FeatureGroup(name: "x1", columns: [1]),
    FeatureGroup(name: "x2", columns: [2]),
  ]

  @Test func findsTheInformativeFeature() throws {
    let (x, y) = Self.problem(n: 300)
    var rng = SplitMix64(seed: 4)
    let r = PermutationImportance(repeats: 5).compute(
      features: x, actual: y, groups: Self.groups, using: &rng, predict: Self.model)
    #expect(r.features.map(\.name) == ["x0", "x1", "x2"])
    // The fast scorer agrees with the full metric (tolerance 1e-12).
    let full = try #require(NormalizedGini.of(predicted: Self.model(x), actual: y))
    #expect(abs(try #require(r.baselineGini) - full) < 1e-12)
    let x0 = r.features[0]
    // Shuffling x0 destroys the ranking: Gini falls from ≈ 0.99 to ≈ 0 ± 0.1.
    #expect(try #require(x0.giniDropMean) > 0.7)
    #expect(try #require(x0.rmseIncreaseMean) > 1)
    #expect(x0.giniDrops.count == 5)
    for noise in r.features.dropFirst() {
      // The model ignores them: predictions are unchanged, so the drop is exactly 0 (tolerance 1e-12).
      #expect(abs(try #require(noise.giniDropMean)) < 1e-12)
      #expect(abs(try #require(noise.rmseIncreaseMean)) < 1e-12)
    }
  }

  @Test func deterministicForASeed() {
    let (x, y) = Self.problem(n: 100)
    var a = SplitMix64(seed: 8), b = SplitMix64(seed: 8)
    let pi = PermutationImportance(repeats: 3)
    let r1 = pi.compute(features: x, actual: y, groups: Self.groups, using: &a, predict: Self.model)
    let r2 = pi.compute(features: x, actual: y, groups: Self.groups, using: &b, predict: Self.model)
    #expect(r1 == r2)
  }

  @Test func shuffleDrawsLikeSeededShuffle() {
    var a = SplitMix64(seed: 99), b = SplitMix64(seed: 99)
    var fast = [Int](repeating: 7, count: 50)
    PermutationImportance.shuffle(&fast, using: &a)
    var reference = Array(0..<50)
    reference.seededShuffle(using: &b)
    #expect(fast == reference)
  }

  @Test func groupColumnsShareOnePermutation() throws {
    // Columns 1 and 2 are equal and the model uses 3·x0 + (x1 − x2): shuffled together,
    // x1 − x2 stays 0 and nothing changes; shuffled alone, the model breaks.
    let (base, y) = Self.problem(n: 200)
    var x = base
    for i in 0..<x.rows { x[i, 2] = x[i, 1] }
    let predict: (Matrix) -> [Double] = { m in (0..<m.rows).map { 3 * m[$0, 0] + 5 * (m[$0, 1] - m[$0, 2]) } }
    var rng = SplitMix64(seed: 2)
    let r = PermutationImportance(repeats: 2).compute(
      features: x, actual: y,
      groups: [FeatureGroup(name: "pair", columns: [1, 2]), FeatureGroup(name: "one", columns: [1])],
      using: &rng, predict: predict)
    let pair = try #require(r.features.first { $0.name == "pair" })
    let one = try #require(r.features.first { $0.name == "one" })
    #expect(abs(try #require(pair.giniDropMean)) < 1e-12)
    #expect(try #require(one.giniDropMean) > 0.1)
  }

  /// The shuffled predictions run on several threads, a round of drawn permutations at a
  /// time: the scores are those of drawing and predicting one unit after the other, bit for
  /// bit, for one thread, for every thread, and for rounds of 1, 2 and 7 units.
  @Test func parallelRoundsScoreLikeOneUnitAfterTheOther() {
    let (x, y) = Self.problem(n: 120)
    let pi = PermutationImportance(repeats: 3)
    let perfect = RankedSample(predicted: y, actual: y).flatMap { s in s.rawGini(order: s.byActual, weights: s.unitWeights) }
    // The reference: each unit's permutation drawn, predicted and scored in turn.
    var reference = [(gini: Double?, rmse: Double?)]()
    var rng = SplitMix64(seed: 13)
    var model = MatrixPermutedRows(features: x, predict: Self.model)
    var permutation = [Int](repeating: 0, count: x.rows)
    for group in Self.groups {
      for _ in 0..<pi.repeats {
        PermutationImportance.shuffle(&permutation, using: &rng)
        reference.append(
          PermutationImportance.score(
            model.predict(permuting: group.columns, by: permutation), y, perfectRawGini: perfect))
      }
    }
    let after = rng.next()
    func bits(_ s: [(gini: Double?, rmse: Double?)]) -> [UInt64?] {
      s.flatMap { [$0.gini?.bitPattern, $0.rmse?.bitPattern] }
    }
    for (threads, entries) in [(1, 1 << 21), (Int.max, 1 << 21), (Int.max, 120), (Int.max, 240), (Int.max, 840)] {
      var r = SplitMix64(seed: 13)
      let scores = pi.shuffledScores(
        model: MatrixPermutedRows(features: x, predict: Self.model), actual: y, groups: Self.groups,
        perfectRawGini: perfect, using: &r, maxThreads: threads, drawnEntries: entries)
      #expect(bits(scores) == bits(reference), "\(threads) threads, \(entries) entries a round")
      #expect(r.next() == after, "the generator is left where the serial draws leave it")
    }
    // And the whole result for one thread and for all of them.
    var a = SplitMix64(seed: 5), b = SplitMix64(seed: 5)
    let one = pi.compute(features: x, actual: y, groups: Self.groups, using: &a, maxThreads: 1, predict: Self.model)
    let all = pi.compute(features: x, actual: y, groups: Self.groups, using: &b, predict: Self.model)
    #expect(one == all)
  }
}
