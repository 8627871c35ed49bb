import CLVData
import CLVTestSupport
import Foundation
import Testing

@testable import CLVPipeline

/// `clv inspect`: the text on a messy German-style export is a golden file (re-record on
/// purpose with `RECORD_SNAPSHOTS=1`); the command writes nothing and exits like `report`.
@Suite(.serialized) struct InspectionTests {
  static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
  static let messy = fixtures.appendingPathComponent("messy_orders.csv").path
  static let exports = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("CLVDataTests/Fixtures/exports").path

  @Test func messyExportGolden() throws {
    let inputs = InspectionPlan.inputs(
      files: [Self.messy, Self.exports + "/ga4_events.csv", Self.exports + "/crm_customers_unicode.txt"],
      settings: try InputSettings.parse([]))
    let outcome = Inspection.run(inputs)
    #expect(outcome.errors.count == 1)
    let text = outcome.text.replacingOccurrences(of: PipelineFixture.packageRoot, with: "<root>")
    assertSnapshot(text, named: "inspect-messy.txt", in: Self.snapshots)
  }

  @Test func theCommandWritesNothingAndExitsLikeReport() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let dir = PipelineFixture.temporaryDirectory("inspect")
    // Too many bad rows for the default 1%: the whole look is printed, then exit 65.
    var r = try ReleaseBinary.run(["inspect", Self.messy], in: dir)
    #expect(r.status == 65)
    #expect(r.stdout.contains("5 quarantined (bad_amount 2, bad_date 2, wrong_column_count 1)"))
    #expect(r.stdout.contains("--max-bad-rows 0.295"))
    // Within a raised limit: exit 0.
    r = try ReleaseBinary.run(["inspect", "--max-bad-rows", "0.3", Self.messy], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    // Named kinds, per-file settings, standard input.
    let crm = try Data(contentsOf: URL(fileURLWithPath: Self.exports + "/crm_customers.csv"))
    r = try ReleaseBinary.run(["inspect", "--customers", "-", "--customers-encoding", "latin-1"], in: dir, input: crm)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("standard input — profiles\n"))
    #expect(r.stdout.contains("ISO-8859-1 (Latin-1) (set)"))
    // A pipe by its path (`/dev/stdin`, as `<(zcat …)` is), kind guessed; gzip on standard input.
    r = try ReleaseBinary.run(["inspect", "/dev/stdin"], in: dir, input: crm)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("/dev/stdin — profiles (guessed from its columns)\n  read as: pipe;"), "\(r.stdout)")
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
    gzip.arguments = ["-c", "gzip -c -n '\(Self.exports)/crm_customers.csv'"]
    let gzOut = Pipe()
    gzip.standardOutput = gzOut
    try gzip.run()
    let gz = gzOut.fileHandleForReading.readDataToEndOfFile()
    gzip.waitUntilExit()
    r = try ReleaseBinary.run(["inspect", "--customers", "-"], in: dir, input: gz)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("read as: standard input, gzip;"), "\(r.stdout)")
    // A missing file: 66, as report.
    r = try ReleaseBinary.run(["inspect", dir + "/nope.csv"], in: dir)
    #expect(r.status == 66)
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "inspect writes nothing")
  }

  /// `clv report --dry-run`: the inspection of the files a real run would read, with the
  /// config file applied; nothing fitted, no output folder; 65 when the run would stop.
  @Test func reportDryRunShowsTheRunsFilesAndWritesNothing() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let dir = PipelineFixture.temporaryDirectory("dry-run")
    let config = PipelineFixture.temporaryDirectory("dry-run-config") + "/clv.toml"
    try """
    out = "\(dir)/out"
    [transactions]
    path = "\(Self.messy)"
    max_bad_rows = 0.3
    [customers]
    path = "\(Self.exports)/crm_customers.csv"
    """.write(toFile: config, atomically: true, encoding: .utf8)
    var r = try ReleaseBinary.run(["report", "--config", config, "--dry-run"], in: dir)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("messy_orders.csv — transactions\n"), "\(r.stdout)")
    #expect(r.stdout.contains("crm_customers.csv — profiles\n"))
    #expect(!r.stdout.contains("events"), "a named log brings no sample files along")
    #expect(r.stdout.contains("5 quarantined (bad_amount 2, bad_date 2, wrong_column_count 1)"))
    // The command line still wins over the file: the default limit makes the run stop.
    r = try ReleaseBinary.run(
      ["report", "--config", config, "--transactions-max-bad-rows", "0.01", "--dry-run"], in: dir)
    #expect(r.status == 65)
    #expect(r.stdout.contains("--max-bad-rows 0.295"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: dir).isEmpty, "a dry run writes nothing")
  }
}
