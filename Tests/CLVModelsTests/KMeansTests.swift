import Foundation
import Testing

@testable import CLVMath
@testable import CLVModels

@Suite struct KMeansTests {
  @Test func recoversWellSeparatedBlobs() {
    let (x, truth) = ClusteringTestData.fourBlobs()
    var rng = SplitMix64(seed: 7)
    let model = KMeans(clusterCount: 4).fit(x, using: &rng)
    #expect(AdjustedRandIndex.score(model.labels, truth) >= 0.99)
    #expect(model.converged)
    #expect(model.clusterSizes == [100, 100, 100, 100])
  }

  /// Hand-computed: 1-D points {0, 1, 10, 11} with k = 2 give centroids 0.5 and 10.5 and
  /// inertia 4 × 0.5² = 1.
  @Test func tinyHandComputedCase() {
    let x = Matrix(rowArrays: [[10], [0], [11], [1]])
    var rng = SplitMix64(seed: 3)
    let model = KMeans(clusterCount: 2, initCount: 3).fit(x, using: &rng)
    #expect(model.centroids == Matrix(rowArrays: [[0.5], [10.5]]))
    #expect(model.labels == [1, 0, 1, 0])
    #expect(abs(model.inertia - 1) < 1e-15)
  }

  /// Lloyd's inertia never increases (relative slack 1e-12 for round-off), on data with
  /// no structure, where runs take many steps.
  @Test(arguments: [3, 8])
  func inertiaNeverIncreases(k: Int) {
    let x = ClusteringTestData.uniform(n: 2_000, d: 2, seed: 11)
    var rng = SplitMix64(seed: 5)
    let model = KMeans(clusterCount: k, initCount: 2, tolerance: 0).fit(x, using: &rng)
    #expect(model.inertiaHistory.count == model.iterations + 1)
    #expect(model.iterations >= 3)
    for t in 1..<model.inertiaHistory.count {
      #expect(model.inertiaHistory[t] <= model.inertiaHistory[t - 1] * (1 + 1e-12))
    }
    #expect(model.inertiaHistory.last == model.inertia)
  }

  @Test func sameSeedSameModel() {
    let x = ClusteringTestData.uniform(n: 1_500, d: 3, seed: 2)
    var a = SplitMix64(seed: 99)
    var b = SplitMix64(seed: 99)
    let m1 = KMeans(clusterCount: 5, initCount: 3).fit(x, using: &a)
    let m2 = KMeans(clusterCount: 5, initCount: 3).fit(x, using: &b)
    #expect(m1 == m2)
  }

