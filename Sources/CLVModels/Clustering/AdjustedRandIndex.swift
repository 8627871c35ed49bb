/// The adjusted Rand index: agreement of two partitions of the same items, corrected
/// for chance.
///
/// With contingency counts n_ij, row sums a_i, column sums b_j and C(m) = m(m−1)/2:
/// ARI = (Σ C(n_ij) − E) / (½[Σ C(a_i) + Σ C(b_j)] − E), E = Σ C(a_i) · Σ C(b_j) / C(n).
/// 1 for identical partitions (up to renaming), about 0 for independent ones, and 1 by
/// convention when the denominator vanishes (both partitions trivial and equal, as
/// scikit-learn). Exact integer counting; the result is accurate to round-off.
///
/// Reference: Hubert & Arabie (1985), "Comparing partitions", J. Classification 2.
package enum AdjustedRandIndex {
  /// ARI of two labelings of the same n items (any integer labels).
  package static func score(_ a: [Int], _ b: [Int]) -> Double {
    precondition(a.count == b.count, "both labelings must cover the same items")
    let n = a.count
    guard n > 1 else { return 1 }
    func pairs(_ m: Int) -> Double { Double(m) * Double(m - 1) / 2 }
    var joint = [Pair: Int]()
    var rowSums = [Int: Int]()
    var columnSums = [Int: Int]()
    for (x, y) in zip(a, b) {
      joint[Pair(a: x, b: y), default: 0] += 1
      rowSums[x, default: 0] += 1
      columnSums[y, default: 0] += 1
    }
    // Sums of integers-as-doubles are exact here (< 2^53), so order does not matter.
    let index = joint.values.reduce(0.0) { $0 + pairs($1) }
    let rows = rowSums.values.reduce(0.0) { $0 + pairs($1) }
    let columns = columnSums.values.reduce(0.0) { $0 + pairs($1) }
    let expected = rows * columns / pairs(n)
    let maximum = (rows + columns) / 2
    guard maximum != expected else { return 1 }
    return (index - expected) / (maximum - expected)
  }

  private struct Pair: Hashable {
    let a: Int
    let b: Int
  }
}
