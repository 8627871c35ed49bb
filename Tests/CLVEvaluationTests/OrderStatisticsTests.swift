import CLVMath
import Testing

@testable import CLVEvaluation

/// The order statistics found by selection are the sorted array's values bit for bit: on
/// distinct values, long runs of ties, both zeros mixed (whose order a stable sort keeps),
/// sorted and reversed input (bad pivots), small and large arrays, repeated and unordered ranks.
@Suite struct OrderStatisticsTests {
  @Test func selectionGivesTheSortedValuesBitForBit() {
    var rng = SplitMix64(seed: 91)
    var cases = [[Double]]()
    for n in [1, 2, 31, 33, 1_000, 20_001] {
      cases.append((0..<n).map { _ in rng.nextNormal() * 100 })
      cases.append((0..<n).map { _ in Double(rng.next() % 7) - 3 })
      cases.append((0..<n).map { _ in rng.next() % 3 == 0 ? (rng.next() % 2 == 0 ? -0.0 : 0.0) : Double(rng.next() % 5) - 2 })
      cases.append((0..<n).map { Double($0) })
      cases.append((0..<n).map { -Double($0 % 97) })
      cases.append((0..<n).map { _ in -0.0 })
    }
    var failures = 0
    for values in cases {
      let sorted = values.sorted()
      var ranks = (0..<40).map { _ in Int(rng.next() % UInt64(values.count)) }
      ranks += [0, values.count - 1, values.count / 2, ranks[3]]
      let found = OrderStatistics.values(values, ranks: ranks)
      for (r, v) in zip(ranks, found) where v.bitPattern != sorted[r].bitPattern { failures += 1 }
    }
    #expect(failures == 0)
    #expect(OrderStatistics.values([3, 1], ranks: []) == [])
  }
}
