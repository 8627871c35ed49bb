import Testing

@testable import CLVPipeline

/// The explanations read the importance sample out of the test customers' own table.
@Suite struct ExplainStageTests {
  @Test func positionsOfASampleInTheTestRows() {
    let all = [3, 4, 8, 10, 11, 20]
    #expect(ExplainStage.positions(of: [4, 10, 20], in: all) == [1, 3, 5])
    #expect(ExplainStage.positions(of: all, in: all) == Array(all.indices))
    #expect(ExplainStage.positions(of: [], in: all) == [])
    let sample = ExplainStage.sample(Array(stride(from: 0, to: 3_000, by: 3)), count: 100, seed: 9)
    let positions = ExplainStage.positions(of: sample, in: Array(stride(from: 0, to: 3_000, by: 3)))
    #expect(positions.map { $0 * 3 } == sample)
  }
}
