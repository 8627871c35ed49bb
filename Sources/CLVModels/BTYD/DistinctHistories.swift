/// The distinct (x, tₓ, T) rows of a list of histories and, for each row, which of them
/// it is: the one place identical histories are collapsed.
///
/// Every BTYD quantity depends on a customer only through (x, tₓ, T): the likelihood term
/// (``CompressedHistories`` sums n identical customers as one term of weight n) and the
/// predictions (E[Y(t) | x, tₓ, T], P(alive | x, tₓ, T), computed once per distinct row and
/// shared). With times on a day grid many customers coincide (about half on the bench
/// files of `reports/benchmarks.md`, more in short histories).
/// −0 and +0 are one value; rows are otherwise compared bit for bit.
package struct DistinctHistories: Sendable {
  /// The distinct rows, in order of first appearance.
  package private(set) var patterns: [PurchaseHistory] = []
  /// For each input row, the index of its row in ``patterns``.
  package private(set) var index: [Int32] = []

  /// Collapses `histories` (not validated here; see ``PurchaseHistory/invalidityReason``).
  package init(_ histories: [PurchaseHistory]) {
    precondition(histories.count < Int(Int32.max), "too many histories for 32-bit indices")
    index.reserveCapacity(histories.count)
    // Merge identical rows with an open-addressing hash table (several times faster
    // than a Dictionary of structs at a million rows). A slot packs the high 32 bits of
    // the hash with 1 + the index of the unique row, so most probes touch one cache line.
    // The table starts small and doubles at half load: distinct patterns are usually far
    // fewer than rows, and a small table stays in cache.
    var mask = 1023
    var slots = [UInt64](repeating: 0, count: mask + 1)
    var hashes: [UInt64] = []
    for h in histories {
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
          index.append(Int32(patterns.count))
          patterns.append(key)
          hashes.append(hash)
          slots[slot] = tag | UInt64(patterns.count)
          if 2 * patterns.count > mask { Self.grow(&slots, &mask, hashes: hashes) }
          break
        }
        if entry & 0xFFFF_FFFF_0000_0000 == tag {
          let u = Int(entry & 0xFFFF_FFFF) - 1
          if patterns[u] == key {
            index.append(Int32(u))
            break
          }
        }
        slot = (slot + 1) & mask
      }
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
}
