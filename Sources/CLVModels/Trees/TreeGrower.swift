import CLVMath

/// Grows ``RegressionTree``s on a binned matrix from per-row gradients and Hessians
/// (``TreeGrowth`` has the formulas). Buffers are allocated once and reused by every
/// tree of a fit.
///
/// A leaf's histogram holds, per feature and bin, the sums (G, H, n) of its rows. The
/// smaller child of a split is summed from its rows and the larger one is the parent's
/// histogram minus the smaller one's (Ke et al. 2017, LightGBM, §3 "histogram
/// subtraction"), which halves the work.
///
/// Both cores: histograms and split searches run on the two fixed halves of the tree's
/// feature list (``MLPShards``), each half in feature and row order, and the halves'
/// best splits are compared in a fixed order (half 0 first, strictly greater gain
/// wins). So the tree is bit-identical whether one thread or two ran it.
final class TreeGrower {
  let growth: TreeGrowth
  let data: BinnedMatrix
  let bins: FeatureBins
  let shards: MLPShards
  /// Rows of the current tree, grouped by leaf (each leaf a contiguous range, rows in
  /// increasing order inside it), with their gradients and Hessians alongside.
  private let rows: UnsafeMutablePointer<Int32>
  private let grad: UnsafeMutablePointer<Double>
  private let hess: UnsafeMutablePointer<Double>
  private let scratchRows: UnsafeMutablePointer<Int32>
  private let scratchGrad: UnsafeMutablePointer<Double>
  private let scratchHess: UnsafeMutablePointer<Double>
  private let capacity: Int
  /// Each half's best split of the leaf being searched. Heap memory owned here: the
  /// other thread writes its half's result through this pointer. (Writing it through a
  /// closure-captured local or an array's buffer pointer lost the worker's result in
  /// -Ounchecked release builds, though debug builds were right.)
  private let halfBest: UnsafeMutablePointer<Split>
  /// Values per feature in a histogram: 256 bins × (G, H, n).
  static let stride = 256 * 3

  init(growth: TreeGrowth, data: BinnedMatrix, bins: FeatureBins, shards: MLPShards) {
    self.growth = growth
    self.data = data
    self.bins = bins
    self.shards = shards
    capacity = max(1, data.rows)
    rows = .allocate(capacity: capacity)
    grad = .allocate(capacity: capacity)
    hess = .allocate(capacity: capacity)
    scratchRows = .allocate(capacity: capacity)
    scratchGrad = .allocate(capacity: capacity)
    scratchHess = .allocate(capacity: capacity)
    halfBest = .allocate(capacity: MLPShards.count)
    halfBest.initialize(repeating: Split(), count: MLPShards.count)
  }

  deinit {
    for p in [rows, scratchRows] { p.deallocate() }
    for p in [grad, hess, scratchGrad, scratchHess] { p.deallocate() }
    halfBest.deallocate()
  }

  /// A candidate split of a leaf.
  struct Split {
    var gain = -Double.infinity
    var feature = -1
    var bin = 0
    var missingLeft = false
    var left = (g: 0.0, h: 0.0, n: 0.0)
  }

  /// An open leaf: its node, row range, totals, depth, histogram and best split.
  final class Leaf {
    let node: Int
    let start: Int, end: Int
    let g: Double, h: Double
    let depth: Int
    var histogram: [Double]
    var best = Split()
    init(node: Int, start: Int, end: Int, g: Double, h: Double, depth: Int, histogram: [Double]) {
      (self.node, self.start, self.end, self.g, self.h, self.depth) = (node, start, end, g, h, depth)
      self.histogram = histogram
    }
    var count: Int { end - start }
  }

