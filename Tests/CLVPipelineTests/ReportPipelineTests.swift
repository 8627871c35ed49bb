import CLVXMLCheck
import Foundation
import Testing

@testable import CLVPipeline

/// End-to-end runs of `clv report` on a small generated shop. They run one after
/// another: each trains small networks, and the machine has two cores.
@Suite(.serialized) struct ReportPipelineTests {
  static let deterministicFiles = [
    "report.html", "report.md", "predictions.csv", "backtest.csv", "metrics.json", "model.json", "quarantine.csv",
  ]

  @Test func writesTheWholeFolderAndTwoRunsAreByteIdentical() async throws {
    // Two runs into the same folder (the second replaces the first atomically).
    let a = PipelineFixture.temporaryDirectory("a") + "/out"
    let outcome = try await PipelineFixture.run(PipelineFixture.options(out: a))
    let first = Self.deterministicFiles.map { PipelineFixture.read(a + "/" + $0) }
    try await PipelineFixture.run(PipelineFixture.options(out: a))
    #expect(outcome.reportPath == a + "/report.html")
    for (file, x) in zip(Self.deterministicFiles, first) {
      #expect(!x.isEmpty, "\(file) is missing or empty")
      #expect(x == PipelineFixture.read(a + "/" + file), "\(file) differs between two identical runs")
    }
    let html = PipelineFixture.read(a + "/report.html")
    #expect(XMLCheck.issues(in: html) == [])
    #expect(!html.contains("<script"))
    #expect(!html.contains("http://") || !html.contains("src=\"http"))
    #expect(FileManager.default.fileExists(atPath: a + "/run.json"))
    let figures = try FileManager.default.contentsOfDirectory(atPath: a + "/figures")
    #expect(figures.count >= 10)
    // Every figure the Markdown twin links to exists.
    let md = PipelineFixture.read(a + "/report.md")
    for name in figures { #expect(md.contains("figures/\(name)")) }
    // Predictions: one row per known customer, with segment and action.
    let predictions = PipelineFixture.read(a + "/predictions.csv").split(separator: "\n")
    let header: String =
      "customer_id,predicted_clv,predicted_spend,predicted_spend_p10,predicted_spend_p90,purchase_probability,"
      + "p_alive,btyd_expected_spend,churn_risk,segment,action,reasons,frequency,recency,T,monetary_value"
    #expect(predictions.first.map(String.init) == header)
    #expect(predictions.count > 500)
    // Every row has a segment, an action and the history summary (empty for cold starts).
    #expect(predictions.dropFirst().allSatisfy { !$0.contains(",,,,,,") })
    // The champion's 80% interval: both ends filled, 0 ≤ p10 ≤ p90; coverage on test in metrics.json.
    let ends = predictions.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false) }
      .map { (Double($0[3]) ?? .nan, Double($0[4]) ?? .nan) }
    #expect(ends.allSatisfy { $0.0 >= 0 && $0.0 <= $0.1 })
    let metrics = try #require(
      try JSONSerialization.jsonObject(with: Data(PipelineFixture.read(a + "/metrics.json").utf8)) as? [String: Any])
    let intervals = try #require(metrics["intervals"] as? [String: Any])
    #expect(intervals["nominal_coverage"] as? Double == 0.8)
    #expect((intervals["by_decile"] as? [Any])?.count == 10)
    #expect(((intervals["test_coverage"] as? Double) ?? 0) > 0.6)
  }

  @Test func scoreReproducesTheReportsPredictionsExactly() async throws {
    let out = PipelineFixture.temporaryDirectory("score") + "/out"
    let options = PipelineFixture.options(out: out)
    try await PipelineFixture.run(options)
    let scored = PipelineFixture.temporaryDirectory("scored") + "/predictions.csv"
    _ = try ScorePipeline(
      inputs: options.inputs, modelPath: out + "/model.json", outputPath: scored, logger: PipelineFixture.quietLogger
    ).run()
    #expect(PipelineFixture.read(scored) == PipelineFixture.read(out + "/predictions.csv"))
  }

  @Test func aFailingGateStillWritesTheReportAndThenAComparisonRunShowsDrift() async throws {
    let first = PipelineFixture.temporaryDirectory("gate1") + "/out"
    let options = PipelineFixture.options(out: first, ["--gate", "norm_gini>=0.99"])
    let failed = try await PipelineFixture.run(options)
    #expect(failed.gatesFailed)
    #expect(PipelineFixture.read(first + "/report.md").contains("FAIL"))
    // A second run compared with the first: a comparison table and drift per feature.
    let second = PipelineFixture.temporaryDirectory("gate2") + "/out"
    let next = PipelineFixture.options(out: second, ["--previous", first, "--seed", "43"])
    try await PipelineFixture.run(next)
    let metrics = PipelineFixture.read(second + "/metrics.json")
    #expect(metrics.contains("\"comparison\""))
    #expect(metrics.contains("\"drift\""))
    #expect(PipelineFixture.read(second + "/report.md").contains("Comparison with the previous run"))
  }

  @Test func badSettingsFailBeforeAnythingIsWritten() async throws {
    let out = PipelineFixture.temporaryDirectory("bad") + "/out"
    var options = PipelineFixture.options(out: out)
    options.models = ["xgboost"]  // not in the registry
    await #expect(throws: PipelineError.self) { try await PipelineFixture.run(options) }
    #expect(!FileManager.default.fileExists(atPath: out))
  }
}
