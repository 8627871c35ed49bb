import CLVTestSupport
import Foundation
import Testing

/// Wrong flag values on every subcommand, run on the **release** `clv`: each ends in a typed error
/// mapped by `ExitStatus` (one message on stderr that names the flag, the value and what is
/// expected, and a documented exit status), never in exit 1 with an unmapped error, a crash
/// or a run that does not end. Each case was found by running the release binary with it.
@Suite(.serialized) struct BadFlagValueCommandTests {
  /// One wrong invocation: the arguments, the status expected and words the message must hold.
  struct Case: CustomStringConvertible {
    var arguments: [String]
    var status: Int32
    var words: [String]
    var description: String { arguments.joined(separator: " ") }
  }

  static let root = ReleaseBinary.packageRoot

  /// `clv bench`: sizes each benchmark cannot take (was: exit 1 "BTYD: no customers to fit" for
  /// btyd, SIGFPE in K-Means++ for clustering, exit 0 "0×11 MSE training" for mlp, a run that
  /// did not end for `--size=-5`), unknown names and jobs, a missing `--file` (was: exit 1 after
  /// generating nothing and starting a child).
  static let bench: [Case] = [
    Case(
      arguments: ["bench", "btyd", "--size", "0"], status: 64, words: ["'0' for --size", "at least 100 customers"]),
    Case(arguments: ["bench", "btyd", "--size", "-5"], status: 64, words: ["'-5' for --size", "btyd"]),
    Case(arguments: ["bench", "btyd", "--size=-5"], status: 64, words: ["'-5' for --size"]),
    Case(arguments: ["bench", "clustering", "--size", "0"], status: 64, words: ["at least 10 customers"]),
    Case(
      arguments: ["bench", "mlp", "--size", "0"], status: 64, words: ["mlp benchmark needs at least 1 row (training"]),
    Case(arguments: ["bench", "evaluation", "--size", "3"], status: 64, words: ["needs at least 10 customers"]),
    Case(arguments: ["bench", "ingest", "--size", "0"], status: 64, words: ["ingest benchmark", "a data row"]),
    Case(arguments: ["bench", "all", "--size", "50"], status: 64, words: ["btyd benchmark needs at least 100"]),
    Case(arguments: ["bench", "nosuch"], status: 64, words: ["unknown benchmark 'nosuch'", "btyd", "pipeline"]),
    Case(
      arguments: ["bench", "pipeline", "--file", "/nonexistent/tx.csv", "--job", "fixed"], status: 66,
      words: ["/nonexistent/tx.csv (--file): no such file"]),
    Case(arguments: ["bench", "pipeline", "--job", "nope"], status: 64, words: ["'nope' for --job", "fixed, peer"]),
    Case(arguments: ["bench", "pipeline", "--rows", "10"], status: 64, words: ["'10' for --rows", "at least 1,000"]),
    Case(arguments: ["bench", "pipeline", "--competing-load", "99"], status: 64, words: ["'99' for --competing-load"]),
    Case(arguments: ["bench", "btyd", "--repeat", "0"], status: 64, words: ["--repeat must be at least 1"]),
  ]

  /// `clv sample-data`: values out of range (was: `--customers 100000000000` and `--event-scale inf`
  /// ran on without end) and an --out that cannot be created (was: exit 1 with Foundation's
  /// "NSCocoaErrorDomain Code=512").
  static let sampleData: [Case] = [
    Case(arguments: ["sample-data", "--customers", "0"], status: 64, words: ["--customers must be from 1"]),
    Case(arguments: ["sample-data", "--customers", "-3"], status: 64, words: ["(got -3)"]),
    Case(arguments: ["sample-data", "--customers", "100000000000"], status: 64, words: ["10,000,000"]),
    Case(arguments: ["sample-data", "--event-scale", "inf"], status: 64, words: ["--event-scale must be from 0"]),
    Case(arguments: ["sample-data", "--event-scale", "nan"], status: 64, words: ["--event-scale"]),
    Case(arguments: ["sample-data", "--days", "5"], status: 64, words: ["--days must be from 31"]),
    Case(arguments: ["sample-data", "--end", "2026-13-45"], status: 64, words: ["--end must be a date"]),
  ]

