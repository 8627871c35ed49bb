import Testing

@testable import CLVFeatures

@Suite struct FeatureTableTests {
  @Test func selectingRowsKeepsColumnsAligned() {
    let t = FeatureTable(
      rowIDs: ["a", "b", "c"],
      numeric: [NumericColumn(name: "x", values: [1, 2, 3], transform: .signedLog1p)],
      categorical: [CategoricalColumn(name: "ch", values: ["web", nil, "app"])])
    let s = t.selectingRows([2, 0])
    #expect(s.rowIDs == ["c", "a"])
    #expect(s.numeric("x")?.values == [3, 1])
    #expect(s.categorical[0].values == ["app", "web"])
  }
}
