import CLVTestSupport
import Foundation
import Testing

/// The audit's data-loss cases, run with the release binary: `--out` writes only into a
/// folder of its own, `score -o` never replaces an input, killed runs leave the previous
/// report whole and their leftovers are cleared, and two runs cannot write one folder.
@Suite(.serialized) struct OutputSafetyCommandTests {
  static let shop = PipelineFixture.shopDirectory
  static let templates = ReleaseBinary.packageRoot + "/templates"

  /// A quick report of the fixture shop into `out` (two cheap models).
  static func reportArguments(out: String, seed: Int = 42) -> [String] {
    [
      "report", "--transactions", shop + "/transactions.csv", "--customers", shop + "/customers.csv",
      "--models", "baseline", "bgnbd", "--horizon", "26w", "--templates", templates, "--seed", "\(seed)",
      "--out", out, "-q",
    ]
  }

  static func clv(
    _ arguments: [String], in directory: String? = nil, environment: [String: String] = [:]
  ) throws
    -> (status: Int32, stdout: String, stderr: String)
  {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    var env = ProcessInfo.processInfo.environment
    env["SWIFT_BACKTRACE"] = "enable=no"
    for (k, v) in environment { env[k] = v }
    return try ReleaseBinary.run(arguments, in: directory, environment: env)
  }

