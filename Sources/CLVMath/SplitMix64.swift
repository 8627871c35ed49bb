/// A small, fast, seedable pseudo-random number generator (SplitMix64).
///
/// Every random choice in `clv` draws from a generator that is passed in
/// (`using: inout some RandomNumberGenerator`), never from a global one, so the
/// same seed gives byte-identical outputs. SplitMix64 passes BigCrush and is the
/// generator Java's `SplittableRandom` and many xoshiro seeders use.
///
/// Reference: Steele, Lea & Flood (2014), "Fast splittable pseudorandom number
/// generators", OOPSLA.
package struct SplitMix64: RandomNumberGenerator, Sendable {
  /// The generator's whole state.
  package private(set) var state: UInt64

  /// Creates a generator whose sequence is fixed by `seed`.
  package init(seed: UInt64) {
    self.state = seed
  }

  /// Returns the next 64 random bits.
  package mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Returns an independent generator derived from this one's next output, for
  /// handing a stream to a sub-task (one per restart, one per thread).
  package mutating func split() -> SplitMix64 {
    SplitMix64(seed: next())
  }
}
