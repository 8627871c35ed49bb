/// Order statistics without a full sort: `sorted(values)[r]` for a few ranks r, bit for bit.
///
/// A multi-rank quickselect (Hoare 1961, "Algorithm 65: FIND"): three-way partitions around
/// a median-of-three pivot, recursing only into the parts that hold a wanted rank, so k ranks
/// of n values cost O(n log k) instead of O(n log n). Ranges of at most ``smallRange`` values,
/// or a recursion deeper than ``depthLimit`` (a pathological pivot sequence), are sorted.
///
/// Equal values are indistinguishable except the two zeros: the standard library's stable
/// sort keeps `-0.0` and `0.0` in input order within the run of zeros, so a rank that falls
/// in that run takes the sign of the zero at that place of the input's zeros. Values must not
/// be NaN (callers keep the finite ones).
package enum OrderStatistics {
  /// Ranges sorted outright.
  static let smallRange = 32
  /// Partition levels before a range is sorted instead.
  static let depthLimit = 64

  /// `values.sorted()[r]` for each r of `ranks` (each in `0..<values.count`), in the order given.
  package static func values(_ values: [Double], ranks: [Int]) -> [Double] {
    guard !ranks.isEmpty else { return [] }
    precondition(ranks.allSatisfy { $0 >= 0 && $0 < values.count }, "ranks within the values")
    let wanted = Array(Set(ranks)).sorted()
    var a = values
    var found = [Int: Double](minimumCapacity: wanted.count)
    a.withUnsafeMutableBufferPointer { a in
      select(a, 0, a.count, wanted[...], depth: 0, into: &found)
    }
    // The zeros: stable order within their run.
    var negativeZero = false, positiveZero = false, below = 0
    for v in values {
      if v < 0 { below += 1 } else if v == 0 { if v.sign == .minus { negativeZero = true } else { positiveZero = true } }
    }
    if negativeZero && positiveZero {
      var signs = [FloatingPointSign]()
      for v in values where v == 0 { signs.append(v.sign) }
      for (r, v) in found where v == 0 {
        found[r] = signs[r - below] == .minus ? -0.0 : 0.0
      }
    }
    return ranks.map { found[$0]! }
  }

  private static func select(
    _ a: UnsafeMutableBufferPointer<Double>, _ lo: Int, _ hi: Int, _ ranks: ArraySlice<Int>, depth: Int,
    into found: inout [Int: Double]
  ) {
    guard !ranks.isEmpty else { return }
    if hi - lo <= smallRange || depth >= depthLimit {
      var range = UnsafeMutableBufferPointer(rebasing: a[lo..<hi])
      range.sort()
      for r in ranks { found[r] = a[r] }
      return
    }
    let mid = lo + (hi - lo) / 2
    let (x, y, z) = (a[lo], a[mid], a[hi - 1])
    let pivot = max(min(x, y), min(max(x, y), z))
    // Dutch national flag: [lo, lt) < pivot, [lt, i) == pivot, (gt, hi) > pivot.
    var lt = lo, i = lo, gt = hi - 1
    while i <= gt {
      let v = a[i]
      if v < pivot {
        a.swapAt(lt, i)
        lt += 1
        i += 1
      } else if v > pivot {
        a.swapAt(i, gt)
        gt -= 1
      } else {
        i += 1
      }
    }
    let left = ranks.prefix { $0 < lt }
    let rest = ranks.dropFirst(left.count)
    let equal = rest.prefix { $0 <= gt }
    let right = rest.dropFirst(equal.count)
    for r in equal { found[r] = pivot }
    select(a, lo, lt, left, depth: depth + 1, into: &found)
    select(a, gt + 1, hi, right, depth: depth + 1, into: &found)
  }
}
