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
public struct KMeans: Sendable, Codable, Equatable {
  /// Number of clusters k (≥ 1).
  public var clusterCount: Int
  /// Number of seeded restarts (scikit-learn's `n_init`).
  public var initCount: Int
  /// Update-step budget per restart.
  public var maxIterations: Int
  /// Relative tolerance on the squared centroid shift (see the type's documentation).
  public var tolerance: Double

  /// Creates the hyperparameters.
  public init(clusterCount: Int, initCount: Int = 10, maxIterations: Int = 300, tolerance: Double = 1e-4) {
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
  /// All randomness (seeding of every restart) is drawn from `rng`, in restart order;
  /// the parallel loops reduce in a fixed block order, so the same data and seed give
  /// bit-identical models on any number of cores. Labels are put in canonical order
  /// (see ``KMeansModel``).
  public func fit(_ x: Matrix, using rng: inout some RandomNumberGenerator) -> KMeansModel {
    precondition(x.rows >= clusterCount, "K-Means needs at least as many rows as clusters")
    precondition(x.columns >= 1, "K-Means needs at least one feature")
    let blocks = ClusteringRowBlocks(rows: x.rows)
    let lloyd = KMeansLloyd(
      x: x, k: clusterCount, blocks: blocks, maxIterations: maxIterations,
      shiftTolerance: tolerance * Self.meanFeatureVariance(x))
    var run = lloyd.run(
      from: KMeansPlusPlus.seed(x, clusterCount: clusterCount, blocks: blocks, using: &rng))
    for _ in 1..<initCount {
      let seeds = KMeansPlusPlus.seed(x, clusterCount: clusterCount, blocks: blocks, using: &rng)
      let candidate = lloyd.run(from: seeds)
      if candidate.inertia < run.inertia { run = candidate }
    }
    return KMeansModel(
      canonicalising: Matrix(rows: clusterCount, columns: x.columns, values: run.centroids),
      labels: run.labels, inertia: run.inertia, iterations: run.iterations,
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
