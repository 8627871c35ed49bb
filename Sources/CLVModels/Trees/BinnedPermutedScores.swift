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
    let n = codes.rows
    self.leaves = [Int32](unsafeUninitializedCapacity: ensemble.roots.count * n) { leaves, count in
      if let base = leaves.baseAddress {
        for t in ensemble.roots.indices { Self.walk(ensemble, tree: t, codes: codes, into: base + t * n) }
      }
      count = ensemble.roots.count * n
    }
  }

  package var rows: Int { codes.rows }

  /// Predicted means of the rows with the codes of `features` of row i taken from row
  /// `permutation[i]` (the rows as they are when `permutation` is nil).
  ///
  /// Tree by tree in tree order: a tree that splits on a moved feature walks the permuted
  /// codes into one tree's worth of scratch leaves, any other reads its remembered leaves,
  /// and each row adds the leaf's value (no copy of every tree's leaves per call).
  package func predict(permuting features: [Int], by permutation: [Int]?) -> [Double] {
    let n = rows
    let moved = Set(features.map(Int32.init))
    let permuted = permutation.map { codes.permuting(features: features, by: $0) }
    var out = [Double](repeating: ensemble.baseScore, count: n)
    guard n > 0 else { return out }
    var scratch = [Int32](repeating: 0, count: permuted == nil ? 0 : n)
    ensemble.nodes.withUnsafeBufferPointer { nodes in
      leaves.withUnsafeBufferPointer { leaves in
        scratch.withUnsafeMutableBufferPointer { scratch in
          out.withUnsafeMutableBufferPointer { out in
            for t in ensemble.roots.indices {
              let leaf: UnsafePointer<Int32>
              if let permuted, !treeFeatures[t].isDisjoint(with: moved) {
                Self.walk(ensemble, tree: t, codes: permuted, into: scratch.baseAddress!)
                leaf = UnsafePointer(scratch.baseAddress!)
              } else {
                leaf = leaves.baseAddress! + t * n
              }
              for i in 0..<n { out[i] += nodes[Int(leaf[i])].value }
            }
          }
        }
      }
    }
    return out.map { ensemble.loss.prediction(score: $0) }
  }

  /// The leaf of every row in tree `t`, into `leaves[0 ..< rows]`.
  static func walk(_ e: BinnedEnsemble, tree t: Int, codes x: BinnedMatrix, into leaves: UnsafeMutablePointer<Int32>) {
    let n = x.rows
    let root = e.roots[t], depth = e.depths[t]
    e.nodes.withUnsafeBufferPointer { nodes in
      x.codes.withUnsafeBufferPointer { codes in
        var first = 0
        while first < n {
          let m = min(BinnedEnsemble.block, n - first)
          BinnedEnsemble.walkBlock(
            nodes, codes, rows: n, first: first, count: m, root: root, depth: depth, leaves: leaves + first)
          first += m
        }
      }
    }
  }
}
