/// Purchase histories with identical (x, tₓ, T) rows merged into one weighted pattern.
///
/// The BTYD likelihoods depend on a customer only through (x, tₓ, T), so n identical
/// customers contribute n times one term. With times on a day grid, real data compress
/// several-fold, which makes fitting cheaper. Patterns are sorted by (x, tₓ, T), so the
/// order (and every floating-point sum over it) does not depend on the input order.
/// Storage is struct-of-arrays for the likelihood loops.
public struct CompressedHistories: Sendable, Equatable {
  /// x of each pattern.
  public private(set) var frequency: [Double] = []
  /// tₓ of each pattern.
  public private(set) var recency: [Double] = []
  /// T of each pattern.
  public private(set) var age: [Double] = []
  /// How many customers share the pattern (or the caller's weights).
  public private(set) var weight: [Double] = []
  /// The distinct values of x, ascending (terms that depend on x only are computed once each).
  public private(set) var frequencyLevels: [Double] = []
  /// Total weight of each frequency level.
  public private(set) var levelWeights: [Double] = []

  /// Number of distinct patterns.
  public var count: Int { frequency.count }
  /// Σ weights (the number of customers when unweighted).
  public var totalWeight: Double { weight.reduce(0, +) }

  /// Validates and compresses histories, each with weight 1 unless `weights` is given.
  /// - Throws: ``BTYDError`` for empty input, an invalid history or a non-positive weight.
  public init(_ histories: [PurchaseHistory], weights: [Double]? = nil, model: String = "BTYD") throws {
    guard !histories.isEmpty else { throw BTYDError.emptyInput(model: model) }
    if let weights, weights.count != histories.count {
      throw BTYDError.invalidConfiguration(
        "\(weights.count) weights for \(histories.count) histories; pass one weight per history")
    }
    var merged: [PurchaseHistory: Double] = [:]
    merged.reserveCapacity(min(histories.count, 1 << 20))
    for (i, h) in histories.enumerated() {
      if let reason = h.invalidityReason {
        throw BTYDError.invalidHistory(index: i, history: h, reason: reason)
      }
      let w = weights?[i] ?? 1
      guard w > 0, w.isFinite else {
        throw BTYDError.invalidConfiguration("weight #\(i) is \(w); weights must be positive")
      }
      merged[h, default: 0] += w
    }
    let keys = merged.keys.sorted {
      ($0.frequency, $0.recency, $0.age) < ($1.frequency, $1.recency, $1.age)
    }
    frequency.reserveCapacity(keys.count)
    for key in keys {
      let w = merged[key] ?? 0
      frequency.append(key.frequency)
      recency.append(key.recency)
      age.append(key.age)
      weight.append(w)
      if frequencyLevels.last == key.frequency {
        levelWeights[levelWeights.count - 1] += w
      } else {
        frequencyLevels.append(key.frequency)
        levelWeights.append(w)
      }
    }
  }

  /// The largest T (used to rescale time for conditioning).
  var maxAge: Double { age.max() ?? 1 }

  /// Whether anyone made a repeat purchase.
  var hasRepeaters: Bool { (frequencyLevels.last ?? 0) > 0 }

  /// A copy with all times multiplied by `factor` (x and weights unchanged).
  func scaled(by factor: Double) -> CompressedHistories {
    var copy = self
    copy.recency = recency.map { $0 * factor }
    copy.age = age.map { $0 * factor }
    return copy
  }
}
