/// Purchase histories with identical (x, tₓ, T) rows merged into one weighted pattern.
///
/// The BTYD likelihoods depend on a customer only through (x, tₓ, T), so n identical
/// customers contribute n times one term. With times on a day grid, real data compress
/// several-fold, which makes fitting cheaper. Patterns are sorted by (x, tₓ, T), so the
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
    // Merge identical rows with an open-addressing hash table (several times faster
    // than a Dictionary of structs at a million rows). A slot packs the high 32 bits of
    // the hash with 1 + the index of the unique row, so most probes touch one cache line.
    // The table starts small and doubles at half load: distinct patterns are usually far
    // fewer than rows, and a small table stays in cache.
    var mask = 1023
    var slots = [UInt64](repeating: 0, count: mask + 1)
    var unique: [PurchaseHistory] = []
    var uniqueWeight: [Double] = []
    var uniqueHash: [UInt64] = []
    for (i, h) in histories.enumerated() {
      if let reason = h.invalidityReason {
        throw BTYDError.invalidHistory(index: i, history: h, reason: reason)
      }
      let w = weights?[i] ?? 1
      guard w > 0, w.isFinite else {
        throw BTYDError.invalidConfiguration("weight #\(i) is \(w); weights must be positive")
      }
      // + 0 turns −0.0 into +0.0 so equal values have equal bit patterns.
      let key = PurchaseHistory(frequency: h.frequency + 0, recency: h.recency + 0, age: h.age + 0)
      // Full avalanche per field: times like k/7 share their low mantissa bits, so a
      // weak mix would put most rows in a few slots.
      let hash = Self.mix(
        Self.mix(Self.mix(key.frequency.bitPattern) ^ key.recency.bitPattern) ^ key.age.bitPattern)
      let tag = hash & 0xFFFF_FFFF_0000_0000
      var slot = Int(truncatingIfNeeded: hash) & mask
      while true {
        let entry = slots[slot]
        if entry == 0 {
          unique.append(key)
          uniqueWeight.append(w)
          uniqueHash.append(hash)
          slots[slot] = tag | UInt64(unique.count)
          if 2 * unique.count > mask { Self.grow(&slots, &mask, hashes: uniqueHash) }
          break
        }
        if entry & 0xFFFF_FFFF_0000_0000 == tag {
          let u = Int(entry & 0xFFFF_FFFF) - 1
          if unique[u] == key {
            uniqueWeight[u] += w
            break
          }
        }
        slot = (slot + 1) & mask
      }
    }
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
  }

  /// Doubles the hash table and re-inserts every unique row by its stored hash.
  private static func grow(_ slots: inout [UInt64], _ mask: inout Int, hashes: [UInt64]) {
    mask = 2 * mask + 1
    slots = [UInt64](repeating: 0, count: mask + 1)
    for (u, hash) in hashes.enumerated() {
      var slot = Int(truncatingIfNeeded: hash) & mask
      while slots[slot] != 0 { slot = (slot + 1) & mask }
      slots[slot] = (hash & 0xFFFF_FFFF_0000_0000) | UInt64(u + 1)
    }
  }

  /// SplitMix64's finaliser: every input bit affects every output bit.
  @inline(__always)
  private static func mix(_ value: UInt64) -> UInt64 {
    var z = value &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
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
