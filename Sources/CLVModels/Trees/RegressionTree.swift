/// One fitted regression tree of a boosted ensemble, stored as flat arrays.
///
/// Node k is a split when `left[k] ≥ 0`: rows with `x[feature[k]] ≤ threshold[k]` go to
/// `left[k]`, larger values to `right[k]`, and a missing value (NaN) to the left when
/// `missingLeft[k]`, else to the right. Otherwise node k is a leaf worth `value[k]`
/// (already multiplied by the learning rate). Node 0 is the root.
///
/// The threshold is the upper edge of the split's last bin (see ``FeatureBins``), so a
/// raw row takes the path its binned row took in training.
package struct RegressionTree: Sendable, Codable, Equatable {
  package internal(set) var feature: [Int32] = []
  package internal(set) var threshold: [Double] = []
  package internal(set) var missingLeft: [Bool] = []
  package internal(set) var left: [Int32] = []
  package internal(set) var right: [Int32] = []
  package internal(set) var value: [Double] = []
  /// Split gain of each split node (0 for leaves), for importance and tests.
  package internal(set) var gain: [Double] = []
  /// Training rows (of the tree's sample) that reached each node.
  package internal(set) var count: [Int32] = []

  /// Number of nodes.
  package var nodeCount: Int { value.count }
  /// Number of leaves.
  package var leafCount: Int { left.filter { $0 < 0 }.count }

  /// Appends a leaf and returns its index.
  mutating func addLeaf(value v: Double, count n: Int) -> Int {
    feature.append(-1)
    threshold.append(0)
    missingLeft.append(false)
    left.append(-1)
    right.append(-1)
    value.append(v)
    gain.append(0)
    count.append(Int32(n))
    return value.count - 1
  }

  /// Turns leaf `k` into a split with the given children.
  mutating func split(
    _ k: Int, feature f: Int, threshold t: Double, missingLeft m: Bool, left l: Int, right r: Int, gain g: Double
  ) {
    feature[k] = Int32(f)
    threshold[k] = t
    missingLeft[k] = m
    left[k] = Int32(l)
    right[k] = Int32(r)
    value[k] = 0
    gain[k] = g
  }

  /// The leaf value for a raw row (`row[j]` is feature j).
  @inline(__always)
  package func predict(_ row: UnsafePointer<Double>) -> Double {
    var k = 0
    while left[k] >= 0 {
      let x = row[Int(feature[k])]
      let goLeft = x.isNaN ? missingLeft[k] : x <= threshold[k]
      k = Int(goLeft ? left[k] : right[k])
    }
    return value[k]
  }

  /// The leaf index a binned row reaches, given each split's bin (`splitBin[k]`).
  @inline(__always)
  func leaf(binned x: BinnedMatrix, row i: Int, splitBin: [UInt8]) -> Int {
    var k = 0
    while left[k] >= 0 {
      let b = x.code(row: i, feature: Int(feature[k]))
      let goLeft = b == FeatureBins.missingBin ? missingLeft[k] : b <= splitBin[k]
      k = Int(goLeft ? left[k] : right[k])
    }
    return k
  }
}
