import CLVTestSupport
import Foundation
import Testing

@testable import CLVPipeline

/// A report that can be mailed around: the analyst's notes first, customer ids redacted.
@Suite(.serialized) struct ShareableReportTests {
  static let notes = """
    # This week

    | Decision | Owner |
    |---|---|
    | Win back the watch-list | CRM |

    See [the dashboard](https://bi.example.com/w40). <script>alert(1)</script>
    """

  @Test func redactedReportCarriesNoCustomerIDAndKeepsThemInTheData() async throws {
    let dir = PipelineFixture.temporaryDirectory("redact")
    let notesFile = dir + "/notes.md"
    try Self.notes.write(toFile: notesFile, atomically: true, encoding: .utf8)
    let out = dir + "/out"
    try await PipelineFixture.run(
      PipelineFixture.options(out: out, ["--redact-ids", "--redact-salt", "s3cret", "--notes", notesFile]))
    let html = PipelineFixture.read(out + "/report.html")
    let md = PipelineFixture.read(out + "/report.md")
    let figures = try FileManager.default.contentsOfDirectory(atPath: out + "/figures")
      .map { PipelineFixture.read(out + "/figures/" + $0) }.joined()
    // Every customer id of the run, from predictions.csv (which keeps them) and the input.
    let predictions = PipelineFixture.read(out + "/predictions.csv").split(separator: "\n").dropFirst()
    let ids = Set(predictions.map { String($0.prefix { $0 != "," }) })
      .union(
        PipelineFixture.read(PipelineFixture.shopDirectory + "/transactions.csv").split(separator: "\n").dropFirst()
          .compactMap { $0.split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) }
      )
      .filter { $0.count >= 4 }
    #expect(ids.count > 500)
    for id in ids {
      #expect(!html.contains(id) && !md.contains(id) && !figures.contains(id), "id \(id) left in the report")
    }
    // Same id → same token: the watch-list's tokens are those of IDRedaction, in both files.
    let redaction = IDRedaction(salt: "s3cret", saltSource: "")
    let listed = try #require(ids.first { html.contains(redaction($0)) }, "the watch-list shows tokens")
    #expect(md.contains(redaction(listed)))
    #expect(
      redaction(listed) == redaction(listed) && redaction(listed) != IDRedaction(salt: "other", saltSource: "")(listed))
    #expect(html.contains("redacted in report.html, report.md and figures/"))
    // The data files keep the real ids; the salt is written nowhere.
    #expect(ids.contains(String(predictions.first!.prefix { $0 != "," })))
    for file in ["report.html", "report.md", "metrics.json", "model.json", "predictions.csv"] {
      #expect(!PipelineFixture.read(out + "/" + file).contains("s3cret"), "\(file) carries the salt")
    }
    // The notes come first, rendered, inert, in both files.
    #expect(html.contains("<td>Win back the watch-list</td>") && !html.lowercased().contains("<script"))
    #expect(html.contains("the dashboard (<code>https://bi.example.com/w40</code>)"))
    #expect(md.contains("## Analyst notes") && md.contains("| Win back the watch-list | CRM |"))
    let first = try #require(md.range(of: "## "))
    #expect(md[first.lowerBound...].hasPrefix("## Analyst notes"))
  }

  @Test func aMissingNotesFileIsAUsageError() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let r = try ReleaseBinary.run([
      "report", "--notes", "/nonexistent/notes.md", "--out", PipelineFixture.temporaryDirectory("n") + "/o",
    ])
    #expect(r.status == 64)
    #expect(r.stderr.contains("/nonexistent/notes.md") && r.stderr.contains("no such file"))
  }
}
