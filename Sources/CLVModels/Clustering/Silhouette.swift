import CLVMath

/// The silhouette coefficient of a clustering: how much closer each point is to its
/// own cluster than to the next-nearest one.
///
/// For point i in cluster A: a(i) = mean Euclidean distance to the other points of A,
/// b(i) = min over clusters B ≠ A of the mean distance to the points of B, and
/// s(i) = (b − a) / max(a, b), with s(i) = 0 when A has one point. The score is the
/// mean of s(i), in [−1, 1]; higher means tighter, better separated clusters. It is
/// 0 by convention when fewer than two clusters are non-empty (nothing to separate).
/// Exact O(n² d) computation in double precision; `sampleSize` variants score a seeded
/// subsample (as scikit-learn's `silhouette_score(sample_size=)`).
///
/// Reference: Rousseeuw (1987), "Silhouettes: a graphical aid to the interpretation
/// and validation of cluster analysis", J. Comput. Appl. Math. 20.
package enum Silhouette {
  /// Exact silhouette score of `labels` (n, values ≥ 0) on `x` (n, d).
  package static func score(_ x: Matrix, labels: [Int]) -> Double {
    scores(x, labelings: [labels])[0]
  }

  /// Silhouette score on at most `sampleSize` rows drawn without replacement from
  /// `rng` (all rows, and no draws, when n ≤ `sampleSize`).
  package static func score(
    _ x: Matrix, labels: [Int], sampleSize: Int, using rng: inout some RandomNumberGenerator
  ) -> Double {
    let rows = sampleRows(count: x.rows, sampleSize: sampleSize, using: &rng)
    return score(x.selectingRows(rows), labels: rows.map { labels[$0] })
  }

  /// `sampleSize` distinct row indices of `0..<count`, ascending, by a partial
  /// Fisher–Yates shuffle driven by `rng` (every subset equally likely).
  package static func sampleRows(
    count: Int, sampleSize: Int, using rng: inout some RandomNumberGenerator
  ) -> [Int] {
    precondition(sampleSize >= 1, "sample size must be positive")
    guard count > sampleSize else { return Array(0..<count) }
    var indices = Array(0..<count)
    for i in 0..<sampleSize {
      let j = i + Int(rng.next() % UInt64(count - i))
      indices.swapAt(i, j)
    }
    return indices[0..<sampleSize].sorted()
  }

  /// Exact silhouette scores of several labelings of the same rows, sharing the
  /// O(n² d) distance work: each row's distances are computed once and accumulated
  /// per cluster for every labeling.
  package static func scores(_ x: Matrix, labelings: [[Int]]) -> [Double] {
    let n = x.rows
    let d = x.columns
    let l = labelings.count
    precondition(labelings.allSatisfy { $0.count == n }, "one label per row")
    precondition(labelings.allSatisfy { $0.allSatisfy { $0 >= 0 } }, "labels must be ≥ 0")
    guard n > 0 else { return [Double](repeating: 0, count: l) }
    let clusterCounts = labelings.map { ($0.max() ?? 0) + 1 }
    let sizes: [[Int]] = zip(labelings, clusterCounts).map { labels, k in
      var s = [Int](repeating: 0, count: k)
      for c in labels { s[c] += 1 }
      return s
    }
    // s: (l, n) silhouette of each row under each labeling.
    var s = [Double](repeating: 0, count: l * n)
    // Small blocks: each row costs O(n d), so balance matters more than overhead.
    let blocks = ClusteringRowBlocks(rows: n, blockSize: 32)
    x.values.withUnsafeBufferPointer { xp in
      s.withUnsafeMutableBufferPointer { sp in
        let xb = xp.baseAddress!
        let out = sp.baseAddress!
        blocks.forEach { _, rows in
          var distance = [Double](repeating: 0, count: n)
          var sums = [Double](repeating: 0, count: clusterCounts.max() ?? 1)
          for i in rows {
            let xi = xb + i * d
            for j in 0..<n {
              let xj = xb + j * d
              var t = 0.0
              for f in 0..<d {
                let e = xi[f] - xj[f]
                t += e * e
              }
              distance[j] = t.squareRoot()
            }
            for m in 0..<l {
              out[m * n + i] = rowSilhouette(
                i, distance, labelings[m], sizes[m], sums: &sums)
            }
          }
        }
      }
    }
    return (0..<l).map { m in
      let nonEmpty = sizes[m].filter { $0 > 0 }.count
      guard nonEmpty >= 2 else { return 0 }
      var total = 0.0
      for i in 0..<n { total += s[m * n + i] }  // row order: deterministic
      return total / Double(n)
    }
  }

  /// s(i) from row i's distances to all rows (see the type's documentation).
  private static func rowSilhouette(
    _ i: Int, _ distance: [Double], _ labels: [Int], _ sizes: [Int], sums: inout [Double]
  ) -> Double {
    let k = sizes.count
    for c in 0..<k { sums[c] = 0 }
    for j in 0..<distance.count { sums[labels[j]] += distance[j] }
    let own = labels[i]
    guard sizes[own] > 1 else { return 0 }
    let a = sums[own] / Double(sizes[own] - 1)  // d(i, i) = 0 is in the sum
    var b = Double.infinity
    for c in 0..<k where c != own && sizes[c] > 0 { b = min(b, sums[c] / Double(sizes[c])) }
    guard b.isFinite else { return 0 }
    let denominator = max(a, b)
    return denominator > 0 ? (b - a) / denominator : 0
  }
}
