import Testing

@testable import CLVEvaluation

@Suite struct PopulationStabilityTests {
  @Test func handComputedNumericBins() throws {
    // Reference 1…10: type-7 deciles 1.9, 2.8, …, 9.1 (numpy.quantile) → 10 bins of share 0.1.
    // Current [1,1,1,1,1,6,7,8,9,10]: bin 1 holds 0.5, bins 2–5 are empty, bins 6–10 hold 0.1.
    // PSI = (0.5 − 0.1)·ln 5 + 4·(1e-4 − 0.1)·ln(1e-4/0.1) = 0.643775 + 2.760339 = 3.404114
    // (numpy: 3.4041141744549024).
    let reference = (1...10).map(Double.init)
    let psi = try #require(
      PopulationStabilityIndex.numeric(
        reference: reference, current: [1, 1, 1, 1, 1, 6, 7, 8, 9, 10]))
    #expect(psi.bins.count == 10)
    #expect(psi.bins[0].label == "≤ 1.9")
    #expect(abs(psi.value - 3.4041141744549024) < 1e-12)
    #expect(psi.band == .significantShift)
  }

  @Test func identicalDistributionsScoreZero() throws {
    let v: [Double] = [0, 0, 0, 3, 5, 5, 8, 13, 21, 34, 55, 89]
    let psi = try #require(PopulationStabilityIndex.numeric(reference: v, current: v.reversed()))
    #expect(psi.value == 0 && psi.band == .stable)
  }

  @Test func pointMassMergesDuplicateEdges() throws {
    // Reference 8 zeros, 5, 10: deciles 0,0,0,0,0,0,0,1,5.5 → edges {0, 1, 5.5}: 4 bins,
    // shares .8, 0, .1, .1. The empty bin contributes 0 when it is empty in both.
    let reference: [Double] = [0, 0, 0, 0, 0, 0, 0, 0, 5, 10]
    let psi = try #require(PopulationStabilityIndex.numeric(reference: reference, current: reference))
    #expect(psi.bins.map(\.label) == ["≤ 0", "(0, 1]", "(1, 5.5]", "> 5.5"])
    #expect(psi.bins.map(\.expectedShare) == [0.8, 0, 0.1, 0.1])
    #expect(psi.value == 0)
  }

  @Test func missingValuesGetTheirOwnBin() throws {
    let psi = try #require(PopulationStabilityIndex.numeric(reference: [1, 2, 3, 4], current: [1, 2, .nan, .nan]))
    #expect(psi.bins.last?.label == "missing")
    #expect(psi.bins.last?.actualShare == 0.5)
  }

  @Test func categoricalLevels() throws {
    // e = (.5, .5), a = (.25, .75): PSI = (−.25)·ln .5 + .25·ln 1.5 = 0.274653 (numpy).
    let psi = try #require(
      PopulationStabilityIndex.categorical(
        reference: ["a", "a", "b", "b"], current: ["a", "b", "b", "b"]))
    #expect(psi.bins.map(\.label) == ["a", "b"])
    #expect(abs(psi.value - 0.2746530721670274) < 1e-12)
    let withMissing = try #require(PopulationStabilityIndex.categorical(reference: ["a", nil], current: ["a", "a"]))
    #expect(withMissing.bins.map(\.label) == ["a", "missing"])
  }

  @Test(arguments: [
    (0.0999, StabilityBand.stable), (0.1, .moderateShift), (0.2499, .moderateShift), (0.25, .significantShift),
  ])
  func bands(psi: Double, band: StabilityBand) {
    #expect(StabilityBand(psi: psi) == band)
  }

  @Test func emptySampleIsUndefined() {
    #expect(PopulationStabilityIndex.numeric(reference: [], current: [1]) == nil)
    #expect(PopulationStabilityIndex.categorical(reference: ["a"], current: []) == nil)
  }
}