  /// Grows one tree on `sample` (row indices, increasing) with gradients `g` and
  /// Hessians `h` (indexed by row), searching splits on `features` (increasing).
  /// Leaf values are multiplied by `shrinkage`. Also returns each split node's bin.
  func grow(
    sample: [Int32], g: UnsafePointer<Double>, h: UnsafePointer<Double>, features: [Int], shrinkage: Double
  ) -> (tree: RegressionTree, splitBins: [UInt8]) {
    precondition(sample.count <= capacity, "sample larger than the data")
    var tree = RegressionTree()
    var splitBins = [UInt8]()
    var totalG = 0.0, totalH = 0.0
    for (i, r) in sample.enumerated() {
      rows[i] = r
      grad[i] = g[Int(r)]
      hess[i] = h[Int(r)]
      totalG += grad[i]
      totalH += hess[i]
    }
    let root = tree.addLeaf(value: growth.leafValue(totalG, totalH) * shrinkage, count: sample.count)
    splitBins.append(0)
    let rootLeaf = Leaf(
      node: root, start: 0, end: sample.count, g: totalG, h: totalH, depth: 0,
      histogram: [Double](repeating: 0, count: features.count * Self.stride))
    buildHistogram(rootLeaf, features: features)
    findSplit(rootLeaf, features: features)
    var open = [rootLeaf]
    var leaves = 1
    while leaves < growth.maxLeaves {
      // The open leaf with the best split (ties: the earliest node).
      var pick = -1
      for (i, leaf) in open.enumerated() where leaf.best.gain > growth.minSplitGain {
        if pick < 0 || leaf.best.gain > open[pick].best.gain { pick = i }
      }
      guard pick >= 0 else { break }
      let parent = open.remove(at: pick)
      let s = parent.best
      let f = features[s.feature]
      let mid = partition(parent, feature: f, bin: UInt8(s.bin), missingLeft: s.missingLeft)
      let (lg, lh) = (s.left.g, s.left.h)
      let (rg, rh) = (parent.g - lg, parent.h - lh)
      let l = tree.addLeaf(value: growth.leafValue(lg, lh) * shrinkage, count: mid - parent.start)
      let r = tree.addLeaf(value: growth.leafValue(rg, rh) * shrinkage, count: parent.end - mid)
      splitBins += [0, 0]
      let edges = bins.edges[f]
      tree.split(
        parent.node, feature: f, threshold: s.bin < edges.count ? edges[s.bin] : .infinity,
        missingLeft: s.missingLeft, left: l, right: r, gain: s.gain)
      splitBins[parent.node] = UInt8(s.bin)
      leaves += 1
      let depth = parent.depth + 1
      let left = Leaf(node: l, start: parent.start, end: mid, g: lg, h: lh, depth: depth, histogram: [])
      let right = Leaf(node: r, start: mid, end: parent.end, g: rg, h: rh, depth: depth, histogram: [])
      guard depth < growth.maxDepth, leaves < growth.maxLeaves else { continue }
      let canSplit = { (leaf: Leaf) in leaf.count >= 2 * self.growth.minLeafRows }
      guard canSplit(left) || canSplit(right) else { continue }
      // Sum the smaller child; the larger is the parent minus it.
      let (small, large) = left.count <= right.count ? (left, right) : (right, left)
      small.histogram = [Double](repeating: 0, count: features.count * Self.stride)
      buildHistogram(small, features: features)
      large.histogram = parent.histogram
      parent.histogram = []
      subtract(small.histogram, from: &large.histogram)
      for child in [left, right] where canSplit(child) {
        findSplit(child, features: features)
        open.append(child)
      }
    }
    return (tree, splitBins)
  }

  /// Sums (G, H, n) per feature and bin over the leaf's rows.
  ///
  /// Four features per pass over the rows: each row's index, gradient and Hessian are
  /// read once for four histograms, and the four read-add-write chains are independent
  /// (with one feature at a time, rows falling into the same bin wait for each other's
  /// store). Every (feature, bin) sum still adds its rows in row order, so the sums are
  /// bit-identical to one feature at a time.
  private func buildHistogram(_ leaf: Leaf, features: [Int]) {
    let (start, end, n) = (leaf.start, leaf.end, data.rows)
    let (rows, grad, hess) = (self.rows, self.grad, self.hess)
    let featureCount = features.count
    leaf.histogram.withUnsafeMutableBufferPointer { hist in
      let base = hist.baseAddress!
      data.codes.withUnsafeBufferPointer { codes in
        let codes = codes.baseAddress!
        runHalves(parallel: (end - start) * featureCount >= Self.parallelWork) { s in
          let half = Self.half(s, of: featureCount)
          var fi = half.lowerBound
          while fi + 4 <= half.upperBound {
            let (c0, c1) = (codes + features[fi] * n, codes + features[fi + 1] * n)
            let (c2, c3) = (codes + features[fi + 2] * n, codes + features[fi + 3] * n)
            let (o0, o1) = (base + fi * Self.stride, base + (fi + 1) * Self.stride)
            let (o2, o3) = (base + (fi + 2) * Self.stride, base + (fi + 3) * Self.stride)
            for i in start..<end {
              let r = Int(rows[i])
              let (g, h) = (grad[i], hess[i])
              let (b0, b1, b2, b3) = (Int(c0[r]) * 3, Int(c1[r]) * 3, Int(c2[r]) * 3, Int(c3[r]) * 3)
              o0[b0] += g
              o0[b0 + 1] += h
              o0[b0 + 2] += 1
              o1[b1] += g
              o1[b1 + 1] += h
              o1[b1 + 2] += 1
              o2[b2] += g
              o2[b2 + 1] += h
              o2[b2 + 2] += 1
              o3[b3] += g
              o3[b3 + 1] += h
              o3[b3 + 2] += 1
            }
            fi += 4
          }
          for fi in fi..<half.upperBound {
            let column = codes + features[fi] * n
            let out = base + fi * Self.stride
            for i in start..<end {
              let b = Int(column[Int(rows[i])]) * 3
              out[b] += grad[i]
              out[b + 1] += hess[i]
              out[b + 2] += 1
            }
          }
        }
      }
    }
  }

