import CLVTestSupport
import Foundation
import Testing

/// `clv features`, `clv report --features` and `clv score --features - -o -` as a Spark
/// executor and driver call them: the release binary, feature rows through a folder and
/// through standard input.
@Suite(.serialized) struct FeaturesCommandTests {
  static let shop = PipelineFixture.shopDirectory
  static let asOf = "2026-10-01"
  static let logs = [
    "--transactions", shop + "/transactions.csv", "--customers", shop + "/customers.csv",
    "--events", shop + "/events.csv", "--max-bad-rows", "5%",
  ]
  static let fit = [
    "--models", "baseline", "bgnbd", "--horizon", "26w", "--seed", "7",
    "--templates", ReleaseBinary.packageRoot + "/templates", "-q",
  ]

  static func clv(
    _ arguments: [String], in directory: String? = nil, input: Data? = nil
  ) throws
    -> (status: Int32, stdout: String, stderr: String)
  {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    return try ReleaseBinary.run(arguments, in: directory, input: input, environment: ["SWIFT_BACKTRACE": "enable=no"])
  }

  /// Feature rows on standard output, a report from a folder of them equal to the report
  /// from the logs, and the rows piped into `clv score` scored as the report scored them.
  @Test func featuresThroughAFolderAndStandardInputGiveTheReportsPredictions() throws {
    let root = PipelineFixture.temporaryDirectory("features-cli")
    let rows = try Self.clv(["features", "--as-of", Self.asOf, "--horizon", "26w", "-o", "-", "-q"] + Self.logs)
    #expect(rows.status == 0, "\(rows.stderr)")
    #expect(rows.stdout.hasPrefix("clv-features/1,customer_id,as_of,horizon,origin,label,"))
    try FileManager.default.createDirectory(atPath: root + "/rows", withIntermediateDirectories: true)
    try rows.stdout.write(toFile: root + "/rows/part-00000", atomically: true, encoding: .utf8)

    let fromLogs = try Self.clv(["report", "--as-of", Self.asOf, "--out", root + "/logs"] + Self.logs + Self.fit)
    #expect([0, 3].contains(fromLogs.status), "\(fromLogs.stderr)")
    let fromRows = try Self.clv(["report", "--features", root + "/rows", "--out", root + "/rows-report"] + Self.fit)
    #expect([0, 3].contains(fromRows.status), "\(fromRows.stderr)")
    for file in ["predictions.csv", "backtest.csv", "model.json"] {
      let a = FileManager.default.contents(atPath: root + "/logs/" + file)
      #expect(a != nil && a == FileManager.default.contents(atPath: root + "/rows-report/" + file), "\(file)")
    }

    // The sequence model cannot be fitted from rows: the report says so and why. The baseline is
    // then the only model, so the run is not assessed (exit 4, README "Quality gates").
    let seq = try Self.clv(
      ["report", "--features", root + "/rows", "--out", root + "/seq", "--models", "baseline", "seq-conv"]
        + Self.fit.dropFirst(3))
    #expect(seq.status == 4, "\(seq.stderr)")
    let seqMetrics = (try? String(contentsOfFile: root + "/seq/metrics.json", encoding: .utf8)) ?? ""
    #expect(seqMetrics.contains("only the naive baseline could be fitted (Sequence model"), "\(seqMetrics.prefix(300))")
    let md = (try? String(contentsOfFile: root + "/seq/report.md", encoding: .utf8)) ?? ""
    #expect(
      md.contains("could not be fitted: it reads each customer's weekly activity from the logs"), "\(md.prefix(300))")

    // One input holding every customer: the same predictions.csv, reasons included.
    let scored = try Self.clv(
      ["score", "--model", root + "/logs/model.json", "--features", "-", "-o", "-", "-q"], input: Data(rows.stdout.utf8)
    )
    #expect(scored.status == 0, "\(scored.stderr)")
    #expect(scored.stdout == (try String(contentsOfFile: root + "/logs/predictions.csv", encoding: .utf8)))
    #expect(scored.stdout.split(separator: "\n").count > 500)
  }

  /// Rows without the event features (made without --events) are refused by a model that
  /// uses them, naming what is missing, instead of scoring with made-up values.
  @Test func scoringRowsThatLackTheModelsColumnsIsAnError() throws {
    let root = PipelineFixture.temporaryDirectory("features-missing")
    // The bundled sample, where the MLP is kept in model.json and reads the event columns.
    let sample = ReleaseBinary.packageRoot + "/sample-data"
    let noEvents = ["--transactions", sample + "/transactions.csv", "--customers", sample + "/customers.csv"]
    let report = try Self.clv(
      [
        "report", "--as-of", Self.asOf, "--events", sample + "/events.csv", "--out", root + "/rep", "--models",
        "baseline",
        "mlp-mse", "--mlp-hidden", "8", "--mlp-epochs", "4", "--horizon", "26w", "-q",
        "--templates", ReleaseBinary.packageRoot + "/templates",
      ] + noEvents)
    #expect([0, 3].contains(report.status), "\(report.stderr)")
    let rows = try Self.clv(["features", "--as-of", Self.asOf, "--horizon", "26w", "-o", "-", "-q"] + noEvents)
    #expect(rows.status == 0, "\(rows.stderr)")
    let scored = try Self.clv(
      ["score", "--model", root + "/rep/model.json", "--features", "-", "-o", "-", "-q"], input: Data(rows.stdout.utf8))
    #expect(scored.status == 65 && scored.stdout.isEmpty, "\(scored.status) \(scored.stdout.prefix(200))")
    #expect(scored.stderr.contains("the feature rows on standard input"), "\(scored.stderr)")
    #expect(
      scored.stderr.contains("events_") && scored.stderr.contains("'clv features --events FILE'"), "\(scored.stderr)")
  }

  /// `features` needs --as-of; `-o` never replaces an input nor a file it did not write.
  @Test func featuresRefusesWhatWouldLoseData() throws {
    let root = PipelineFixture.temporaryDirectory("features-o")
    try FileManager.default.copyItem(atPath: Self.shop + "/transactions.csv", toPath: root + "/t.csv")
    let before = FileManager.default.contents(atPath: root + "/t.csv")
    let noDate = try Self.clv(["features", "--transactions", "t.csv", "-q"], in: root)
    #expect(noDate.status == 64 && noDate.stderr.contains("as-of"), "\(noDate.stderr)")
    let base = ["features", "--transactions", "t.csv", "--as-of", Self.asOf, "--max-bad-rows", "5%", "-q"]
    let onInput = try Self.clv(base + ["-o", "./t.csv", "--force"], in: root)
    #expect(onInput.status == 64 && onInput.stderr.contains("is the input"), "\(onInput.stderr)")
    #expect(FileManager.default.contents(atPath: root + "/t.csv") == before)
    try "my numbers\n".write(toFile: root + "/mine.csv", atomically: false, encoding: .utf8)
    let foreign = try Self.clv(base + ["-o", "mine.csv"], in: root)
    #expect(foreign.status == 64 && foreign.stderr.contains("clv-features/1"), "\(foreign.stderr)")
    #expect((try? String(contentsOfFile: root + "/mine.csv", encoding: .utf8)) == "my numbers\n")
    #expect(try Self.clv(base + ["-o", "f.csv"], in: root).status == 0)
    #expect(try Self.clv(base + ["-o", "f.csv"], in: root).status == 0, "its own earlier output is replaced")
  }
}