  /// Canonical order: centroids are sorted lexicographically, so a different seed that
  /// finds the same clusters also numbers them the same.
  @Test func canonicalLabelOrder() {
    let (x, _) = ClusteringTestData.fourBlobs(seed: 4)
    var a = SplitMix64(seed: 1)
    var b = SplitMix64(seed: 2)
    let m1 = KMeans(clusterCount: 4).fit(x, using: &a)
    let m2 = KMeans(clusterCount: 4).fit(x, using: &b)
    #expect(m1.labels == m2.labels)
    for c in 1..<4 { #expect(m1.centroids.row(c - 1).lexicographicallyPrecedes(m1.centroids.row(c))) }
  }

  @Test func predictMatchesTrainingLabelsAndNewPoints() {
    let (x, _) = ClusteringTestData.fourBlobs()
    var rng = SplitMix64(seed: 8)
    let model = KMeans(clusterCount: 4).fit(x, using: &rng)
    #expect(model.predict(x) == model.labels)
    // Probes near the blob centres (0,0,0), (10,0,0), (0,0,10), (0,10,0) go to the
    // clusters of those blobs' training rows (rows 0, 100, 300, 200).
    let probes = Matrix(rowArrays: [[0.2, -0.1, 0.3], [9, 1, 0], [0, 0, 9], [1, 8, 0]])
    let expected = [model.labels[0], model.labels[100], model.labels[300], model.labels[200]]
    #expect(model.predict(probes) == expected)
    #expect(Set(expected).count == 4)
    #expect(model.predict(Matrix(rows: 0, columns: 3)) == [])
  }

  /// Empty-cluster handling, hand-traced: data {0, 1, 2, 10, 11, 12} from centroids
  /// {0, 11, 100}. The third cluster starts empty; the farthest row from its centroid is
  /// 2 (D² = 4), taken from cluster 0 (3 rows). Then cluster 0 = {0, 1} (mean 0.5),
  /// cluster 1 = {10, 11, 12} (mean 11), cluster 2 = {2}; the next assignment changes
  /// nothing. Inertia 0.25 + 0.25 + 0 + 1 + 0 + 1 = 2.5.
  @Test func emptyClusterIsReseededAtTheFarthestPoint() {
    let x = Matrix(rowArrays: [[0], [1], [2], [10], [11], [12]])
    let lloyd = KMeansLloyd(
      x: x, k: 3, blocks: ClusteringRowBlocks(rows: 6), maxIterations: 10, shiftTolerance: 0)
    let run = lloyd.run(from: [0, 11, 100])
    #expect(run.labels == [0, 0, 2, 1, 1, 1])
    #expect(run.centroids == [0.5, 11, 2])
    #expect(abs(run.inertia - 2.5) < 1e-14)
    #expect(run.converged)
    let firstInertia: Double = 0 + 1 + 4 + 1 + 0 + 1
    #expect(run.inertiaHistory.first == firstInertia)
  }

  /// A one-step budget on structureless data stops early: `converged` is false, no crash.
  @Test func nonConvergenceIsReported() {
    let x = ClusteringTestData.uniform(n: 1_000, d: 2, seed: 3)
    var rng = SplitMix64(seed: 1)
    let model = KMeans(clusterCount: 6, initCount: 1, maxIterations: 1, tolerance: 0)
      .fit(x, using: &rng)
    #expect(!model.converged)
    #expect(model.iterations == 1)
  }

  /// Blocks split across threads give the same result as one block (fixed reduction order).
  @Test func parallelBlocksMatchSingleBlock() {
    let x = ClusteringTestData.uniform(n: 6_000, d: 2, seed: 6)
    var rng = SplitMix64(seed: 4)
    let seeds = KMeansPlusPlus.seed(
      x, clusterCount: 4, blocks: ClusteringRowBlocks(rows: 6_000), using: &rng)
    let many = KMeansLloyd(
      x: x, k: 4, blocks: ClusteringRowBlocks(rows: 6_000, blockSize: 500),
      maxIterations: 50, shiftTolerance: 0
    ).run(from: seeds)
    let one = KMeansLloyd(
      x: x, k: 4, blocks: ClusteringRowBlocks(rows: 6_000, blockSize: 6_000),
      maxIterations: 50, shiftTolerance: 0
    ).run(from: seeds)
    #expect(many.labels == one.labels)
    #expect(abs(many.inertia - one.inertia) <= 1e-9 * one.inertia)
  }

  /// Restarts one per core or one after another (blocks spread over cores): the same
  /// model, bit for bit.
  @Test func restartScheduleDoesNotChangeTheModel() {
    let x = ClusteringTestData.uniform(n: 3_000, d: 3, seed: 17)
    var a = SplitMix64(seed: 5)
    var b = SplitMix64(seed: 5)
    let perCore = KMeans(clusterCount: 4, initCount: 4).fit(x, restartsInParallel: true, using: &a)
    let serial = KMeans(clusterCount: 4, initCount: 4).fit(x, restartsInParallel: false, using: &b)
    #expect(perCore == serial)
    #expect(perCore.predict(x) == perCore.labels)
  }

  @Test func modelRoundTripsThroughJSON() throws {
    let (x, _) = ClusteringTestData.fourBlobs(perCluster: 10)
    var rng = SplitMix64(seed: 2)
    let model = KMeans(clusterCount: 4, initCount: 2).fit(x, using: &rng)
    let decoded = try JSONDecoder().decode(KMeansModel.self, from: JSONEncoder().encode(model))
    #expect(decoded == model)
  }
}

@Suite struct KMeansBoundsTests {
  /// Hamerly's bounds only skip work: from the same seeds, the bounded and the plain
  /// Lloyd runs give identical labels, centroids, inertia history and step counts
  /// (exact equality: the per-row arithmetic is the same), for k on the SIMD widths.
  @Test(arguments: [2, 3, 5, 9])
  func boundedRunMatchesPlainLloyd(k: Int) {
    let x = ClusteringTestData.uniform(n: 800, d: 3, seed: UInt64(30 + k))
    var rng = SplitMix64(seed: UInt64(k))
    let blocks = ClusteringRowBlocks(rows: x.rows, blockSize: 300)
    let seeds = KMeansPlusPlus.seed(x, clusterCount: k, blocks: blocks, using: &rng)
    var plain = KMeansLloyd(x: x, k: k, blocks: blocks, maxIterations: 40, shiftTolerance: 0)
    plain.useBounds = false
    let bounded = KMeansLloyd(x: x, k: k, blocks: blocks, maxIterations: 40, shiftTolerance: 0)
    let a = plain.run(from: seeds)
    let b = bounded.run(from: seeds)
    #expect(a.iterations >= 3)
    #expect(a.labels == b.labels)
    #expect(a.centroids == b.centroids)
    #expect(a.inertiaHistory == b.inertiaHistory)
    #expect(a.iterations == b.iterations && a.converged == b.converged)
  }

  /// s_c and the lower-bound shifts on a hand-checkable case: centres 0, 4, 10 on a
  /// line give half gaps 2, 2, 3; moves (1, 3, 2) give shifts (3, 2, 3).
  @Test func boundHelpers() {
    #expect(KMeansLloyd.halfGaps([0, 4, 10], k: 3, d: 1) == [2, 2, 3])
    #expect(KMeansLloyd.lowerBoundShifts([1, 3, 2]) == [3, 2, 3])
  }
}
