import CLVMath
import Testing

@testable import CLVEvaluation

/// The radix path of `RankOrder.descending` gives the comparison sort's order exactly:
/// largest first, ties (including −0 against +0) in input order, negative values,
/// values spanning many magnitudes, and sizes around the switch-over.
@Suite struct RankOrderTests {
  static func sample(_ n: Int, seed: UInt64, distinct: Int?) -> [Double] {
    var rng = SplitMix64(seed: seed)
    return (0..<n).map { i in
      if let distinct { return Double(Int(rng.next() % UInt64(distinct))) - Double(distinct / 2) }
      switch i % 7 {
      case 0: return 0
      case 1: return -0.0
      case 2: return rng.nextNormal() * 1e-300
      case 3: return -rng.nextNormal() * 1e12
      default: return rng.nextNormal()
      }
    }
  }

  @Test(arguments: [(1, nil), (300, 5), (257, nil), (4_000, nil), (38_000, 200), (38_000, nil), (1_000, 1)] as [(Int, Int?)])
  func radixMatchesComparisonSort(_ c: (Int, Int?)) {
    let values = Self.sample(c.0, seed: UInt64(c.0), distinct: c.1)
    #expect(RankOrder.radixDescending(values) == RankOrder.comparisonDescending(values))
    #expect(RankOrder.descending(values) == RankOrder.comparisonDescending(values))
  }

  @Test func nonFiniteValuesTakeTheComparisonPath() {
    var values = Self.sample(1_000, seed: 3, distinct: nil)
    values[17] = .infinity
    #expect(RankOrder.descending(values) == RankOrder.comparisonDescending(values))
  }
}
