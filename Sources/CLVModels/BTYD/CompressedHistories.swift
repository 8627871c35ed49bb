/// Purchase histories with identical (x, tₓ, T) rows merged into one weighted pattern.
///
/// The BTYD likelihoods depend on a customer only through (x, tₓ, T), so n identical
/// customers contribute n times one term. With times on a day grid, real data compress
/// about two-fold on the bench files (``DistinctHistories``, which does the merging), which
/// makes fitting cheaper. Patterns are sorted by (x, tₓ, T), so the
/// order (and every floating-point sum over it) does not depend on the input order.
/// Storage is struct-of-arrays for the likelihood loops.
package struct CompressedHistories: Sendable, Equatable {
  /// x of each pattern.
  package private(set) var frequency: [Double] = []
  /// tₓ of each pattern.
  package private(set) var recency: [Double] = []
  /// T of each pattern.
  package private(set) var age: [Double] = []
  /// How many customers share the pattern (or the caller's weights).
  package private(set) var weight: [Double] = []
  /// The distinct values of x, ascending (terms that depend on x only are computed once each).
  package private(set) var frequencyLevels: [Double] = []
  /// Total weight of each frequency level.
  package private(set) var levelWeights: [Double] = []
  /// For each pattern, the index of its x in `frequencyLevels` (per-x constants are
  /// computed once per level and looked up in the pattern loops).
  private(set) var levelIndex: [Int32] = []
  /// The distinct (x, y) pairs with y a pattern's tₓ or T, as x and y columns: the Pareto/NBD
  /// terms G(tₓ) and G(T) depend on a pattern only through (x, tₓ) and (x, T), far fewer
  /// pairs than patterns on a day grid, so they are computed once per pair.
  private(set) var pairFrequency: [Double] = []
  /// y of each pair (scaled with the times).
  private(set) var pairTime: [Double] = []
  /// For each pattern, the index of its (x, tₓ) in the pairs.
  private(set) var recencyPair: [Int32] = []
  /// For each pattern, the index of its (x, T) in the pairs.
  private(set) var agePair: [Int32] = []

  /// Number of distinct patterns.
  package var count: Int { frequency.count }
  /// Σ weights (the number of customers when unweighted).
  package var totalWeight: Double { weight.reduce(0, +) }

  /// Validates and compresses histories, each with weight 1 unless `weights` is given.
  /// - Throws: ``BTYDError`` for empty input, an invalid history or a non-positive weight.
  package init(_ histories: [PurchaseHistory], weights: [Double]? = nil, model: String = "BTYD") throws {
    guard !histories.isEmpty else { throw BTYDError.emptyInput(model: model) }
    if let weights, weights.count != histories.count {
      throw BTYDError.invalidConfiguration(
        "\(weights.count) weights for \(histories.count) histories; pass one weight per history")
    }
    for (i, h) in histories.enumerated() {
      if let reason = h.invalidityReason {
        throw BTYDError.invalidHistory(index: i, history: h, reason: reason)
      }
      let w = weights?[i] ?? 1
      guard w > 0, w.isFinite else {
        throw BTYDError.invalidConfiguration("weight #\(i) is \(w); weights must be positive")
      }
    }
    let distinct = DistinctHistories(histories)
    let unique = distinct.patterns
    var uniqueWeight = [Double](repeating: 0, count: unique.count)
    for (i, u) in distinct.index.enumerated() { uniqueWeight[Int(u)] += weights?[i] ?? 1 }
    let order = unique.indices.sorted {
      let (a, b) = (unique[$0], unique[$1])
      return (a.frequency, a.recency, a.age) < (b.frequency, b.recency, b.age)
    }
    frequency.reserveCapacity(order.count)
    recency.reserveCapacity(order.count)
    age.reserveCapacity(order.count)
    weight.reserveCapacity(order.count)
    for u in order {
      let (h, w) = (unique[u], uniqueWeight[u])
      frequency.append(h.frequency)
      recency.append(h.recency)
      age.append(h.age)
      weight.append(w)
      if frequencyLevels.last == h.frequency {
        levelWeights[levelWeights.count - 1] += w
      } else {
        frequencyLevels.append(h.frequency)
        levelWeights.append(w)
      }
      levelIndex.append(Int32(frequencyLevels.count - 1))
    }
    // (x, 0, y) rows collapse to the (x, y) pairs: recencies first, then ages.
    let pairs = DistinctHistories(
      zip(frequency, recency).map { PurchaseHistory(frequency: $0, recency: 0, age: $1) }
        + zip(frequency, age).map { PurchaseHistory(frequency: $0, recency: 0, age: $1) })
    pairFrequency = pairs.patterns.map(\.frequency)
    pairTime = pairs.patterns.map(\.age)
    recencyPair = Array(pairs.index[..<count])
    agePair = Array(pairs.index[count...])
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
    copy.pairTime = pairTime.map { $0 * factor }
    return copy
  }
}
