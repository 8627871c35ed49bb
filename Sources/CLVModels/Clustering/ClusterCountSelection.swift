import CLVMath

/// One candidate k of a cluster-count search: its silhouette and inertia (the two
/// curves of the usual "silhouette and elbow" chart).
package struct ClusterCountCandidate: Sendable, Codable, Equatable {
  /// The number of clusters k.
  package let clusterCount: Int
  /// Silhouette score of the K-Means labels on the silhouette sample.
  package let silhouette: Double
  /// K-Means inertia on the fitting rows (all rows, or the fitting sample).
  package let inertia: Double
  /// Lloyd updates of the winning restart.
  package let iterations: Int
  /// Whether the winning restart converged.
  package let converged: Bool
}

/// The outcome of ``KMeans/chooseClusterCount(_:candidates:sampleSize:fitSampleSize:initCount:using:)``.
package struct ClusterCountSelection: Sendable, Codable, Equatable {
  /// The chosen k: the highest silhouette, the smallest k on exact ties.
  package let chosenClusterCount: Int
  /// Every candidate, by ascending k.
  package let candidates: [ClusterCountCandidate]
  /// Rows the silhouettes were computed on (min(n, sample size)).
  package let silhouetteSampleSize: Int
  /// Rows the candidate models were fitted on (min(n, fitting sample size)).
  package let fitRowCount: Int
  /// The K-Means model for the chosen k, fitted on all rows (no need to refit).
  package let model: KMeansModel
}

extension KMeans {
  /// Chooses the number of clusters by the silhouette criterion.
  ///
  /// Draws (from `rng`) a fitting sample of at most `fitSampleSize` rows, fits
  /// `KMeans(clusterCount: k, initCount:)` on it for every k in `candidates` (ascending),
  /// then scores every labeling on one shared sub-sample of at most `sampleSize` of
  /// those rows (distances computed once for all k). The winner is carried to all rows by
  /// one Lloyd run from its centroids (``KMeans/refine(_:from:)``; unless the fitting
  /// sample already is all rows) and returned as `model`. (Ten fresh restarts on all rows
  /// cost about as much as the whole search at 200,000 rows and land on the same
  /// clusters; see `reports/benchmarks.md`.)
  ///
  /// The silhouette of a sample estimates the full one with a standard error of about
  /// sd(s(i))/√sampleSize (≈ 0.005 for 5,000 rows); cluster structure found on 50,000
  /// random rows is that of the whole base up to sampling noise of the same order.
  ///
  /// References: Rousseeuw (1987), J. Comput. Appl. Math. 20; Kaufman & Rousseeuw
  /// (1990), *Finding Groups in Data*, §2.2 (choose the k of largest average silhouette).
  package static func chooseClusterCount(
    _ x: Matrix, candidates: ClosedRange<Int> = 2...10, sampleSize: Int = 5_000,
    fitSampleSize: Int = 50_000, initCount: Int = KMeans.defaultRestarts,
    using rng: inout some RandomNumberGenerator
  ) -> ClusterCountSelection {
    precondition(candidates.lowerBound >= 2, "the silhouette needs at least 2 clusters")
    precondition(
      x.rows > candidates.upperBound && fitSampleSize > candidates.upperBound,
      "need more rows (and a larger fitting sample) than the largest k")
    let fitRows = Silhouette.sampleRows(count: x.rows, sampleSize: fitSampleSize, using: &rng)
    let usesAllRows = fitRows.count == x.rows
    let fitX = usesAllRows ? x : x.selectingRows(fitRows)
    var models = [KMeansModel]()
    for k in candidates {
      models.append(KMeans(clusterCount: k, initCount: initCount).fit(fitX, using: &rng))
    }
    let rows = Silhouette.sampleRows(count: fitX.rows, sampleSize: sampleSize, using: &rng)
    let silhouettes = Silhouette.scores(
      fitX.selectingRows(rows), labelings: models.map { model in rows.map { model.labels[$0] } })
    var chosen = 0
    for m in models.indices where silhouettes[m] > silhouettes[chosen] { chosen = m }
    let table = models.indices.map { m in
      ClusterCountCandidate(
        clusterCount: models[m].clusterCount, silhouette: silhouettes[m],
        inertia: models[m].inertia, iterations: models[m].iterations,
        converged: models[m].converged)
    }
    let model =
      usesAllRows
      ? models[chosen]
      : KMeans(clusterCount: models[chosen].clusterCount, initCount: initCount).refine(
        x, from: models[chosen].centroids)
    return ClusterCountSelection(
      chosenClusterCount: model.clusterCount, candidates: table,
      silhouetteSampleSize: rows.count, fitRowCount: fitX.rows, model: model)
  }
}
