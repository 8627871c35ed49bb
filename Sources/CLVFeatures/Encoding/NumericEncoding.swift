import Foundation

/// The fitted encoding of one numeric column: transform, impute, standardise.
///
///     t = transform(v)             (signedLog1p: sign(v)·log(1+|v|))
///     t = median_train(t) if v is NaN or infinite
///     out = (t − mean_train) / sd_train   (statistics after imputation; sd 0 → 1)
///     indicator = 1 if v was missing else 0   (only if training had missing values)
public struct NumericEncoding: Sendable, Codable, Equatable {
  /// Source column name.
  public let name: String
  /// Transform applied before imputation.
  public let transform: NumericTransform
  /// Training median of the transformed known values (0 if none were known).
  public let median: Double
  /// Training mean after imputation.
  public let mean: Double
  /// Training population sd after imputation (1 where it was 0).
  public let standardDeviation: Double
  /// Whether a missing-indicator column is emitted.
  public let hasMissingIndicator: Bool

  /// Fits on the training values of `column`.
  public init(fitting column: NumericColumn) {
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
    let sd = (ss / n).squareRoot()
    standardDeviation = sd > 0 ? sd : 1
  }

  /// Output column names: `name`, then `name_missing` if there is an indicator.
  public var outputNames: [String] { hasMissingIndicator ? [name, name + "_missing"] : [name] }

  /// The encoded value of `v` (and its indicator).
  public func encode(_ v: Double) -> (value: Double, missing: Double) {
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
