import CLVMath
import CLVModels
import Testing

/// The collapsing of identical (x, tₓ, T) rows that the fits and the predictions share.
@Suite struct DistinctHistoriesTests {
  /// Hand-made rows: duplicates map to one pattern (−0 and +0 too), first-appearance order,
  /// and every row's pattern equals the row.
  @Test func rowsMapToTheirDistinctPattern() {
    let a = PurchaseHistory(frequency: 2, recency: 3, age: 9)
    let b = PurchaseHistory(frequency: 0, recency: 0, age: 9)
    let bNegative = PurchaseHistory(frequency: 0, recency: -0.0, age: 9)
    let c = PurchaseHistory(frequency: 2, recency: 3, age: 9.5)
    let rows = [a, b, a, c, bNegative, a, c]
    let d = DistinctHistories(rows)
    #expect(d.patterns == [a, b, c])
    #expect(d.index == [0, 1, 0, 2, 1, 0, 2])
  }

  /// Many rows (past several table doublings) on a small grid: the index reproduces every
  /// row, the patterns are distinct, and their number is the number of distinct rows.
  @Test func largeInputOnADayGrid() {
    var rng = SplitMix64(seed: 5)
    let rows = (0..<50_000).map { _ -> PurchaseHistory in
      let age = Double(1 + rng.next() % 60) / 7
      let x = Double(rng.next() % 6)
      let recency = x == 0 ? 0 : Double(rng.next() % UInt64(age * 7 + 1)) / 7
      return PurchaseHistory(frequency: x, recency: min(recency, age), age: age)
    }
    let d = DistinctHistories(rows)
    #expect(d.index.count == rows.count)
    #expect(zip(rows, d.index).allSatisfy { $0 == d.patterns[Int($1)] })
    #expect(Set(d.patterns).count == d.patterns.count)
    #expect(d.patterns.count == Set(rows).count && d.patterns.count < rows.count / 2)
  }
}
