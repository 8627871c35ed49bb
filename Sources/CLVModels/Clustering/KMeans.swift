import CLVMath

/// K-Means clustering hyperparameters; `fit` returns a ``KMeansModel``.
///
/// Minimises the inertia Σ_i ‖x_i − c_{label(i)}‖² by Lloyd's algorithm from greedy
/// k-means++ seeds, restarted `initCount` times; the restart with the lowest inertia
/// wins (the earliest on exact ties). This matches scikit-learn's
/// `KMeans(n_clusters, n_init, max_iter, tol, algorithm="lloyd")`, including its
/// relative tolerance: a run stops when Σ_c ‖c_new − c_old‖² ≤ tolerance · mean_j Var(x_j),
/// or when no label changes.
///
/// K-Means is scale-sensitive: standardise features first when their units differ.
///
/// References: Lloyd (1982), IEEE Trans. Inf. Theory 28(2); Arthur & Vassilvitskii
/// (2007), SODA (k-means++).
package struct KMeans: Sendable, Codable, Equatable {
  /// Number of clusters k (≥ 1).
  package var clusterCount: Int
  /// Number of seeded restarts (scikit-learn's `n_init`).
  package var initCount: Int
  /// Update-step budget per restart.
  package var maxIterations: Int
  /// Relative tolerance on the squared centroid shift (see the type's documentation).
  package var tolerance: Double

  /// Seeded restarts unless told otherwise (scikit-learn's default `n_init` before 1.4).
  package static let defaultRestarts = 10

  /// Creates the hyperparameters.
  package init(clusterCount: Int, initCount: Int = defaultRestarts, maxIterations: Int = 300, tolerance: Double = 1e-4)
  {
    precondition(clusterCount >= 1, "K-Means needs at least one cluster")
    precondition(initCount >= 1, "K-Means needs at least one restart")
    precondition(maxIterations >= 0 && tolerance >= 0, "iterations and tolerance must be ≥ 0")
    self.clusterCount = clusterCount
    self.initCount = initCount
    self.maxIterations = maxIterations
    self.tolerance = tolerance
  }

  /// Fits the clusters to `x` (shape (n, d), n ≥ k, finite values).
  ///
  /// Randomness: one 64-bit seed per restart is drawn from `rng` up front, and restart
  /// r seeds its k-means++ from `SplitMix64(seed:)` of the r-th draw. Restarts then run
  /// either one per core (data large enough, `initCount` ≥ 2) or one after another
  /// with the row blocks of each step spread over the cores; every loop reduces in a
  /// fixed block order, so both schedules — and any number of cores — give
  /// bit-identical models. Labels are put in canonical order (see ``KMeansModel``).
  package func fit(_ x: Matrix, using rng: inout some RandomNumberGenerator) -> KMeansModel {
    fit(x, restartsInParallel: nil, using: &rng)
  }

  /// ``fit(_:using:)`` with the schedule forced (nil: automatic); for tests.
  func fit(
    _ x: Matrix, restartsInParallel: Bool?, using rng: inout some RandomNumberGenerator
  ) -> KMeansModel {
    precondition(x.rows >= clusterCount, "K-Means needs at least as many rows as clusters")
    precondition(x.columns >= 1, "K-Means needs at least one feature")
    precondition(
      x.values.allSatisfy { $0.isFinite },
      "K-Means needs finite features: impute or drop missing values before clustering")
    let seeds = (0..<initCount).map { _ in rng.next() }
    // One restart per core pays off once a restart is much longer than a thread hop.
    let perCore =
      restartsInParallel ?? (initCount >= 2 && x.rows >= 4 * ClusteringRowBlocks.defaultBlockSize)
    let blocks = ClusteringRowBlocks(rows: x.rows, parallel: !perCore)
    let lloyd = KMeansLloyd(
      x: x, k: clusterCount, blocks: blocks, maxIterations: maxIterations,
      shiftTolerance: tolerance * Self.meanFeatureVariance(x))
    // Each restart keeps its centroids and diagnostics; labels are recomputed once for
    // the winner (the run ends with an assignment, so they are the same labels).
    var runs = [KMeansLloyd.Run?](repeating: nil, count: initCount)
    let restart = { (r: Int) -> KMeansLloyd.Run in
      var generator = SplitMix64(seed: seeds[r])
      var run = lloyd.run(
        from: KMeansPlusPlus.seed(x, clusterCount: clusterCount, blocks: blocks, using: &generator))
      run.labels = []
      return run
    }
    if perCore {
      runs.withUnsafeMutableBufferPointer { slots in
        let base = slots.baseAddress!
        ClusteringRowBlocks.concurrentForEach(initCount) { r in base[r] = restart(r) }
      }
    } else {
      for r in 0..<initCount { runs[r] = restart(r) }
    }
    // Lowest inertia wins; the earliest restart on exact ties.
    var best = 0
    for r in 1..<initCount where runs[r]?.inertia ?? .infinity < runs[best]?.inertia ?? .infinity {
      best = r
    }
    guard let winner = runs[best] else { preconditionFailure("every restart produces a run") }
    let centroids = Matrix(rows: clusterCount, columns: x.columns, values: winner.centroids)
    let provisional = KMeansModel(
      centroids: centroids, labels: [], inertia: winner.inertia, iterations: winner.iterations,
      converged: winner.converged, inertiaHistory: winner.inertiaHistory)
    return KMeansModel(
      canonicalising: centroids, labels: provisional.predict(x), inertia: winner.inertia,
      iterations: winner.iterations, converged: winner.converged,
      inertiaHistory: winner.inertiaHistory)
  }

  /// One Lloyd run on `x` from `centroids` ((k, d), e.g. the winner of a fit on a sample
  /// of `x`'s rows), without restarts: the usual way to carry clusters found on a sample
  /// to the full data (the update steps only lower the inertia from that start, see
  /// ``KMeansLloyd``). Deterministic, draws no random numbers; row blocks spread over the
  /// cores with a fixed reduction order, so any number of cores gives the same model.
  package func refine(_ x: Matrix, from centroids: Matrix) -> KMeansModel {
    precondition(
      centroids.rows == clusterCount && centroids.columns == x.columns, "one centroid per cluster, x's width")
    precondition(x.rows >= clusterCount, "K-Means needs at least as many rows as clusters")
    precondition(
      x.values.allSatisfy { $0.isFinite },
      "K-Means needs finite features: impute or drop missing values before clustering")
    let lloyd = KMeansLloyd(
      x: x, k: clusterCount, blocks: ClusteringRowBlocks(rows: x.rows, parallel: true), maxIterations: maxIterations,
      shiftTolerance: tolerance * Self.meanFeatureVariance(x))
    let run = lloyd.run(from: centroids.values)
    let fitted = Matrix(rows: clusterCount, columns: x.columns, values: run.centroids)
    return KMeansModel(
      canonicalising: fitted, labels: run.labels, inertia: run.inertia, iterations: run.iterations,
      converged: run.converged, inertiaHistory: run.inertiaHistory)
  }

  /// mean_j Var(x_j) with the population variance (divisor n), as scikit-learn's
  /// `np.mean(np.var(X, axis=0))`; two passes for accuracy.
  static func meanFeatureVariance(_ x: Matrix) -> Double {
    let n = x.rows
    let d = x.columns
    var mean = [Double](repeating: 0, count: d)
    var squares = [Double](repeating: 0, count: d)
    x.values.withUnsafeBufferPointer { p in
      for i in 0..<n { for j in 0..<d { mean[j] += p[i * d + j] } }
      for j in 0..<d { mean[j] /= Double(n) }
      for i in 0..<n {
        for j in 0..<d {
          let e = p[i * d + j] - mean[j]
          squares[j] += e * e
        }
      }
    }
    return squares.reduce(0, +) / Double(n * d)
  }
}