  /// `clv report`, `score`, `features`, `inspect`: dates, horizons (was: `--horizon 10000w` ran
  /// for over five minutes), models (was: `--models baseline,bgnbd` was "unknown model
  /// 'baseline,bgnbd'"), a missing config file (was: exit 64 with Foundation's "The operation
  /// could not be completed"), conflicting options, missing files.
  static let pipeline: [Case] = [
    Case(arguments: ["report", "--horizon", "10000w"], status: 64, words: ["'10000w'", "at most 10 years (521w)"]),
    Case(arguments: ["report", "--horizon", "11y"], status: 64, words: ["at most 10 years (10y)"]),
    Case(arguments: ["report", "--horizon", "0d"], status: 64, words: ["invalid horizon '0d'"]),
    Case(arguments: ["report", "--as-of", "2026-02-30"], status: 64, words: ["'2026-02-30'", "yyyy-MM-dd"]),
    Case(arguments: ["report", "--as-of", "1900-01-01", "-q"], status: 64, words: ["'1900-01-01' for --as-of"]),
    Case(arguments: ["report", "--models", "nosuch"], status: 64, words: ["unknown model 'nosuch'", "bgnbd"]),
    Case(arguments: ["report", "--models", "baseline,nosuch"], status: 64, words: ["unknown model 'nosuch'"]),
    Case(arguments: ["report", "--split", "0.5,0.5"], status: 64, words: ["invalid split"]),
    Case(arguments: ["report", "--threads", "0"], status: 64, words: ["from 1 to 256"]),
    Case(arguments: ["report", "--max-bad-rows", "2"], status: 64, words: ["--max-bad-rows", "0 to 100%"]),
    Case(arguments: ["report", "--date-format", "%Q"], status: 64, words: ["unsupported directive %Q"]),
    Case(
      arguments: ["report", "--config", "/nonexistent/clv.toml"], status: 66,
      words: ["config file /nonexistent/clv.toml: no such file"]),
    Case(
      arguments: ["report", "--previous", "/nonexistent/run", "-q"], status: 66, words: ["there is no metrics.json"]),
    Case(arguments: ["report", "--quantity-column", "q", "-q"], status: 64, words: ["--price-column"]),
    Case(
      arguments: ["report", "--include-status", "paid", "-q"], status: 64, words: ["need --status-column"]),
    Case(arguments: ["report", "--preset", "nosuch"], status: 64, words: ["expected a preset: shopify"]),
    Case(
      arguments: ["score", "--model", "/nonexistent/model.json", "--transactions", "sample-data/transactions.csv"],
      status: 66, words: ["/nonexistent/model.json: the file cannot be read"]),
    Case(
      arguments: ["score", "--model", "sample-data/transactions.csv"], status: 66, words: ["not a clv model file"]),
    Case(
      arguments: ["score", "--model", "reports/example/model.json", "--horizon", "10000w"], status: 64,
      words: ["at most 10 years"]),
    Case(arguments: ["features", "-o", "-"], status: 64, words: ["--as-of", "Spark partition"]),
    Case(
      arguments: ["features", "--as-of", "2026-10-01", "--horizon", "20y"], status: 64, words: ["at most 10 years"]),
    Case(
      arguments: ["inspect", "/nonexistent/orders.csv"], status: 66, words: ["/nonexistent/orders.csv: no such file"]),
  ]

  static func check(_ c: Case) throws {
    let r = try ReleaseBinary.run(c.arguments)
    #expect(r.status == c.status, "\(c): exit \(r.status): \(r.stderr)")
    for w in c.words { #expect(r.stderr.contains(w) || r.stdout.contains(w), "\(c): '\(w)' not in: \(r.stderr)") }
    #expect(!r.stderr.contains("NSCocoaErrorDomain") && !r.stderr.contains("Program crashed"), "\(c): \(r.stderr)")
  }

  @Test(arguments: bench) func benchFlags(_ c: Case) throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    try Self.check(c)
  }

