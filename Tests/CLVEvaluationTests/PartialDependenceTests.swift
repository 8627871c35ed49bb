import CLVMath
import Testing

@testable import CLVEvaluation

@Suite struct PartialDependenceTests {
  @Test func linearModelGivesLinearCurve() throws {
    // f(x) = 2·x0 + 3·x1 + 1 → PD(v) = 2v + 3·mean(x1) + 1, mean(x1) = (5+1+4+2+3)/5 = 3 → 2v + 10.
    let x = Matrix(rowArrays: [[1, 5], [2, 1], [3, 4], [4, 2], [5, 3]])
    let curve = PartialDependence(gridIntervals: 4).compute(features: x, column: 0) { m in
      (0..<m.rows).map { 2 * m[$0, 0] + 3 * m[$0, 1] + 1 }
    }
    // Type-7 quantiles of 1…5 at 0, .25, .5, .75, 1 are 1…5 (numpy.quantile agrees).
    #expect(curve.grid == [1, 2, 3, 4, 5])
    for (v, pd) in zip(curve.grid, curve.averagePrediction) {
      #expect(abs(pd - (2 * v + 10)) < 1e-12)
    }
    // Deciles of 1…5: 1 + 4p → 1.4, 1.8, …, 4.6.
    #expect(curve.deciles.count == 9)
    #expect(abs(curve.deciles[0] - 1.4) < 1e-12 && abs(curve.deciles[8] - 4.6) < 1e-12)
  }

  @Test func binaryColumnGridIsItsTwoLevels() {
    let x = Matrix(rowArrays: [[0], [1], [1], [0], [1]])
    let curve = PartialDependence().compute(features: x, column: 0) { m in m.column(0) }
    #expect(curve.grid == [0, 1])
    #expect(curve.averagePrediction == [0, 1])
  }

  @Test func explicitGrid() {
    let x = Matrix(rowArrays: [[1], [2]])
    let curve = PartialDependence().compute(features: x, column: 0, grid: [10, 20]) { m in m.column(0) }
    #expect(curve.averagePrediction == [10, 20])
  }

  @Test func sampleRowsIsSeededDistinctAndBounded() {
    var a = SplitMix64(seed: 3), b = SplitMix64(seed: 3)
    let s1 = PartialDependence.sampleRows(total: 100, count: 10, using: &a)
    let s2 = PartialDependence.sampleRows(total: 100, count: 10, using: &b)
    #expect(s1 == s2 && Set(s1).count == 10 && s1 == s1.sorted() && s1.allSatisfy { $0 < 100 })
    #expect(PartialDependence.sampleRows(total: 5, count: 10, using: &a) == [0, 1, 2, 3, 4])
  }
}
