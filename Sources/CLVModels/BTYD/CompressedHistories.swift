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
    // Merge identical rows with an open-addressing hash table on the bit patterns
    // (several times faster than a Dictionary of structs at a million rows).
    var capacity = 16
    while capacity < 2 * histories.count { capacity <<= 1 }
    let mask = capacity - 1
    var slots = [Int](repeating: -1, count: capacity)
    var ux: [Double] = [], utx: [Double] = [], uT: [Double] = [], uw: [Double] = []
    for (i, h) in histories.enumerated() {
      if let reason = h.invalidityReason {
        throw BTYDError.invalidHistory(index: i, history: h, reason: reason)
      }
      let w = weights?[i] ?? 1
      guard w > 0, w.isFinite else {
        throw BTYDError.invalidConfiguration("weight #\(i) is \(w); weights must be positive")
      }
      // + 0 turns −0.0 into +0.0 so equal values have equal bit patterns.
      let (x, tx, T) = (h.frequency + 0, h.recency + 0, h.age + 0)
      var hash = x.bitPattern &* 0x9E37_79B9_7F4A_7C15
      hash = (hash ^ tx.bitPattern) &* 0xBF58_476D_1CE4_E5B9
      hash = (hash ^ T.bitPattern) &* 0x94D0_49BB_1331_11EB
      var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
      while true {
        let u = slots[slot]
        if u < 0 {
          slots[slot] = ux.count
          ux.append(x); utx.append(tx); uT.append(T); uw.append(w)
          break
        }
        if ux[u] == x && utx[u] == tx && uT[u] == T {
          uw[u] += w
          break
        }
        slot = (slot + 1) & mask
      }
    }
    let order = ux.indices.sorted { (ux[$0], utx[$0], uT[$0]) < (ux[$1], utx[$1], uT[$1]) }
    frequency.reserveCapacity(order.count)
    for u in order {
      frequency.append(ux[u])
      recency.append(utx[u])
      age.append(uT[u])
      weight.append(uw[u])
      if frequencyLevels.last == ux[u] {
        levelWeights[levelWeights.count - 1] += uw[u]
      } else {
        frequencyLevels.append(ux[u])
        levelWeights.append(uw[u])
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