  @Test(arguments: sampleData) func sampleDataFlags(_ c: Case) throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let out = PipelineFixture.temporaryDirectory("bad-flag-sample") + "/s"
    try Self.check(Case(arguments: c.arguments + ["--out", out], status: c.status, words: c.words))
    #expect(!FileManager.default.fileExists(atPath: out), "\(c): nothing is written")
  }

  @Test(arguments: pipeline) func pipelineFlags(_ c: Case) throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let out = PipelineFixture.temporaryDirectory("bad-flag-report") + "/out"
    let arguments = c.arguments[0] == "report" ? c.arguments + ["--out", out] : c.arguments
    try Self.check(Case(arguments: arguments, status: c.status, words: c.words))
    #expect(!FileManager.default.fileExists(atPath: out), "\(c): no report is written")
  }

  /// An --out that cannot be created: exit 73 with the operating system's reason.
  @Test func sampleDataIntoAFile() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let file = PipelineFixture.temporaryDirectory("bad-flag-file") + "/plain.txt"
    try "x".write(toFile: file, atomically: true, encoding: .utf8)
    let r = try ReleaseBinary.run(["sample-data", "--customers", "5", "--out", file + "/s"])
    #expect(r.status == 73, "\(r.stderr)")
    #expect(r.stderr.contains("could not write \(file)/s: Not a directory"), "\(r.stderr)")
  }

  /// `clv sample-data` into a folder that already holds a transactions.csv it did not write: exit 64,
  /// the user's file untouched; `--force` replaces it.
  @Test func sampleDataKeepsExistingFiles() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let dir = PipelineFixture.temporaryDirectory("sample-data-existing")
    let mine = dir + "/transactions.csv"
    try "customer_id,order_id,date,amount\nreal,1,2026-01-02,10.00\n".write(
      toFile: mine, atomically: true, encoding: .utf8)
    let r = try ReleaseBinary.run(["sample-data", "--customers", "5", "--out", dir])
    #expect(r.status == 64, "\(r.stderr)")
    #expect(r.stderr.contains("already holds transactions.csv") && r.stderr.contains("--force"), "\(r.stderr)")
    #expect(try String(contentsOfFile: mine, encoding: .utf8).contains("real,1,2026-01-02,10.00"))
    #expect(!FileManager.default.fileExists(atPath: dir + "/customers.csv"))
    let forced = try ReleaseBinary.run(["sample-data", "--customers", "5", "--out", dir, "--force"])
    #expect(forced.status == 0, "\(forced.stderr)")
    #expect(try !String(contentsOfFile: mine, encoding: .utf8).contains("real,1,2026-01-02,10.00"))
  }

  /// `clv bench pipeline --file` with a history shorter than the peer's holdout: the child's
  /// typed error (exit 65) is the benchmark's status (was: a precondition, dropped by -Ounchecked).
  @Test func pipelineBenchOnAFileWithoutCalibration() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let file = PipelineFixture.temporaryDirectory("bad-flag-peer") + "/tx.csv"
    var text = "customer_id,order_id,timestamp,amount\n"
    for i in 0..<20 { text += "c\(i % 5),o\(i),2026-09-\(10 + i % 9)T10:00:00Z,\(10 + i).50\n" }
    try text.write(toFile: file, atomically: true, encoding: .utf8)
    let r = try ReleaseBinary.run(["bench", "pipeline", "--file", file, "--job", "fixed"])
    #expect(r.status == 65, "\(r.stderr)")
    #expect(r.stderr.contains("exited with status 65"), "\(r.stderr)")
  }

  /// `--models` takes commas as well as spaces: the same models run.
  @Test func modelsSeparatedByCommas() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let dir = PipelineFixture.temporaryDirectory("bad-flag-models")
    let a = try ReleaseBinary.run(["report", "--models", "baseline,bgnbd", "--out", dir + "/a", "-q"])
    let b = try ReleaseBinary.run(["report", "--models", "baseline", "bgnbd", "--out", dir + "/b", "-q"])
    #expect(a.status == b.status && [0, 3].contains(a.status), "\(a.stderr) \(b.stderr)")
    let predictions = PipelineFixture.read(dir + "/a/predictions.csv")
    #expect(!predictions.isEmpty && predictions == PipelineFixture.read(dir + "/b/predictions.csv"))
  }
}
