import CLVTestSupport
import Foundation
import Testing

@testable import CLVPipeline

/// The Markdown twin of a fixed, fast run (baseline and BG/NBD only, so no
/// network training) is compared line by line with a golden file: every section
/// the pipeline assembles — gates, summary, data quality, backtest, probabilistic
/// models, segments, explanations, model card, run information — is covered.
/// Re-record on purpose with `RECORD_SNAPSHOTS=1 swift test`.
@Suite struct ReportGoldenTests {
  static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

  @Test func markdownTwinOfAFixedRun() async throws {
    let o = PipelineFixture.options(
      out: PipelineFixture.temporaryDirectory("golden") + "/out", ["--models", "baseline", "bgnbd"])
    try await PipelineFixture.run(o)
    var md = PipelineFixture.read(o.out + "/report.md")
    // Paths of the temporary inputs differ per run: replace them.
    md = md.replacingOccurrences(of: PipelineFixture.shopDirectory, with: "<shop>")
      .replacingOccurrences(of: o.out, with: "<out>")
      .replacingOccurrences(of: PipelineFixture.packageRoot, with: "<root>")
    if let commit = Provenance.gitCommit() { md = md.replacingOccurrences(of: commit, with: "<commit>") }
    assertSnapshot(md, named: "fixture-report.md", in: Self.snapshots)
  }
}
