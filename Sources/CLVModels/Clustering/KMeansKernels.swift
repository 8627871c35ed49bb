/// The hot loops of K-Means, on raw pointers into row-major storage.
///
/// Squared Euclidean distances are computed directly as Σ_j (x_j − c_j)²: with the
/// handful of features of this project, the ‖x‖² − 2x·c + ‖c‖² expansion saves no
/// work without a BLAS GEMM and loses accuracy by cancellation for points near a
/// centroid. Ties go to the lowest cluster index (strict `<`).
enum KMeansKernels {
  /// Nearest centroid of each row in `rows`, its squared distance, and (optionally)
  /// the per-cluster coordinate sums and counts of the block.
  ///
  /// - Parameters:
  ///   - x: (n, d) data; `centroids`: (k, d).
  ///   - labels, distances: (n) outputs, written only at `rows`.
  ///   - sums: (k, d) block accumulator, zeroed here; `counts`: (k), zeroed here.
  /// - Returns: the block's inertia Σ distances and the number of labels that changed
  ///   from the values `labels` held before.
  @inline(__always)
  static func assign(
    x: UnsafePointer<Double>, d: Int, rows: Range<Int>,
    centroids: UnsafePointer<Double>, k: Int,
    labels: UnsafeMutablePointer<Int>, distances: UnsafeMutablePointer<Double>,
    sums: UnsafeMutablePointer<Double>?, counts: UnsafeMutablePointer<Int>?
  ) -> (inertia: Double, changed: Int) {
    if let sums { sums.initialize(repeating: 0, count: k * d) }
    if let counts { counts.initialize(repeating: 0, count: k) }
    var inertia = 0.0
    var changed = 0
    for i in rows {
      let row = x + i * d
      var best = 0
      var bestDistance = Double.infinity
      for c in 0..<k {
        let centre = centroids + c * d
        var s = 0.0
        for j in 0..<d {
          let diff = row[j] - centre[j]
          s += diff * diff
        }
        if s < bestDistance {
          bestDistance = s
          best = c
        }
      }
      if labels[i] != best { changed += 1 }
      labels[i] = best
      distances[i] = bestDistance
      inertia += bestDistance
      if let sums, let counts {
        let target = sums + best * d
        for j in 0..<d { target[j] += row[j] }
        counts[best] += 1
      }
    }
    return (inertia, changed)
  }

  /// Squared distance from each row in `rows` to `centre` (d), lowered to
  /// `closest[i]` when that is smaller, written to `out`; returns the block's Σ out.
  ///
  /// This is the k-means++ potential update: D(x)² = min over chosen centres.
  @inline(__always)
  static func closestUpdate(
    x: UnsafePointer<Double>, d: Int, rows: Range<Int>, centre: UnsafePointer<Double>,
    closest: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>
  ) -> Double {
    var total = 0.0
    for i in rows {
      let row = x + i * d
      var s = 0.0
      for j in 0..<d {
        let diff = row[j] - centre[j]
        s += diff * diff
      }
      let m = min(s, closest[i])
      out[i] = m
      total += m
    }
    return total
  }
}
