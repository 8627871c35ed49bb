import Foundation
import Testing

@testable import CLVMath
@testable import CLVModels

@Suite struct ClusteringQualityTests {
  /// Hand-computed silhouette, 1-D points 0, 2 (cluster 0) and 10, 14 (cluster 1):
  ///   x=0:  a = 2, b = (10 + 14)/2 = 12, s = (12 − 2)/12 = 5/6
  ///   x=2:  a = 2, b = (8 + 12)/2 = 10,  s = (10 − 2)/10 = 4/5
  ///   x=10: a = 4, b = (10 + 8)/2 = 9,   s = (9 − 4)/9   = 5/9
  ///   x=14: a = 4, b = (14 + 12)/2 = 13, s = (13 − 4)/13 = 9/13
  ///   score = (5/6 + 4/5 + 5/9 + 9/13)/4 ≈ 0.720299
  @Test func silhouetteHandComputed() {
    let x = Matrix(rowArrays: [[0], [2], [10], [14]])
    let expected = (5.0 / 6 + 4.0 / 5 + 5.0 / 9 + 9.0 / 13) / 4
    #expect(abs(Silhouette.score(x, labels: [0, 0, 1, 1]) - expected) < 1e-15)
  }

  /// A singleton cluster scores s = 0 (Rousseeuw's convention). Points 0, 2 | 10, 14 | 100:
  ///   x=0:  a = 2, b = min(12, 100) = 12 → 5/6;   x=2: a = 2, b = min(10, 98) → 4/5
  ///   x=10: a = 4, b = min(9, 90) → 5/9;          x=14: a = 4, b = min(13, 86) → 9/13
  ///   x=100: singleton → 0; score = (5/6 + 4/5 + 5/9 + 9/13)/5
  @Test func silhouetteSingletonCountsAsZero() {
    let x = Matrix(rowArrays: [[0], [2], [10], [14], [100]])
    let expected = (5.0 / 6 + 4.0 / 5 + 5.0 / 9 + 9.0 / 13) / 5
    #expect(abs(Silhouette.score(x, labels: [0, 0, 1, 1, 2]) - expected) < 1e-15)
    #expect(Silhouette.score(x, labels: [0, 0, 0, 0, 0]) == 0)
  }

  /// A sample no smaller than the data is the exact score; a 300-row sample of 1,200
  /// blob rows is within 0.05 of it. The sampled score has two error sources: which
  /// s(i) are averaged (standard error ≈ sd(s(i))/√300 ≈ 0.17/17 ≈ 0.010; sd from an
  /// equivalent NumPy sample, exact score there 0.553) and a(i),
  /// b(i) being means over the sample only; 0.05 allows both (this seed: 0.030).
  @Test func sampledSilhouetteEstimatesTheExactOne() {
    let (x, truth) = ClusteringTestData.blobs(
      centres: [[0, 0], [4, 0], [0, 4]], perCluster: 400, spread: 1, seed: 9)
    let exact = Silhouette.score(x, labels: truth)
    var rng = SplitMix64(seed: 1)
    #expect(Silhouette.score(x, labels: truth, sampleSize: 5_000, using: &rng) == exact)
    let sampled = Silhouette.score(x, labels: truth, sampleSize: 300, using: &rng)
    #expect(abs(sampled - exact) < 0.05)
  }

  @Test func sampleRowsAreDistinctSortedAndSeeded() {
    var a = SplitMix64(seed: 5)
    var b = SplitMix64(seed: 5)
    let s1 = Silhouette.sampleRows(count: 1_000, sampleSize: 100, using: &a)
    let s2 = Silhouette.sampleRows(count: 1_000, sampleSize: 100, using: &b)
    #expect(s1 == s2)
    #expect(s1.count == 100 && Set(s1).count == 100 && s1 == s1.sorted())
  }

