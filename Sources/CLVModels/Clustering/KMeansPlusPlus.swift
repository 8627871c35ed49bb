import CLVMath
import Foundation

/// Greedy k-means++ seeding.
///
/// The first centre is a uniformly drawn row; each next centre is chosen among
/// `2 + ⌊ln k⌋` candidates drawn with probability D(x)² / Σ D(x)² (D = distance to the
/// nearest centre so far), keeping the candidate that lowers the potential Σ D(x)²
/// most. Plain k-means++ is O(log k)-competitive in expectation; the greedy variant
/// is what scikit-learn uses and gives better seeds in practice.
///
/// References: Arthur & Vassilvitskii (2007), "k-means++: the advantages of careful
/// seeding", SODA; Celebi, Kingravi & Vela (2013), "A comparative study of efficient
/// initialization methods for the k-means clustering algorithm", Expert Systems with
/// Applications 40(1) (greedy variant).
enum KMeansPlusPlus {
  /// Returns k initial centroids, shape (k, d), as row-major storage.
  ///
  /// All randomness comes from `rng`; the potential sums are reduced per fixed row
  /// block in block order, so the result does not depend on the thread count.
  static func seed(
    _ x: Matrix, clusterCount k: Int, blocks: ClusteringRowBlocks,
    using rng: inout some RandomNumberGenerator
  ) -> [Double] {
    let n = x.rows
    let d = x.columns
    let trials = 2 + Int(log(Double(k)))
    var centres = [Double](repeating: 0, count: k * d)
    // closest: (n) D(x)² of the current centres; trial: (n) scratch for a candidate.
    var closest = [Double](repeating: .infinity, count: n)
    var trial = [Double](repeating: 0, count: n)
    var closestBlockSums = [Double](repeating: 0, count: blocks.count)
    var trialBlockSums = [Double](repeating: 0, count: blocks.count)

    let first = Int(rng.next() % UInt64(n))
    x.values.withUnsafeBufferPointer { xp in
      let xb = xp.baseAddress!
      for j in 0..<d { centres[j] = xb[first * d + j] }
      potential(xb, d, blocks, centre: xb + first * d, closest: closest, out: &trial,
                blockSums: &trialBlockSums)
      swap(&closest, &trial)
      swap(&closestBlockSums, &trialBlockSums)

      for c in 1..<max(1, k) {
        var bestPotential = Double.infinity
        var bestIndex = -1
        // candidate buffers: the best candidate's D² lives in `best`/`bestSums`.
        var best = [Double]()
        var bestSums = [Double]()
        let total = closestBlockSums.reduce(0, +)
        for _ in 0..<trials {
          let candidate = sample(closest: closest, blockSums: closestBlockSums, total: total,
                                 blocks: blocks, using: &rng)
          potential(xb, d, blocks, centre: xb + candidate * d, closest: closest, out: &trial,
                    blockSums: &trialBlockSums)
          let p = trialBlockSums.reduce(0, +)
          if p < bestPotential {
            bestPotential = p
            bestIndex = candidate
            if best.isEmpty {
              best = trial
              bestSums = trialBlockSums
            } else {
              swap(&best, &trial)
              swap(&bestSums, &trialBlockSums)
            }
          }
        }
        for j in 0..<d { centres[c * d + j] = xb[bestIndex * d + j] }
        closest = best
        closestBlockSums = bestSums
      }
    }
    return centres
  }

  /// out[i] = min(closest[i], ‖x_i − centre‖²) for all rows, with per-block sums.
  private static func potential(
    _ x: UnsafePointer<Double>, _ d: Int, _ blocks: ClusteringRowBlocks,
    centre: UnsafePointer<Double>, closest: [Double], out: inout [Double],
    blockSums: inout [Double]
  ) {
    closest.withUnsafeBufferPointer { cp in
      out.withUnsafeMutableBufferPointer { op in
        blockSums.withUnsafeMutableBufferPointer { sp in
          let c = cp.baseAddress!
          let o = op.baseAddress!
          let s = sp.baseAddress!
          blocks.forEach { b, rows in
            s[b] = KMeansKernels.closestUpdate(
              x: x, d: d, rows: rows, centre: centre, closest: c, out: o)
          }
        }
      }
    }
  }

  /// Draws a row index with probability closest[i] / total: picks the block by its
  /// cumulative sum, then the row inside it. Falls back to a uniform draw when every
  /// point already coincides with a centre (total = 0).
  private static func sample(
    closest: [Double], blockSums: [Double], total: Double, blocks: ClusteringRowBlocks,
    using rng: inout some RandomNumberGenerator
  ) -> Int {
    let n = closest.count
    guard total > 0, total.isFinite else { return Int(rng.next() % UInt64(n)) }
    var target = rng.nextUniform() * total
    var block = blocks.count - 1
    for b in 0..<blocks.count {
      if target < blockSums[b] {
        block = b
        break
      }
      target -= blockSums[b]
    }
    // Inside the block; round-off may leave a sliver at the end, so remember the last
    // row with positive weight as the answer in that case.
    var lastPositive = -1
    for i in blocks.range(block) where closest[i] > 0 {
      lastPositive = i
      if target < closest[i] { return i }
      target -= closest[i]
    }
    if lastPositive >= 0 { return lastPositive }
    // The chosen block has no weight (only possible through round-off): take the last
    // row with positive weight anywhere.
    return closest.lastIndex { $0 > 0 } ?? 0
  }
}
