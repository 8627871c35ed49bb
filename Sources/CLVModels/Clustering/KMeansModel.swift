import CLVMath

/// A fitted K-Means clustering: centroids, training labels and fit diagnostics.
///
/// Canonical label order: clusters are numbered by their centroids in lexicographic
/// order (first feature ascending, then the second on ties, …), so the numbering
/// depends only on where the clusters are, not on the seeding order. Equal seeds give
/// equal labels; two fits that find the same clusters number them alike.
package struct KMeansModel: Sendable, Codable, Equatable {
  /// (k, d) cluster centres, in canonical order.
  package let centroids: Matrix
  /// Cluster of each training row, in `0..<k`.
  package let labels: [Int]
  /// Σ_i ‖x_i − c_{label(i)}‖² on the training data (the within-cluster sum of squares).
  package let inertia: Double
  /// Lloyd update steps of the winning restart.
  package let iterations: Int
  /// Whether the winning restart met the tolerance within its budget.
  package let converged: Bool
  /// Inertia after each assignment step of the winning restart (length
  /// `iterations + 1`); non-increasing up to round-off.
  package let inertiaHistory: [Double]

  /// Number of clusters k.
  package var clusterCount: Int { centroids.rows }

  /// Rows in each cluster of the training data, shape (k).
  package var clusterSizes: [Int] {
    var sizes = [Int](repeating: 0, count: clusterCount)
    for l in labels { sizes[l] += 1 }
    return sizes
  }

  /// Creates a model from parts already in canonical order.
  package init(
    centroids: Matrix, labels: [Int], inertia: Double, iterations: Int, converged: Bool,
    inertiaHistory: [Double]
  ) {
    self.centroids = centroids
    self.labels = labels
    self.inertia = inertia
    self.iterations = iterations
    self.converged = converged
    self.inertiaHistory = inertiaHistory
  }

  /// Creates a model after renumbering the clusters into canonical order.
  init(
    canonicalising centroids: Matrix, labels: [Int], inertia: Double, iterations: Int,
    converged: Bool, inertiaHistory: [Double]
  ) {
    let k = centroids.rows
    let order = (0..<k).sorted { a, b in
      let ra = centroids.row(a)
      let rb = centroids.row(b)
      return ra.lexicographicallyPrecedes(rb) || (ra == rb && a < b)
    }
    var newLabel = [Int](repeating: 0, count: k)
    for (new, old) in order.enumerated() { newLabel[old] = new }
    self.init(
      centroids: centroids.selectingRows(order), labels: labels.map { newLabel[$0] },
      inertia: inertia, iterations: iterations, converged: converged,
      inertiaHistory: inertiaHistory)
  }

  /// Nearest centroid of each row of `x` (shape (m, d)), ties to the lowest index.
  package func predict(_ x: Matrix) -> [Int] {
    precondition(x.columns == centroids.columns, "predict needs the training feature count")
    let n = x.rows
    guard n > 0 else { return [] }
    let d = x.columns
    let k = clusterCount
    var labels = [Int](repeating: -1, count: n)
    var distances = [Double](repeating: 0, count: n)
    let blocks = ClusteringRowBlocks(rows: n)
    let centresT = KMeansKernels.transposed(centroids.values, k: k, d: d)
    x.values.withUnsafeBufferPointer { xp in
      centresT.withUnsafeBufferPointer { cp in
        labels.withUnsafeMutableBufferPointer { lp in
          distances.withUnsafeMutableBufferPointer { dp in
            let xb = xp.baseAddress!, cb = cp.baseAddress!
            let lb = lp.baseAddress!, db = dp.baseAddress!
            blocks.forEach { _, rows in
              _ = KMeansKernels.assign(
                x: xb, d: d, rows: rows, centresT: cb, k: k, labels: lb, distances: db,
                sums: nil, counts: nil)
            }
          }
        }
      }
    }
    return labels
  }
}
