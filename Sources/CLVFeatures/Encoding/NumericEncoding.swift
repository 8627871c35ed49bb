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
    let known = column.values.filter(\.isFinite).map { Self.apply(column.transform, $0) }.sorted()
    hasMissingIndicator = known.count < column.values.count
    if known.isEmpty {
      median = 0
    } else {
      let mid = known.count / 2
      median = known.count % 2 == 1 ? known[mid] : (known[mid - 1] + known[mid]) / 2
    }
    let imputed = column.values.map { $0.isFinite ? Self.apply(column.transform, $0) : 0 }
    let n = Double(max(column.values.count, 1))
    let missing = Double(column.values.count - known.count)
    let m = (imputed.reduce(0, +) + missing * median) / n
    var ss = 0.0
    for v in column.values {
      let t = v.isFinite ? Self.apply(column.transform, v) : median
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
    case .signedLog1p: v < 0 ? -log1p(-v) : log1p(v)
    }
  }
}
