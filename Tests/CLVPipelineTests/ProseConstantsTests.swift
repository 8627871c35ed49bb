import CLVEvaluation
import CLVModels
import Foundation
import Testing

@testable import CLVPipeline

/// The report's prose takes its numbers from the constants the code runs with: no source
/// line outside comments spells them, and a run's report states each one as the constant
/// formats. Change a constant and the report follows; retype a number and this fails.
@Suite(.serialized) struct ProseConstantsTests {
  /// Phrases that once repeated a constant in a string (#13).
  static let retyped = [
    "1.5×", "10 restarts", "2…10", "200 resamples", "1,500 shown", "≥ 50%", "at least 50%", "floored at 90",
    "within 10%", "95% bootstrap",
  ]

  @Test func noSourceLineRetypesAConstant() throws {
    let root = PipelineFixture.packageRoot + "/Sources/CLVPipeline"
    let files =
      FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String }.filter {
        $0.hasSuffix(".swift")
      } ?? []
    #expect(files.count > 20)
    for file in files {
      let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
      for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
      where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
        for phrase in Self.retyped { #expect(!line.contains(phrase), "\(file):\(n + 1) spells '\(phrase)'") }
      }
    }
  }

  @Test func theReportStatesEachConstantAsTheCodeHasIt() async throws {
    let out = PipelineFixture.temporaryDirectory("prose") + "/out"
    try await PipelineFixture.run(PipelineFixture.options(out: out, ["--models", "bgnbd"]))
    let md = PipelineFixture.read(out + "/report.md")
    let watch = Format.pct(SegmentStage.watchListRule.threshold, 0)
    let bootstrap = MetricBootstrap()
    let stated = [
      "within \(Format.num(ChampionRule().mapeTolerance, 1))× the best",
      "k-means++ seeding, \(KMeans.defaultRestarts) restarts",
      "among k = \(SegmentStage.clusterCounts.lowerBound)…\(SegmentStage.clusterCounts.upperBound)",
      "within \(Format.pct(SegmentStage.silhouetteTolerance, 0)) of the best",
      "\(Format.pct(bootstrap.confidence, 0)) bootstrap intervals",
      "(\(bootstrap.resamples) resamples of the test customers",
      "up to \(Format.count(BacktestSection.scatterPoints)) shown",
      "churn risk is at least \(watch)", "churn risk ≥ \(watch)",
      "exposure floored at \(Int(HistoricalRateBaseline().minimumExposureDays)) days",
    ]
    for phrase in stated { #expect(md.contains(phrase), "report.md states '\(phrase)'") }
  }
}