  /// Every file of a folder (relative path → bytes), `run.json` left out (timings).
  static func snapshot(_ folder: String) -> [String: Data] {
    var files = [String: Data]()
    let walker = FileManager.default.enumerator(atPath: folder)
    while let item = walker?.nextObject() as? String {
      var isDirectory: ObjCBool = false
      let path = folder + "/" + item
      guard item != "run.json", FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory),
        !isDirectory.boolValue
      else { continue }
      files[item] = FileManager.default.contents(atPath: path)
    }
    return files
  }

  /// Hidden entries next to `out` (staging, backup, lock).
  static func leftovers(next out: String) throws -> [String] {
    let parent = (out as NSString).deletingLastPathComponent
    return try FileManager.default.contentsOfDirectory(atPath: parent).filter { $0.hasPrefix(".") }.sorted()
  }

  /// Starts `clv` with `arguments`, told to pause at `point` (``TestPause``), and returns
  /// once it has arrived there (it sleeps 60 s, long enough to be killed).
  static func startPaused(_ arguments: [String], at point: String, signal: String) throws -> Process {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: ReleaseBinary.path)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: ReleaseBinary.packageRoot)
    var env = ProcessInfo.processInfo.environment
    env["CLV_TEST_PAUSE_AT"] = point
    env["CLV_TEST_PAUSE_SIGNAL"] = signal
    env["CLV_TEST_PAUSE_SECONDS"] = "60"
    p.environment = env
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(120)
    while !FileManager.default.fileExists(atPath: signal), p.isRunning, Date() < deadline { usleep(20_000) }
    #expect(FileManager.default.fileExists(atPath: signal), "the run never reached \(point)")
    return p
  }

  /// `--out .`, `..`, `''`, the input's folder, an ancestor of it, a folder of other
  /// files: usage errors that name the folder and the fix; nothing is deleted.
  @Test func refusedOutputFolders() throws {
    let root = PipelineFixture.temporaryDirectory("out-refused")
    let data = root + "/data"
    try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: Self.shop + "/transactions.csv", toPath: data + "/t.csv")
    try "keep me".write(toFile: data + "/notes.txt", atomically: false, encoding: .utf8)
    let before = Self.snapshot(root)
    let dataBefore = Self.snapshot(data)
    let base = ["report", "--transactions", "data/t.csv", "--templates", Self.templates, "-q"]
    let cases: [([String], String)] = [
      (["--out", "."], "the current folder"), (["--out", ".."], "an ancestor of the current folder"),
      (["--out", ""], "non-empty"), (["--out", "data"], "holds the input data/t.csv"),
      (["--out", "./data/"], "holds the input data/t.csv"), (["--out", root], "the current folder"),
      (["--out", "data", "--force"], "holds the input"), (["--out", ".", "--force"], "never replaces it"),
    ]
    for (flags, message) in cases {
      let r = try Self.clv(base + flags, in: root)
      #expect(r.status == 64, "\(flags): \(r.status) \(r.stderr)")
      #expect(r.stderr.contains(message), "\(flags): \(r.stderr)")
    }
    // A folder of someone else's files: refused, with --force as the named fix.
    let other = root + "/other"
    try FileManager.default.createDirectory(atPath: other, withIntermediateDirectories: true)
    try "x".write(toFile: other + "/thesis.tex", atomically: false, encoding: .utf8)
    let refused = try Self.clv(base + ["--out", "other"], in: root)
    #expect(refused.status == 64 && refused.stderr.contains("'thesis.tex'") && refused.stderr.contains("--force"))
    #expect(Self.snapshot(root) == before.merging(["other/thesis.tex": Data("x".utf8)]) { a, _ in a })
    // --force replaces a folder that holds no input.
    let forced = try Self.clv(Self.reportArguments(out: other) + ["--force"], in: root)
    #expect([0, 3].contains(forced.status), "\(forced.stderr)")
    #expect(!FileManager.default.fileExists(atPath: other + "/thesis.tex"))
    #expect(FileManager.default.fileExists(atPath: other + "/.clv-report"))
    // The folder is now clv's own: the next run needs no --force.
    let again = try Self.clv(Self.reportArguments(out: other), in: root)
    #expect([0, 3].contains(again.status), "\(again.stderr)")
    #expect(Self.snapshot(data) == dataBefore && dataBefore.count == 2)
  }

  /// `score -o` never replaces the model or a data file, under any spelling; an existing
  /// file that is not a predictions file needs --force.
  @Test func scoreNeverOverwritesAnInput() throws {
    let root = PipelineFixture.temporaryDirectory("score-o")
    let out = root + "/rep"
    let report = try Self.clv(Self.reportArguments(out: out), in: root)
    #expect([0, 3].contains(report.status), "\(report.stderr)")
    try FileManager.default.copyItem(atPath: Self.shop + "/transactions.csv", toPath: root + "/t.csv")
    try FileManager.default.copyItem(atPath: Self.shop + "/customers.csv", toPath: root + "/c.csv")
    try FileManager.default.createSymbolicLink(
      atPath: root + "/model-link.json", withDestinationPath: out + "/model.json")
    let model = FileManager.default.contents(atPath: out + "/model.json")
    let transactions = FileManager.default.contents(atPath: root + "/t.csv")
    let base = ["score", "--model", "rep/model.json", "--transactions", "t.csv", "--customers", "c.csv", "-q"]
    for target in ["t.csv", "./t.csv", "rep/model.json", "model-link.json", "c.csv"] {
      let r = try Self.clv(base + ["-o", target, "--force"], in: root)
      #expect(r.status == 64 && r.stderr.contains("is the input"), "\(target): \(r.status) \(r.stderr)")
    }
    #expect(FileManager.default.contents(atPath: out + "/model.json") == model)
    #expect(FileManager.default.contents(atPath: root + "/t.csv") == transactions)
    try "my numbers\n".write(toFile: root + "/mine.csv", atomically: false, encoding: .utf8)
    let foreign = try Self.clv(base + ["-o", "mine.csv"], in: root)
    #expect(foreign.status == 64 && foreign.stderr.contains("is not what an earlier run of this command wrote"))
    #expect((try? String(contentsOfFile: root + "/mine.csv", encoding: .utf8)) == "my numbers\n")
    let first = try Self.clv(base + ["-o", "p.csv"], in: root)
    #expect(first.status == 0, "\(first.stderr)")
    let second = try Self.clv(base + ["-o", "p.csv"], in: root)
    #expect(second.status == 0, "a previous clv score output is replaced: \(second.stderr)")
    let forced = try Self.clv(base + ["-o", "mine.csv", "--force"], in: root)
    #expect(forced.status == 0)
    #expect(try String(contentsOfFile: root + "/mine.csv", encoding: .utf8).hasPrefix("customer_id,predicted_clv,"))
  }

  /// SIGKILL at each step of a write: the folder holds one whole run (the previous one, or
  /// the new one once it was swapped in), and the next run leaves no staging, backup or
  /// lock behind.
  @Test(arguments: ["locked", "staging", "staged", "swapped"])
  func killedRunLeavesAWholeReport(at point: String) throws {
    let root = PipelineFixture.temporaryDirectory("kill-\(point)")
    let out = root + "/reports/latest"
    // The new run's files (seed 2), then the previous run's (seed 1), both at `out`.
    #expect([0, 3].contains(try Self.clv(Self.reportArguments(out: out, seed: 2)).status))
    let next = Self.snapshot(out)
    let first = try Self.clv(Self.reportArguments(out: out, seed: 1))
    #expect([0, 3].contains(first.status), "\(first.stderr)")
    let previous = Self.snapshot(out)
    #expect(previous != next)

    let p = try Self.startPaused(Self.reportArguments(out: out, seed: 2), at: point, signal: root + "/paused")
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    #expect(p.terminationReason == .uncaughtSignal)

    let after = Self.snapshot(out)
    #expect(
      after == (point == "swapped" ? next : previous), "the folder mixes runs or is gone after a kill at \(point)")
    let third = try Self.clv(Self.reportArguments(out: out, seed: 1))
    #expect([0, 3].contains(third.status), "\(third.stderr)")
    #expect(Self.snapshot(out) == previous)
    #expect(try Self.leftovers(next: out) == [], "strays after the next run")
  }

  /// A second run on a folder being written stops at once (exit 75) and changes nothing.
  @Test func secondRunOnALockedFolderStops() throws {
    let root = PipelineFixture.temporaryDirectory("locked")
    let out = root + "/latest"
    let p = try Self.startPaused(Self.reportArguments(out: out), at: "locked", signal: root + "/paused")
    let second = try Self.clv(Self.reportArguments(out: out))
    #expect(
      second.status == 75 && second.stderr.contains("another clv run is writing"), "\(second.status) \(second.stderr)")
    kill(p.processIdentifier, SIGKILL)
    p.waitUntilExit()
    #expect(!FileManager.default.fileExists(atPath: out))
    let third = try Self.clv(Self.reportArguments(out: out))
    #expect([0, 3].contains(third.status), "\(third.stderr)")
    #expect(try Self.leftovers(next: out) == [])
  }
}
