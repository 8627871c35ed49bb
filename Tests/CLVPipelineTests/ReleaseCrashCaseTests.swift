import CLVTestSupport
import Foundation
import Testing

/// The inputs that crashed the release binary (`-Ounchecked` drops the preconditions that
/// stopped them in debug builds): each now ends in a typed error with the fix, or in a
/// report that states what could not be done. Run on the **release** `clv`.
@Suite(.serialized) struct ReleaseCrashCaseTests {
  static let root = ReleaseBinary.packageRoot

  /// The customer with the most orders in `sample-data/transactions.csv` (ties: smallest id).
  static let busiestCustomer: String? = {
    guard let text = try? String(contentsOfFile: root + "/sample-data/transactions.csv", encoding: .utf8) else {
      return nil
    }
    var counts = [Substring: Int]()
    for line in text.split(separator: "\n").dropFirst() { counts[line.prefix { $0 != "," }, default: 0] += 1 }
    return counts.max { ($0.value, $1.key) < ($1.value, $0.key) }.map { String($0.key) }
  }()

  /// A transaction log of ``busiestCustomer`` alone, written once per test process.
  static let oneCustomerLog: String = {
    let path = PipelineFixture.temporaryDirectory("one-customer") + "/transactions.csv"
    let text = (try? String(contentsOfFile: root + "/sample-data/transactions.csv", encoding: .utf8)) ?? ""
    let lines = text.split(separator: "\n")
    let mine = lines.dropFirst().filter { $0.prefix { $0 != "," } == busiestCustomer ?? "" }
    let log = (lines.prefix(1) + mine).joined(separator: "\n") + "\n"
    try? log.write(toFile: path, atomically: true, encoding: .utf8)
    return path
  }()

  /// The README's `clv score` without the profile and event files the example model was
  /// trained with (was: segfault, exit 139, in `TabularEncoder.transform`).
  @Test func scoringWithoutTheFilesTheModelWasTrainedWith() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let out = PipelineFixture.temporaryDirectory("crash-score") + "/predictions.csv"
    let r = try ReleaseBinary.run([
      "score", "--model", "reports/example/model.json", "--transactions", "sample-data/transactions.csv",
      "--output", out,
    ])
    #expect(r.status == 65, "\(r.stderr)")
    #expect(r.stderr.contains("reports/example/model.json does not fit these inputs"), "\(r.stderr)")
    #expect(r.stderr.contains("days_since_signup"), "names a missing column: \(r.stderr)")
    #expect(r.stderr.contains("--customers FILE --events FILE"), "names the files to pass: \(r.stderr)")
    #expect(!FileManager.default.fileExists(atPath: out), "nothing is written")
    // With the files, the same command scores.
    let ok = try ReleaseBinary.run([
      "score", "--model", "reports/example/model.json", "--transactions", "sample-data/transactions.csv",
      "--customers", "sample-data/customers.csv", "--events", "sample-data/events.csv", "--output", out, "-q",
    ])
    #expect(ok.status == 0, "\(ok.stderr)")
  }

  /// Only the baseline on the sample: no model gives a churn risk, so there are no segments
  /// (was: SIGILL, exit 132, building segments on NaN). The report says why. The champion is the
  /// baseline, which the default gates would compare with itself: they are not assessed, no other
  /// gate can be, so the run is not assessed (exit 4) and says how to judge the baseline; with an
  /// explicit gate the verdict is that gate's.
  @Test func onlyTheBaselineOnTheSample() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let out = PipelineFixture.temporaryDirectory("crash-baseline") + "/out"
    let r = try ReleaseBinary.run(["report", "--models", "baseline", "--out", out])
    #expect(r.status == 4, "\(r.stderr)")
    #expect(r.stdout == out + "/report.html\n")
    #expect(r.stderr.contains("not assessed: only the naive baseline ran (--models baseline)"), "\(r.stderr)")
    let md = PipelineFixture.read(out + "/report.md")
    #expect(md.contains("No segments: no model of this run gives a churn risk"))
    #expect(md.contains("norm\\_gini better than naive baseline"))
    #expect(md.contains("Not assessed: the naive baseline is the only model of this run"), "the gate row says why")
    #expect(md.contains("add a --gate"), "the verdict says how to judge the baseline")
    let metrics = PipelineFixture.read(out + "/metrics.json")
    #expect(metrics.contains("\"verdict\": \"not_assessed\""))

    let gated = try ReleaseBinary.run([
      "report", "--models", "baseline", "--gate", "norm_gini>=0.1", "--out", out, "-q",
    ])
    #expect(gated.status == 0, "the explicit gate is assessed: \(gated.stderr)")
    #expect(PipelineFixture.read(out + "/metrics.json").contains("\"verdict\": \"pass\""))
  }

  /// The sample's busiest customer alone, `--seed 3`: the MLPs have no training rows (was:
  /// SIGILL, exit 132, fitting an MLP on zero rows). They are reported as not fitted with the
  /// reason; the other models run, and the segments say there are too few buyers.
  @Test func aOneCustomerLog() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let dir = PipelineFixture.temporaryDirectory("crash-one")
    let busiest = try #require(Self.busiestCustomer)
    let out = dir + "/out"
    let r = try ReleaseBinary.run(["report", "--transactions", Self.oneCustomerLog, "--seed", "3", "--out", out, "-q"])
    // One customer cannot fill a validation split: a report that says "not assessed" (exit 4, #10).
    #expect(r.status == 4, "a report (not assessed), not a crash: \(r.status) \(r.stderr)")
    #expect(r.stdout == out + "/report.html\n")
    #expect(PipelineFixture.read(out + "/metrics.json").contains("the validation split is empty"))
    #expect(PipelineFixture.read(Self.oneCustomerLog).split(separator: "\n").count > 100, "a long history")
    let md = PipelineFixture.read(out + "/report.md")
    #expect(md.contains("Deep MLP (ZILN loss) could not be fitted: no training rows"), "stated, not crashed")
    #expect(md.contains("Deep MLP (MSE loss) could not be fitted: no training rows"))
    #expect(md.contains("only 1 customer has a purchase; segments need at least 20"))
    let predictions = PipelineFixture.read(out + "/predictions.csv").split(separator: "\n")
    #expect(predictions.count == 2 && predictions[1].hasPrefix(busiest), "one prediction, for that customer")
  }
}