  /// `large -= small`, element-wise.
  private func subtract(_ small: [Double], from large: inout [Double]) {
    large.withUnsafeMutableBufferPointer { l in
      small.withUnsafeBufferPointer { s in
        for i in 0..<s.count { l[i] -= s[i] }
      }
    }
  }

  /// The best split of a leaf over its features (see ``TreeGrowth`` for the gain).
  private func findSplit(_ leaf: Leaf, features: [Int]) {
    let featureCount = features.count
    let halves = halfBest
    leaf.histogram.withUnsafeBufferPointer { hist in
      runHalves(parallel: featureCount * 256 >= Self.parallelWork / 8) { s in
        var b = Split()
        for fi in Self.half(s, of: featureCount) {
          self.scan(
            hist.baseAddress! + fi * Self.stride, feature: fi, bins: self.bins.binCount(feature: features[fi]),
            leaf: leaf, into: &b)
        }
        halves[s] = b
      }
    }
    leaf.best = halves[1].gain > halves[0].gain ? halves[1] : halves[0]
  }

  /// Scans one feature's bins: left = bins 0…b, missing rows on either side.
  @inline(__always)
  private func scan(_ hist: UnsafePointer<Double>, feature fi: Int, bins nb: Int, leaf: Leaf, into best: inout Split) {
    let m = Int(FeatureBins.missingBin) * 3
    let (mg, mh, mn) = (hist[m], hist[m + 1], hist[m + 2])
    let n = Double(leaf.count)
    let parentScore = growth.score(leaf.g, leaf.h)
    let minRows = Double(growth.minLeafRows)
    let minH = growth.minLeafHessian
    var (gl, hl, nl) = (0.0, 0.0, 0.0)
    @inline(__always) func consider(_ g: Double, _ h: Double, _ c: Double, bin b: Int, missingLeft: Bool) {
      let (gr, hr, cr) = (leaf.g - g, leaf.h - h, n - c)
      guard c >= minRows, cr >= minRows, h >= minH, hr >= minH else { return }
      let gain = growth.score(g, h) + growth.score(gr, hr) - parentScore
      if gain > best.gain {
        // With no missing rows in training, unseen missing values follow the larger side.
        let ml = mn == 0 ? c >= cr : missingLeft
        best = Split(gain: gain, feature: fi, bin: b, missingLeft: ml, left: (g, h, c))
      }
    }
    for b in 0..<nb {
      gl += hist[3 * b]
      hl += hist[3 * b + 1]
      nl += hist[3 * b + 2]
      consider(gl, hl, nl, bin: b, missingLeft: false)
      if mn > 0 { consider(gl + mg, hl + mh, nl + mn, bin: b, missingLeft: true) }
    }
  }

  /// Stable partition of the leaf's rows: left (bin ≤ split bin, or missing and
  /// `missingLeft`) first. Returns the first index of the right part.
  private func partition(_ leaf: Leaf, feature f: Int, bin: UInt8, missingLeft: Bool) -> Int {
    var l = leaf.start
    var r = 0
    data.codes.withUnsafeBufferPointer { codes in
      let column = codes.baseAddress! + f * data.rows
      for i in leaf.start..<leaf.end {
        let b = column[Int(rows[i])]
        let goLeft = b == FeatureBins.missingBin ? missingLeft : b <= bin
        if goLeft {
          rows[l] = rows[i]
          grad[l] = grad[i]
          hess[l] = hess[i]
          l += 1
        } else {
          scratchRows[r] = rows[i]
          scratchGrad[r] = grad[i]
          scratchHess[r] = hess[i]
          r += 1
        }
      }
    }
    (rows + l).update(from: scratchRows, count: r)
    (grad + l).update(from: scratchGrad, count: r)
    (hess + l).update(from: scratchHess, count: r)
    return l
  }

  /// Below this many (row, feature) pairs a histogram is summed on the calling thread:
  /// handing a job to the other core costs microseconds (much more when the machine is
  /// busy), more than the work. Either way both halves are computed the same way.
  static let parallelWork = 64 * 1024

  /// `body(0)` and `body(1)`, on two threads when `parallel`, else one after the other.
  @inline(__always)
  private func runHalves(parallel: Bool, _ body: (Int) -> Void) {
    if parallel {
      shards.run(body)
    } else {
      body(0)
      body(1)
    }
  }

  /// The features of shard `s`: the first or second half of `0..<count`.
  static func half(_ s: Int, of count: Int) -> Range<Int> { MLPShards.range(shard: s, rows: count) }
}
