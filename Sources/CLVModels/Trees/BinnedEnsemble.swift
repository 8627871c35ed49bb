import CLVMath

/// A fitted ensemble laid out for batch prediction over binned rows: every row's codes
/// computed once (feature-major, ``BinnedMatrix``), then each tree applied to all rows in
/// turn, so one tree's nodes stay in cache while the rows stream past.
///
/// Bins: feature j's codes come from the sorted distinct thresholds t₀ < t₁ < … of the
/// ensemble's splits on j, `code(x) = min{m : x ≤ t_m}` (the count when x is above all of
/// them; ``FeatureBins/missingBin`` for NaN). A split "x ≤ t_k" is then exactly
/// "code ≤ k", so a binned row takes the path its raw row takes in
/// ``RegressionTree/predict(_:)``, and each row's score is `F₀ + Σ trees` added in tree
/// order: the same bits as the row-by-row path, with 1 or 2 threads.
///
/// Explanations shuffle rows of one feature's codes (``BinnedMatrix/permuting(features:by:)``)
/// and predict again without re-encoding or re-binning anything.
package struct BinnedEnsemble: Sendable {
  /// Link and loss of the ensemble (for ``predict(_:)``).
  package let loss: BoostingLoss
  /// F₀.
  package let baseScore: Double
  /// Input features.
  package let featureCount: Int
  /// Sorted distinct thresholds of each feature's splits.
  let thresholds: [[Double]]
  /// Nodes of every tree, one after the other; tree t starts at `roots[t]` (children
  /// are absolute node indices).
  let nodes: [Node]
  let roots: [Int32]
  /// Levels below each root (0: the root is a leaf).
  let depths: [Int]
  let threads: Int

  /// One node: go to `left` when `code ≤ bin` or `code == missingCode` (the missing code
  /// when a missing value goes left, else −1), else to `right`. A leaf, worth `value`, has
  /// itself as both children.
  struct Node: Sendable {
    var feature: Int32
    var left: Int32
    var right: Int32
    var bin: Int16
    var missingCode: Int16
    var value: Double
  }

  /// The binned layout of `model`; nil when a feature has more distinct thresholds than
  /// codes (not possible for a fitted model, whose thresholds are bin edges; a hand-edited
  /// `model.json` could have them).
  ///
  /// With `thresholds` (sorted and distinct per feature, holding every threshold of the
  /// model's splits, e.g. ``sharedThresholds(_:)`` of several ensembles) the codes are taken
  /// from those: each split "x ≤ t" is still exactly "code ≤ index of t", so the rows reach
  /// the same leaves, and ensembles laid out on the same thresholds share one
  /// ``codes(_:)`` of their rows. Nil when a split's threshold is missing from them.
  package init?(_ model: GradientBoostedModel, thresholds given: [[Double]]? = nil) {
    guard let thresholds = given ?? Self.sharedThresholds([model]), thresholds.count == model.featureCount else {
      return nil
    }
    guard thresholds.allSatisfy({ $0.count < FeatureBins.maximumBins }) else { return nil }
    var nodes = [Node]()
    var roots = [Int32]()
    var depths = [Int]()
    for t in model.trees {
      let offset = Int32(nodes.count)
      roots.append(offset)
      for k in 0..<t.nodeCount {
        let me = Int32(k) + offset
        if t.left[k] >= 0 {
          let f = Int(t.feature[k])
          // The threshold's own index: code ≤ index ⇔ x ≤ threshold.
          let index = Self.firstIndex(notBelow: t.threshold[k], in: thresholds[f])
          guard index < thresholds[f].count, thresholds[f][index] == t.threshold[k] else { return nil }
          nodes.append(
            Node(
              feature: t.feature[k], left: t.left[k] + offset, right: t.right[k] + offset, bin: Int16(index),
              missingCode: t.missingLeft[k] ? Int16(FeatureBins.missingBin) : -1, value: 0))
        } else {
          nodes.append(Node(feature: 0, left: me, right: me, bin: -1, missingCode: -1, value: t.value[k]))
        }
      }
      guard let depth = Self.depth(t) else { return nil }
      depths.append(depth)
    }
    self.loss = model.settings.loss
    self.baseScore = model.baseScore
    self.featureCount = model.featureCount
    self.thresholds = thresholds
    self.nodes = nodes
    self.roots = roots
    self.depths = depths
    self.threads = model.settings.threads
  }

  /// The sorted distinct thresholds of each feature's splits over every tree of `models`
  /// (which must read the same features); nil when the models disagree on the feature count
  /// or a feature has more distinct thresholds than codes.
  package static func sharedThresholds(_ models: [GradientBoostedModel]) -> [[Double]]? {
    guard let featureCount = models.first?.featureCount, models.allSatisfy({ $0.featureCount == featureCount })
    else { return nil }
    var sets = [Set<Double>](repeating: [], count: featureCount)
    for model in models {
      for t in model.trees {
        for k in 0..<t.nodeCount where t.left[k] >= 0 { sets[Int(t.feature[k])].insert(t.threshold[k]) }
      }
    }
    let thresholds = sets.map { $0.sorted() }
    return thresholds.allSatisfy({ $0.count < FeatureBins.maximumBins }) ? thresholds : nil
  }

  /// Levels below the root of `t`, by walking it (nil when a walk visits more nodes than
  /// the tree has: not a tree; ``GradientBoostedModel/inconsistency`` names it).
  static func depth(_ t: RegressionTree) -> Int? {
    guard t.nodeCount > 0 else { return nil }
    var stack = [(0, 0)]
    var visited = 0, deepest = 0
    while let (k, d) = stack.popLast() {
      visited += 1
      guard visited <= t.nodeCount, k >= 0, k < t.nodeCount else { return nil }
      deepest = max(deepest, d)
      if t.left[k] >= 0 { stack += [(Int(t.left[k]), d + 1), (Int(t.right[k]), d + 1)] }
    }
    return deepest
  }

  /// min{m : x ≤ v[m]} (v.count when x is above every value) by binary search.
  @inline(__always)
  static func firstIndex(notBelow x: Double, in v: [Double]) -> Int {
    var lo = 0, hi = v.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if x <= v[mid] { hi = mid } else { lo = mid + 1 }
    }
    return lo
  }

  /// The codes of every row of `x` (rows, featureCount), feature-major: ``firstIndex(notBelow:in:)``
  /// of each value (``FeatureBins/missingBin`` for NaN), by ``branchlessIndex(notBelow:in:count:)``.
  ///
  /// Rows are coded ``codeBlock`` at a time, every feature of a block before the next block
  /// (the block's part of the row-major `x` stays in cache while its features are coded,
  /// instead of the whole matrix streaming past once per feature); blocks are coded side by
  /// side (``WorkPool``), each into its own part of the codes. Each code depends only on its
  /// value and its feature's thresholds, so the codes are those of any order.
  package func codes(_ x: Matrix) -> BinnedMatrix {
    precondition(x.columns == featureCount, "model expects \(featureCount) features, got \(x.columns)")
    let (rows, columns) = (x.rows, x.columns)
    var codes = [UInt8](repeating: 0, count: rows * columns)
    let blocks = (rows + Self.codeBlock - 1) / Self.codeBlock
    // Units of several blocks, so that a large table is a few hundred units at most.
    let perUnit = max(1, (blocks + 255) / 256)
    let units = (blocks + perUnit - 1) / perUnit
    codes.withUnsafeMutableBufferPointer { codes in
      x.values.withUnsafeBufferPointer { values in
        Self.withBuffers(thresholds) { t in
          // Small tables (permutation importance) in one unit.
          WorkPool.shared.forEach(rows >= 4096 ? units : 1) { unit, _ in
            let range =
              rows >= 4096
              ? (unit * perUnit * Self.codeBlock)..<min(rows, (unit + 1) * perUnit * Self.codeBlock) : 0..<rows
            var first = range.lowerBound
            while first < range.upperBound {
              let last = min(range.upperBound, first + Self.codeBlock)
              for j in 0..<columns {
                let tj = t[j]
                for i in first..<last {
                  let v = values[i * columns + j]
                  codes[j * rows + i] =
                    v.isNaN ? FeatureBins.missingBin : UInt8(truncatingIfNeeded: Self.branchlessIndex(notBelow: v, in: tj))
                }
              }
              first = last
            }
          }
        }
      }
    }
    return BinnedMatrix(rows: rows, features: columns, codes: codes)
  }

  /// Rows coded together by ``codes(_:)`` (256 rows of 25 features: 50 KB of `x`).
  static let codeBlock = 256

  /// `body` with a buffer over each array of `arrays` (valid only inside it).
  static func withBuffers<R>(_ arrays: [[Double]], _ body: ([UnsafeBufferPointer<Double>]) -> R) -> R {
    func nest(_ k: Int, _ acc: inout [UnsafeBufferPointer<Double>]) -> R {
      if k == arrays.count { return body(acc) }
      return arrays[k].withUnsafeBufferPointer { b in
        acc.append(b)
        return nest(k + 1, &acc)
      }
    }
    var acc = [UnsafeBufferPointer<Double>]()
    acc.reserveCapacity(arrays.count)
    return nest(0, &acc)
  }

  /// ``firstIndex(notBelow:in:)`` (x not NaN, `v` ascending) with a fixed number of halvings
  /// and no branch on the data: the lower bound of x, min{m : ¬(v[m] < x)}, which for a
  /// number x is min{m : x ≤ v[m]}.
  @inline(__always)
  static func branchlessIndex(notBelow x: Double, in v: UnsafeBufferPointer<Double>) -> Int {
    var n = v.count
    guard n > 0 else { return 0 }
    var base = 0
    while n > 1 {
      let half = n / 2
      base = v[base + half] < x ? base + half : base
      n -= half
    }
    return base + (v[base] < x ? 1 : 0)
  }

  /// Raw scores F(x) = F₀ + Σ trees of binned rows (the rows split into two fixed halves).
  ///
  /// Each tree is applied to ``block`` rows at a time by ``walkBlock(_:_:rows:first:count:root:depth:leaves:)``.
  /// Every tree walks one ``chunk`` of rows before the next chunk, so the chunk's codes stay
  /// in cache for all the trees (rather than each tree streaming every row's codes from
  /// memory); each row still adds its trees in tree order, so the scores are the same bits.
  package func scores(_ x: BinnedMatrix) -> [Double] {
    precondition(x.features == featureCount, "model expects \(featureCount) features, got \(x.features)")
    let n = x.rows
    var out = [Double](repeating: baseScore, count: n)
    let shards = MLPShards(threads: threads)
    out.withUnsafeMutableBufferPointer { out in
      x.codes.withUnsafeBufferPointer { codes in
        nodes.withUnsafeBufferPointer { nodes in
          shards.run { s in
            let range = MLPShards.range(shard: s, rows: n)
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.block) { at in
              var chunk = range.lowerBound
              while chunk < range.upperBound {
                let chunkEnd = min(range.upperBound, chunk + Self.chunk)
                for (t, root) in roots.enumerated() {
                  let depth = depths[t]
                  var first = chunk
                  while first < chunkEnd {
                    let m = min(Self.block, chunkEnd - first)
                    Self.walkBlock(
                      nodes, codes, rows: n, first: first, count: m, root: root, depth: depth, leaves: at.baseAddress!)
                    for r in 0..<m { out[first + r] += nodes[Int(at[r])].value }
                    first += m
                  }
                }
                chunk = chunkEnd
              }
            }
          }
        }
      }
    }
    return out
  }

  /// Rows walked through a tree together.
  static let block = 64

  /// Rows walked through every tree before the next rows (2,048 rows of 25 features:
  /// 50 KB of codes).
  static let chunk = 2048

  /// The leaf of rows `first ..< first + count` in the tree at `root`, into `leaves[0 ..< count]`.
  ///
  /// `codes` is feature-major with `rows` codes per feature. The rows walk in lockstep: each
  /// takes one step per level for the tree's `depth` (a leaf steps to itself), without
  /// branches, so the rows' walks overlap instead of each waiting on the previous node's load.
  /// The one tree walk of ``scores(_:)`` and ``BinnedPermutedScores``.
  @inline(__always)
  static func walkBlock(
    _ nodes: UnsafeBufferPointer<Node>, _ codes: UnsafeBufferPointer<UInt8>, rows: Int,
    first: Int, count: Int, root: Int32, depth: Int, leaves at: UnsafeMutablePointer<Int32>
  ) {
    for r in 0..<count { at[r] = root }
    for _ in 0..<depth {
      for r in 0..<count {
        let node = nodes[Int(at[r])]
        let b = Int16(codes[Int(node.feature) * rows + first + r])
        at[r] = (b <= node.bin) || (b == node.missingCode) ? node.left : node.right
      }
    }
  }

  /// Predicted means of binned rows.
  package func predict(_ x: BinnedMatrix) -> [Double] {
    scores(x).map { loss.prediction(score: $0) }
  }
}

extension BinnedMatrix {
  /// The matrix with the codes of `features` of row i taken from row `permutation[i]`.
  package func permuting(features: [Int], by permutation: [Int]) -> BinnedMatrix {
    precondition(permutation.count == rows, "one source row per row")
    var out = codes
    out.withUnsafeMutableBufferPointer { dst in
      codes.withUnsafeBufferPointer { src in
        for j in features {
          let base = j * rows
          for i in 0..<rows { dst[base + i] = src[base + permutation[i]] }
        }
      }
    }
    return BinnedMatrix(rows: rows, features: self.features, codes: out)
  }
}
