import CLVData
import CLVMath
import Foundation
import Testing

@testable import CLVPipeline

/// With a history shorter than the horizon there is no backtest: the run says so
/// plainly and still writes forward predictions and the report.
@Suite struct ShortHistoryTests {
  @Test func noBacktestButAReport() async throws {
    let dir = PipelineFixture.temporaryDirectory("short")
    let shop = SampleShop(
      customers: 300, endDate: CivilDate(iso: "2026-09-30")!, days: 150, eventScale: 0.3, dirt: false)
    var rng = SplitMix64(seed: 3)
    _ = try shop.generate(using: &rng).write(to: dir)
    let o = PipelineFixture.options(
      out: dir + "/out",
      [
        "--transactions", dir + "/transactions.csv", "--customers", dir + "/customers.csv",
        "--events", dir + "/events.csv", "--horizon", "365d",
      ])
    let outcome = try await PipelineFixture.run(o)
    #expect(!outcome.gatesFailed)
    let md = PipelineFixture.read(dir + "/out/report.md")
    #expect(md.contains("No backtest"))
    #expect(md.contains("a backtest with horizon 365d needs at least"))
    let predictions = PipelineFixture.read(dir + "/out/predictions.csv").split(separator: "\n")
    #expect(predictions.count > 100)
    #expect(!FileManager.default.fileExists(atPath: dir + "/out/backtest.csv"))
  }
}
