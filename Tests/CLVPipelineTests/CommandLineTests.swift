import CLVTestSupport
import Foundation
import Testing

/// The `clv` executable as a user meets it: messages on stderr, exit statuses.
@Suite(.serialized) struct CommandLineTests {
  /// Runs the release `clv` with `arguments` in the package root; returns (status, stdout, stderr).
  static func clv(_ arguments: [String]) throws -> (Int32, String, String) {
    let r = try ReleaseBinary.run(arguments)
    return (r.status, r.stdout, r.stderr)
  }

  @Test func statusesAndMessages() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let shop = PipelineFixture.shopDirectory
    var (status, _, err) = try Self.clv(["report", "--frobnicate"])
    #expect(status == 64 && err.contains("--frobnicate"))
    (status, _, err) = try Self.clv(["report", "--transactions", "/nonexistent/orders.csv"])
    #expect(status == 66 && err.contains("/nonexistent/orders.csv: no such file"))
    (status, _, err) = try Self.clv(["report", "--gate", "gini>>3"])
    #expect(status == 64 && err.contains("norm_gini"))
    (status, _, err) = try Self.clv(["report", "--horizon", "5q"])
    #expect(status == 64 && err.contains("invalid horizon"))
    (status, _, err) = try Self.clv(["report", "--transactions", shop + "/customers.csv", "-q"])
    #expect(status == 65 && err.contains("no column 'order_date'") && err.contains("signup_date"))
    // A failing gate: exit 3, with the whole report written and its path on stdout.
    let out = PipelineFixture.temporaryDirectory("cli") + "/out"
    let stdout: String
    (status, stdout, err) = try Self.clv([
      "report", "--transactions", shop + "/transactions.csv", "--customers", shop + "/customers.csv",
      "--models", "baseline", "bgnbd", "--horizon", "26w", "--gate", "norm_gini>=0.99", "--out", out, "-q",
    ])
    #expect(status == 3)
    #expect(stdout == out + "/report.html\n")
    #expect(FileManager.default.fileExists(atPath: out + "/report.html"))
    #expect(err.isEmpty, "--quiet prints nothing on success paths: \(err)")
  }

  @Test func configFileAndEmptyOutputAreUsageErrors() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let dir = PipelineFixture.temporaryDirectory("cli-config")
    let config = dir + "/clv.toml"
    try "horizn = \"26w\"\n".write(toFile: config, atomically: true, encoding: .utf8)
    var (status, _, err) = try Self.clv(["report", "--config", config])
    #expect(
      status == 64 && err.contains(config) && err.contains("'horizn'") && err.contains("did you mean 'horizon'"),
      "\(err)")
    try "out = \"\"\n".write(toFile: config, atomically: true, encoding: .utf8)
    (status, _, err) = try Self.clv(["report", "--config", config])
    #expect(status == 64 && err.contains(config) && err.contains("--out"), "\(err)")
    (status, _, err) = try Self.clv(["report", "--out", ""])
    #expect(status == 64 && err.contains("--out"), "\(err)")
    // A config naming a transaction log does not read the sample's profiles and events:
    // the missing log is the only error (before, sample-data/customers.csv was looked for).
    try "transactions = \"\(dir)/orders.csv\"\n".write(toFile: config, atomically: true, encoding: .utf8)
    (status, _, err) = try Self.clv(["report", "--config", config, "-q"])
    #expect(status == 66 && err.contains(dir + "/orders.csv") && !err.contains("sample-data"), "\(err)")
  }

  /// A template edited to carry an event handler: libxml2's run-time check stops the write
  /// with the internal-error status 70, naming the file, element and line.
  @Test func activeContentInTheTemplatesAbortsTheWrite() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let root = PipelineFixture.temporaryDirectory("templates")
    let templates = root + "/templates"
    try FileManager.default.copyItem(atPath: PipelineFixture.packageRoot + "/templates", toPath: templates)
    let page = templates + "/report.html.mustache"
    let text = try String(contentsOfFile: page, encoding: .utf8)
    try text.replacingOccurrences(of: "<body>", with: "<body onload=\"fetch('https://x.example')\">")
      .write(toFile: page, atomically: true, encoding: .utf8)
    let shop = PipelineFixture.shopDirectory
    let out = root + "/out"
    let (status, _, err) = try Self.clv([
      "report", "--transactions", shop + "/transactions.csv", "--models", "baseline", "--horizon", "26w",
      "--templates", templates, "--out", out, "-q",
    ])
    #expect(status == 70)
    #expect(err.contains("report.html") && err.contains("<body> has the event-handler attribute onload"), "\(err)")
    #expect(!FileManager.default.fileExists(atPath: out), "nothing is written when the check fails")
  }
}
