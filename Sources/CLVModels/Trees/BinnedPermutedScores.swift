/// A ``BinnedEnsemble`` bound to fixed binned rows for permutation importance, remembering
/// the leaf every row reaches in every tree: a permutation of some features' codes can only
/// move rows in the trees that split on one of them, so only those trees are walked again.
///
/// The score of row i is `F₀ + Σ_t value(leaf_t(i))` added in tree order, as in
/// ``BinnedEnsemble/scores(_:)``; the leaves are the same whichever trees were walked, so the
/// scores are that function's of the permuted rows, bit for bit.
package struct BinnedPermutedScores: Sendable {
  package let ensemble: BinnedEnsemble
  /// The unpermuted rows.
  package let codes: BinnedMatrix
  /// The features each tree splits on.
  let treeFeatures: [Set<Int32>]
  /// Leaf node of row i in tree t at `t · rows + i`, unpermuted.
  let leaves: [Int32]

  package init(ensemble: BinnedEnsemble, codes: BinnedMatrix) {
    precondition(codes.features == ensemble.featureCount, "model expects \(ensemble.featureCount) features")
    self.ensemble = ensemble
    self.codes = codes
    treeFeatures = ensemble.roots.indices.map { t in
      let end = t + 1 < ensemble.roots.count ? Int(ensemble.roots[t + 1]) : ensemble.nodes.count
      return Set((Int(ensemble.roots[t])..<end).filter { ensemble.nodes[$0].bin >= 0 }.map { ensemble.nodes[$0].feature })
    }
    var leaves = [Int32](repeating: 0, count: ensemble.roots.count * codes.rows)
    for t in ensemble.roots.indices { Self.walk(ensemble, tree: t, codes: codes, into: &leaves) }
    self.leaves = leaves
  }

  package var rows: Int { codes.rows }

  /// Predicted means of the rows with the codes of `features` of row i taken from row
  /// `permutation[i]` (the rows as they are when `permutation` is nil).
  package func predict(permuting features: [Int], by permutation: [Int]?) -> [Double] {
    var leaves = self.leaves
    if let permutation {
      let moved = Set(features.map(Int32.init))
      let permuted = codes.permuting(features: features, by: permutation)
      for t in ensemble.roots.indices where !treeFeatures[t].isDisjoint(with: moved) {
        Self.walk(ensemble, tree: t, codes: permuted, into: &leaves)
      }
    }
    let n = rows
    var out = [Double](repeating: ensemble.baseScore, count: n)
    ensemble.nodes.withUnsafeBufferPointer { nodes in
      leaves.withUnsafeBufferPointer { leaves in
        for t in ensemble.roots.indices {
          for i in 0..<n { out[i] += nodes[Int(leaves[t * n + i])].value }
        }
      }
    }
    return out.map { ensemble.loss.prediction(score: $0) }
  }

  /// The leaf of every row in tree `t`, into `leaves[t · rows ..< (t + 1) · rows]`.
  static func walk(_ e: BinnedEnsemble, tree t: Int, codes x: BinnedMatrix, into leaves: inout [Int32]) {
    let n = x.rows
    let root = e.roots[t], depth = e.depths[t]
    e.nodes.withUnsafeBufferPointer { nodes in
      x.codes.withUnsafeBufferPointer { codes in
        leaves.withUnsafeMutableBufferPointer { leaves in
          var first = 0
          while first < n {
            let m = min(BinnedEnsemble.block, n - first)
            BinnedEnsemble.walkBlock(nodes, codes, rows: n, first: first, count: m, root: root,
                                     depth: depth, leaves: leaves.baseAddress! + t * n + first)
            first += m
          }
        }
      }
    }
  }
}