  /// Values from scikit-learn's documentation of `adjusted_rand_score`, re-derived by
  /// hand in the type's formula: ([0,0,1,1], [0,1,0,1]) → −0.5 and
  /// ([0,0,1,2], [0,0,1,1]) → (1 − 1/3)/(3/2 − 1/3) = 4/7.
  @Test func adjustedRandIndexReferenceValues() {
    #expect(AdjustedRandIndex.score([0, 0, 1, 1], [1, 1, 0, 0]) == 1)
    #expect(abs(AdjustedRandIndex.score([0, 0, 1, 1], [0, 1, 0, 1]) + 0.5) < 1e-15)
    #expect(abs(AdjustedRandIndex.score([0, 0, 1, 2], [0, 0, 1, 1]) - 4.0 / 7) < 1e-15)
    #expect(AdjustedRandIndex.score([3, 3, 3], [1, 1, 1]) == 1)
  }

  /// Four clear blobs: the silhouette peaks at k = 4 and the elbow table is complete.
  @Test func chooseClusterCountFindsTheTrueK() {
    let (x, truth) = ClusteringTestData.fourBlobs(perCluster: 60, seed: 12)
    var rng = SplitMix64(seed: 3)
    let selection = KMeans.chooseClusterCount(
      x, candidates: 2...6, sampleSize: 200, initCount: 3, using: &rng)
    #expect(selection.chosenClusterCount == 4)
    #expect(selection.candidates.map(\.clusterCount) == [2, 3, 4, 5, 6])
    #expect(selection.silhouetteSampleSize == 200)
    #expect(selection.model.clusterCount == 4)
    #expect(AdjustedRandIndex.score(selection.model.labels, truth) >= 0.99)
    // Inertia falls with k (each k's best restart on well-separated data).
    let inertias = selection.candidates.map(\.inertia)
    for i in 1..<inertias.count { #expect(inertias[i] < inertias[i - 1]) }
    #expect(selection.fitRowCount == 240)
  }

  /// With a fitting sample smaller than the data, the candidates are fitted on the
  /// sample and the chosen k is refitted on all rows.
  @Test func chooseClusterCountOnAFittingSample() {
    let (x, truth) = ClusteringTestData.fourBlobs(perCluster: 150, seed: 13)
    var rng = SplitMix64(seed: 8)
    let selection = KMeans.chooseClusterCount(
      x, candidates: 2...5, sampleSize: 150, fitSampleSize: 200, initCount: 2, using: &rng)
    #expect(selection.fitRowCount == 200)
    #expect(selection.chosenClusterCount == 4)
    #expect(selection.model.labels.count == 600)
    #expect(AdjustedRandIndex.score(selection.model.labels, truth) >= 0.99)
  }

  /// Carrying a sample's clusters to all rows by one Lloyd run (what the search does
  /// beyond its fitting sample) lands where ten fresh restarts on all rows land:
  /// overlapping blobs (spread 1.2, centres 3 apart, so labels are not trivial), a
  /// 10-restart fit on a 1/6 sample refined on the 3,600 rows has an inertia within 0.5%
  /// of the 10-restart fit on all rows and labels that agree (ARI ≥ 0.95); the refinement
  /// only lowers the sample centroids' inertia on all rows, and is deterministic.
  @Test func refiningASampleFitMatchesAFullFit() {
    let (x, _) = ClusteringTestData.blobs(
      centres: [[0, 0], [3, 0], [0, 3], [3, 3], [6, 0], [6, 3]], perCluster: 600, spread: 1.2, seed: 21)
    var rng = SplitMix64(seed: 4)
    let kmeans = KMeans(clusterCount: 6)
    let sample = x.selectingRows(Silhouette.sampleRows(count: x.rows, sampleSize: 600, using: &rng))
    let onSample = kmeans.fit(sample, using: &rng)
    let refined = kmeans.refine(x, from: onSample.centroids)
    let full = kmeans.fit(x, using: &rng)
    #expect(refined.labels.count == x.rows)
    #expect(abs(refined.inertia / full.inertia - 1) < 0.005)
    #expect(AdjustedRandIndex.score(refined.labels, full.labels) >= 0.95)
    let start = KMeans(clusterCount: 6, maxIterations: 0).refine(x, from: onSample.centroids)
    #expect(refined.inertia <= start.inertia)
    #expect(kmeans.refine(x, from: onSample.centroids) == refined)
  }
}
