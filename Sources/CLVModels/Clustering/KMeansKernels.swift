/// The hot loops of K-Means, on raw pointers into row-major storage.
///
/// Squared Euclidean distances are computed directly as Σ_j (x_j − c_j)²: with the
/// handful of features of this project, the ‖x‖² − 2x·c + ‖c‖² expansion saves no
/// work without a BLAS GEMM and loses accuracy by cancellation for points near a
/// centroid. Speed comes from the layout instead: centres are passed transposed,
/// (d, k), and each row's distances to all k centres are accumulated together, so the
/// innermost loop runs over centres with k independent sums (vectorisable, no
/// floating-point dependency chain along the features). Ties go to the lowest index.
enum KMeansKernels {
  /// (k, d) row-major centres → (d, k) row-major, the layout the kernels read.
  static func transposed(_ centres: [Double], k: Int, d: Int) -> [Double] {
    var t = [Double](repeating: 0, count: k * d)
    for c in 0..<k { for j in 0..<d { t[j * k + c] = centres[c * d + j] } }
    return t
  }

  /// Squared distances from row `row` (d) to all k centres `centresT` (d, k), into
  /// `out` (k).
  @inline(__always)
  static func distances(
    row: UnsafePointer<Double>, d: Int, centresT: UnsafePointer<Double>, k: Int,
    out: UnsafeMutablePointer<Double>
  ) {
    out.update(repeating: 0, count: k)
    for j in 0..<d {
      let xj = row[j]
      let cj = centresT + j * k
      for c in 0..<k {
        let e = xj - cj[c]
        out[c] += e * e
      }
    }
  }

  /// Nearest centre of each row in `rows`, its squared distance, and (optionally)
  /// the per-cluster coordinate sums and counts of the block.
  ///
  /// - Parameters:
  ///   - x: (n, d) data; `centresT`: (d, k) transposed centres.
  ///   - labels, distances: (n) outputs, written only at `rows`.
  ///   - sums: (k, d) block accumulator, zeroed here; `counts`: (k), zeroed here.
  /// - Returns: the block's inertia Σ distances and the number of labels that changed
  ///   from the values `labels` held before.
  static func assign(
    x: UnsafePointer<Double>, d: Int, rows: Range<Int>,
    centresT: UnsafePointer<Double>, k: Int,
    labels: UnsafeMutablePointer<Int>, distances: UnsafeMutablePointer<Double>,
    sums: UnsafeMutablePointer<Double>?, counts: UnsafeMutablePointer<Int>?
  ) -> (inertia: Double, changed: Int) {
    if let sums { sums.update(repeating: 0, count: k * d) }
    if let counts { counts.update(repeating: 0, count: k) }
    return withUnsafeTemporaryAllocation(of: Double.self, capacity: k) { scratch in
      let dist = scratch.baseAddress!
      var inertia = 0.0
      var changed = 0
      for i in rows {
        let row = x + i * d
        Self.distances(row: row, d: d, centresT: centresT, k: k, out: dist)
        var best = 0
        var bestDistance = dist[0]
        for c in 1..<k where dist[c] < bestDistance {
          bestDistance = dist[c]
          best = c
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
  }

  /// For m candidate centres `candidatesT` (d, m): out[t·n + i] = min(closest[i],
  /// ‖x_i − candidate_t‖²) for each row in `rows`, and blockSums[t] = Σ_rows of it.
  ///
  /// This is the greedy k-means++ potential of every candidate in one pass.
  static func candidatePotentials(
    x: UnsafePointer<Double>, n: Int, d: Int, rows: Range<Int>,
    candidatesT: UnsafePointer<Double>, m: Int, closest: UnsafePointer<Double>,
    out: UnsafeMutablePointer<Double>, blockSums: UnsafeMutablePointer<Double>
  ) {
    blockSums.update(repeating: 0, count: m)
    withUnsafeTemporaryAllocation(of: Double.self, capacity: m) { scratch in
      let dist = scratch.baseAddress!
      for i in rows {
        distances(row: x + i * d, d: d, centresT: candidatesT, k: m, out: dist)
        let current = closest[i]
        for t in 0..<m {
          let v = min(dist[t], current)
          out[t * n + i] = v
          blockSums[t] += v
        }
      }
    }
  }
}
