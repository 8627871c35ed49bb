/// The part of the backtest a customer belongs to.
package enum DataSplit: String, Sendable, Codable, CaseIterable {
  /// Fits the models.
  case train
  /// Picks the champion and stops training early.
  case validation
  /// Reports the metrics; never used to choose anything.
  case test
}

/// Assigns customers to train/validation/test by a seeded hash of the id.
///
/// The assignment of a customer depends only on its id and the seed, not on who
/// else is in the data, so a customer stays in the same split when data is added.
/// Hash: FNV-1a (64-bit) over the UTF-8 bytes, mixed with the seed and finished
/// with the SplitMix64 finaliser; the top 53 bits give u ∈ [0, 1).
package struct SplitAssigner: Sendable, Equatable, Codable {
  /// Fraction of customers in train.
  package let train: Double
  /// Fraction of customers in validation (test gets the rest).
  package let validation: Double
  /// Seed of the hash.
  package let seed: UInt64

  /// Creates an assigner; fractions must be non-negative with train + validation ≤ 1.
  package init(train: Double = 0.7, validation: Double = 0.15, seed: UInt64) {
    precondition(train > 0 && validation >= 0 && train + validation <= 1, "invalid split fractions")
    self.train = train
    self.validation = validation
    self.seed = seed
  }

  /// Parses `0.7/0.15/0.15` (or `70/15/15`).
  package init(parsing text: String, seed: UInt64) throws {
    let parts = text.split(separator: "/").compactMap { Double($0) }
    guard parts.count == 3, parts.allSatisfy({ $0 >= 0 }), parts[0] > 0 else {
      throw FeatureError.invalidSplit(text)
    }
    let total = parts.reduce(0, +)
    guard abs(total - 1) < 1e-9 || abs(total - 100) < 1e-9 else { throw FeatureError.invalidSplit(text) }
    self.init(train: parts[0] / total, validation: parts[1] / total, seed: seed)
  }

  /// The uniform number in [0, 1) the id hashes to.
  package func unitHash(_ id: String) -> Double {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in id.utf8 {
      h ^= UInt64(b)
      h = h &* 0x0000_0100_0000_01b3
    }
    var z = h ^ (seed &+ 0x9E37_79B9_7F4A_7C15)
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    z ^= z >> 31
    return Double(z >> 11) * 0x1.0p-53
  }

  /// The split of customer `id`.
  package func split(of id: String) -> DataSplit {
    let u = unitHash(id)
    if u < train { return .train }
    if u < train + validation { return .validation }
    return .test
  }
}
