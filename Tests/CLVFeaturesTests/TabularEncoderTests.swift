import CLVMath
import Foundation
import Testing

@testable import CLVFeatures

/// The tabular encoder against hand-computed standardisation and one-hot blocks.
@Suite struct TabularEncoderTests {
  let e1 = M_E - 1  // signedLog1p(e − 1) = 1

  var training: FeatureTable {
    FeatureTable(
      rowIDs: ["a", "b", "c", "d"],
      numeric: [
        NumericColumn(name: "x", values: [1, 2, .nan, 5]),
        NumericColumn(name: "lg", values: [-e1, 0, e1, M_E * M_E - 1], transform: .signedLog1p),
        NumericColumn(name: "c", values: [7, 7, 7, 7]),
      ],
      categorical: [CategoricalColumn(name: "ch", values: ["web", "app", "web", nil])])
  }

  @Test func namesAndGroupsInFixedOrder() {
    let enc = TabularEncoderConfig(maxLevels: 1).fit(training)
    #expect(enc.outputNames == ["x", "x_missing", "lg", "c", "ch=web", "ch=(other)", "ch=(missing)"])
    #expect(
      enc.featureGroups == [
        FeatureGroup(name: "x", columns: [0, 1]), FeatureGroup(name: "lg", columns: [2]),
        FeatureGroup(name: "c", columns: [3]), FeatureGroup(name: "ch", columns: [4, 5, 6]),
      ])
  }

  /// The Float32 rows (whole table, or any row range into a buffer) are the Double
  /// encoding rounded to Float, bit for bit.
  @Test func floatRowsAreTheDoubleEncodingRounded() {
    let enc = TabularEncoderConfig(maxLevels: 1).fit(training)
    let expected = enc.transform(training).values.map { Float($0).bitPattern }
    #expect(enc.transformFloat(training).values.map(\.bitPattern) == expected)
    let columns = enc.columns(of: training)
    var part = [Float](repeating: .nan, count: 2 * columns.width)
    part.withUnsafeMutableBufferPointer { columns.fill(1..<3, into: $0.baseAddress!) }
    #expect(part.map(\.bitPattern) == Array(expected[columns.width..<(3 * columns.width)]))
  }

  @Test func standardisationByHand() {
    let m = TabularEncoderConfig(maxLevels: 1).fit(training).transform(training)
    // x: median of {1, 2, 5} = 2 imputes the NaN → [1, 2, 2, 5], mean 2.5, sd √(9/4) = 1.5.
    let x: [Double] = [-1, -1.0 / 3, -1.0 / 3, 5.0 / 3]
    // lg: signedLog1p → [−1, 0, 1, 2], mean 0.5, sd √1.25.
    let lg = [-1.0, 0, 1, 2].map { ($0 - 0.5) / 1.25.squareRoot() }
    for i in 0..<4 {
      #expect(abs(m[i, 0] - x[i]) < 1e-12)
      #expect(abs(m[i, 2] - lg[i]) < 1e-12)
      #expect(m[i, 3] == 0)  // constant column: sd 0 → 1, value − mean = 0
    }
    #expect(m.column(1) == [0, 0, 1, 0])
    // ch, maxLevels 1: web kept (2 rows), app → other, nil → missing.
    #expect(m.row(0).suffix(3) == [1, 0, 0])
    #expect(m.row(1).suffix(3) == [0, 1, 0])
    #expect(m.row(3).suffix(3) == [0, 0, 1])
  }

  @Test func newDataUsesTrainingStatistics() {
    let enc = TabularEncoderConfig(maxLevels: 1).fit(training)
    let test = FeatureTable(
      rowIDs: ["e", "f"],
      numeric: [
        NumericColumn(name: "c", values: [9, 7]),  // order of columns does not matter
        NumericColumn(name: "x", values: [.nan, 10]),
        NumericColumn(name: "lg", values: [0, 0], transform: .signedLog1p),
      ],
      categorical: [CategoricalColumn(name: "ch", values: ["tv", nil])])
    let m = enc.transform(test)
    // Training median 2, mean 2.5, sd 1.5 — not this table's statistics.
    #expect(abs(m[0, 0] - (-1.0 / 3)) < 1e-12 && m[0, 1] == 1)
    #expect(abs(m[1, 0] - 5) < 1e-12 && m[1, 1] == 0)
    #expect(m[0, 3] == 2)  // (9 − 7) / 1
    #expect(m.row(0).suffix(3) == [0, 1, 0])  // unseen level → other
    #expect(m.row(1).suffix(3) == [0, 0, 1])
  }

  /// A column constant in training whose mean does not round back to the value (the
  /// cutoff month's cosine at a single backtest origin, 50 rows: the computed sd is
  /// about 1e−15, not 0) is treated as constant, so a forward value one month later is encoded
  /// as (t − mean)/1, not divided by rounding error (was 1.4e16; a network then predicted
  /// infinite spend and `clv report --horizon 90d` stopped with exit 70).
  @Test func aConstantColumnWithRoundingErrorIsConstant() {
    let v = -0.9804691603616312
    let table = FeatureTable(
      rowIDs: (0..<50).map { "r\($0)" }, numeric: [NumericColumn(name: "cos", values: Array(repeating: v, count: 50))])
    let encoding = NumericEncoding(fitting: table.numeric[0])
    #expect(encoding.standardDeviation == 1)
    let later = encoding.encode(-0.8660254037844387).value
    #expect(abs(later - (-0.8660254037844387 - v)) < 1e-12)
    // A column that truly varies by little keeps its own sd.
    let small = NumericEncoding(fitting: NumericColumn(name: "s", values: [1, 1 + 1e-9, 1, 1 + 1e-9]))
    #expect(abs(small.standardDeviation - 5e-10) < 1e-15)
  }

  @Test func topLevelsByFrequencyThenName() {
    let t = FeatureTable(
      rowIDs: (0..<7).map(String.init), numeric: [],
      categorical: [CategoricalColumn(name: "k", values: ["b", "a", "c", "c", "b", "a", "d"])])
    let enc = TabularEncoderConfig(maxLevels: 2).fit(t)
    // a, b, c tie at 2: a and b win by name; c and d → other; no nils → no missing column.
    #expect(enc.outputNames == ["k=a", "k=b", "k=(other)"])
    #expect(enc.transform(t).column(2) == [0, 0, 1, 1, 0, 0, 1])
  }

  /// Encoding a range of rows gives exactly those rows of the whole table's matrix
  /// (what the tree models' blocked prediction relies on), missing values and categories included.
  @Test func rowRangeIsTheSameRowsOfTheWholeMatrix() {
    let enc = TabularEncoderConfig(maxLevels: 1).fit(training)
    let whole = enc.transform(training)
    for range in [0..<4, 1..<3, 2..<4, 3..<4, 2..<2] {
      let part = enc.transform(training, rows: range)
      #expect(part.rows == range.count && part.columns == whole.columns)
      let expected = Array(whole.values[(range.lowerBound * whole.columns)..<(range.upperBound * whole.columns)])
      #expect(part.values.elementsEqual(expected) { $0 == $1 || ($0.isNaN && $1.isNaN) }, "rows \(range)")
    }
    // Row 2 has a missing x (indicator 1) and category "web"; the block starting there begins with it.
    let third = enc.transform(training, rows: 2..<3).values
    #expect(third[1] == 1 && third[4] == 1)
  }

  @Test func codableRoundTrip() throws {
    let enc = TabularEncoderConfig().fit(training)
    let back = try JSONDecoder().decode(TabularEncoder.self, from: JSONEncoder().encode(enc))
    #expect(back == enc)
    #expect(back.transform(training) == enc.transform(training))
  }

  @Test func selectionFindsTheSortedOrderStatistic() {
    // Seeded arrays with many ties (small integer ranges), distinct values, and sizes 1…40
    // and larger: every rank's value equals the sorted array's, and the array is split
    // around it.
    var rng = SplitMix64(seed: 11)
    for trial in 0..<400 {
      let n = trial < 200 ? 1 + trial % 40 : 100 + Int(rng.next() % 2_000)
      let spread = [2, 5, 1_000_000][trial % 3]
      let values = (0..<n).map { _ in Double(Int(rng.next() % UInt64(spread))) - Double(spread / 2) }
      let sorted = values.sorted()
      for k in Set([0, n / 2, n - 1, Int(rng.next() % UInt64(n))]) {
        var v = values
        let x = NumericEncoding.select(&v, rank: k)
        #expect(x == sorted[k], "n \(n), rank \(k)")
        #expect(v[..<k].allSatisfy { $0 <= x } && v[(k + 1)...].allSatisfy { $0 >= x }, "n \(n), rank \(k)")
        #expect(v.sorted() == sorted)
      }
    }
  }
}
