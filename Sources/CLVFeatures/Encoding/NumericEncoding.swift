import Foundation

/// The fitted encoding of one numeric column: transform, impute, standardise.
///
///     t = transform(v)             (signedLog1p: sign(v)·log(1+|v|))
///     t = median_train(t) if v is NaN or infinite
///     out = (t − mean_train) / sd_train   (statistics after imputation; sd of a constant column → 1)
///     indicator = 1 if v was missing else 0   (only if training had missing values)
package struct NumericEncoding: Sendable, Codable, Equatable {
  /// Source column name.
  package let name: String
  /// Transform applied before imputation.
  package let transform: NumericTransform
  /// Training median of the transformed known values (0 if none were known).
  package let median: Double
  /// Training mean after imputation.
  package let mean: Double
  /// Training population sd after imputation (1 where the column was constant, ``isConstant``).
  package let standardDeviation: Double
  /// Whether a missing-indicator column is emitted.
  package let hasMissingIndicator: Bool

  /// Fits on the training values of `column`.
  package init(fitting column: NumericColumn) {
    name = column.name
    transform = column.transform
    // Each finite value transformed once; the median is an order statistic, so a
    // selection finds the same value(s) a full sort would (linear instead of n log n).
    let transformed = column.values.map { $0.isFinite ? Self.apply(column.transform, $0) : 0 }
    var known = column.values.indices.filter { column.values[$0].isFinite }.map { transformed[$0] }
    hasMissingIndicator = known.count < column.values.count
    if known.isEmpty {
      median = 0
    } else {
      let mid = known.count / 2
      let upper = Self.select(&known, rank: mid)
      median = known.count % 2 == 1 ? upper : (known[..<mid].max()! + upper) / 2
    }
    let n = Double(max(column.values.count, 1))
    let missing = Double(column.values.count - known.count)
    let m = (transformed.reduce(0, +) + missing * median) / n
    var ss = 0.0
    for (v, t) in zip(column.values, transformed) {
      let t = v.isFinite ? t : median
      ss += (t - m) * (t - m)
    }
    mean = m
    let variance = ss / n
    standardDeviation = Self.isConstant(variance: variance, mean: m, count: n) ? 1 : variance.squareRoot()
  }

  /// Whether a column's variance is no more than the rounding of its mean could leave on a
  /// constant column: `var ≤ n·ε·var + (n·ε·mean)²` with ε the Float64 machine epsilon, the
  /// bound of scikit-learn's `_is_constant_feature` (`sklearn/preprocessing/_data.py`;
  /// Chan, Golub & LeVeque 1983 bound the summation error by n·ε). Without it a column
  /// that is constant in training (the cutoff's month at a single origin: 50 × −0.98047
  /// summed, sd 8.9e−16) is divided by its rounding error, and a forward value that differs
  /// in the second digit is encoded as 10¹⁶ (a network's spend then overflows to infinity).
  /// The value of rank `k` (0-based) among `v`, which is rearranged so that every value
  /// before index k is ≤ it and every value after is ≥ it (Hoare's quickselect, median of
  /// three pivots; Hoare 1961, "Algorithm 65: Find", CACM 4(7)). No NaN in `v`.
  static func select(_ v: inout [Double], rank k: Int) -> Double {
    precondition(v.indices.contains(k), "rank within the values")
    return v.withUnsafeMutableBufferPointer { a in
      var (lo, hi) = (0, a.count - 1)
      while hi > lo {
        let mid = lo + (hi - lo) / 2
        if a[mid] < a[lo] { a.swapAt(mid, lo) }
        if a[hi] < a[lo] { a.swapAt(hi, lo) }
        if a[hi] < a[mid] { a.swapAt(hi, mid) }
        let pivot = a[mid]
        var (i, j) = (lo, hi)
        while i <= j {
          while a[i] < pivot { i += 1 }
          while pivot < a[j] { j -= 1 }
          if i <= j {
            a.swapAt(i, j)
            i += 1
            j -= 1
          }
        }
        // a[lo...j] ≤ pivot, a[i...hi] ≥ pivot, and everything between equals it.
        if k <= j {
          hi = j
        } else if k >= i {
          lo = i
        } else {
          return a[k]
        }
      }
      return a[k]
    }
  }

  static func isConstant(variance: Double, mean: Double, count n: Double) -> Bool {
    let eps = Double.ulpOfOne
    let bound = n * eps * variance + (n * mean * eps) * (n * mean * eps)
    return !(variance > bound)
  }

  /// Output column names: `name`, then `name_missing` if there is an indicator.
  package var outputNames: [String] { hasMissingIndicator ? [name, name + "_missing"] : [name] }

  /// The encoded value of `v` (and its indicator).
  package func encode(_ v: Double) -> (value: Double, missing: Double) {
    guard v.isFinite else { return ((median - mean) / standardDeviation, 1) }
    return ((Self.apply(transform, v) - mean) / standardDeviation, 0)
  }

  /// `transform` applied to one value.
  static func apply(_ transform: NumericTransform, _ v: Double) -> Double {
    switch transform {
    case .identity: v
    // log1p(±0) is that zero bit for bit: zeros (common: no spend in a window) skip the call.
    case .signedLog1p: v == 0 ? v : v < 0 ? -log1p(-v) : log1p(v)
    }
  }
}
