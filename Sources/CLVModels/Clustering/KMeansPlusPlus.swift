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
    // closest: (n) D(x)² to the chosen centres; candidate: (trials, n) D² if each
    // candidate were added; blockSums: (blocks) per-block Σ closest.
    var closest = [Double](repeating: .infinity, count: n)
    var candidate = [Double](repeating: 0, count: trials * n)
    var blockSums = [Double](repeating: 0, count: blocks.count)
    var candidateBlockSums = [Double](repeating: 0, count: blocks.count * trials)

    x.values.withUnsafeBufferPointer { xp in
      let xb = xp.baseAddress!
      for c in 0..<k {
        // The first centre is uniform; later ones are D²-sampled candidates.
        let picks: [Int]
        if c == 0 {
          picks = [Int(rng.next() % UInt64(n))]
        } else {
          let total = blockSums.reduce(0, +)
          picks = (0..<trials).map { _ in
            sample(closest: closest, blockSums: blockSums, total: total, blocks: blocks, using: &rng)
          }
        }
        let m = picks.count
        // candidatesT: (d, w) transposed, zero-padded candidate rows (see KMeansKernels).
        var candidateRows = [Double]()
        for row in picks { for j in 0..<d { candidateRows.append(xb[row * d + j]) } }
        let candidatesT = KMeansKernels.transposed(candidateRows, k: m, d: d)
        closest.withUnsafeBufferPointer { cp in
          candidate.withUnsafeMutableBufferPointer { op in
            candidateBlockSums.withUnsafeMutableBufferPointer { sp in
              candidatesT.withUnsafeBufferPointer { tp in
                let cb = cp.baseAddress!, ob = op.baseAddress!
                let sb = sp.baseAddress!, tb = tp.baseAddress!
                blocks.forEach { b, rows in
                  KMeansKernels.candidatePotentials(
                    x: xb, n: n, d: d, rows: rows, candidatesT: tb, m: m, closest: cb,
                    out: ob, blockSums: sb + b * m)
                }
              }
            }
          }
        }
        // Potential of each candidate, reduced in block order; keep the lowest
        // (the first on ties).
        var best = 0
        var bestPotential = Double.infinity
        for t in 0..<m {
          var p = 0.0
          for b in 0..<blocks.count { p += candidateBlockSums[b * m + t] }
          if p < bestPotential {
            bestPotential = p
            best = t
          }
        }
        for j in 0..<d { centres[c * d + j] = xb[picks[best] * d + j] }
        closest.withUnsafeMutableBufferPointer { cp in
          candidate.withUnsafeBufferPointer { op in
            cp.baseAddress!.update(from: op.baseAddress! + best * n, count: n)
          }
        }
        for b in 0..<blocks.count { blockSums[b] = candidateBlockSums[b * m + best] }
      }
    }
    return centres
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
