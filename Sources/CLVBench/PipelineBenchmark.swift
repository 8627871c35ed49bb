import CFloatKernels
import CLVData
import CLVMath
import Foundation

/// `clv bench pipeline`: the Python peer's fixed work and the default `clv report` job on
/// the same file, stage by stage, each in a process of its own (so peak memory is the
/// job's), optionally beside the peer itself and under a competing CPU-bound load.
///
/// Per load level (`--competing-load 0,1`: none, then one busy loop on a core) it runs,
/// one after the other: clv's version of the peer's work (``PeerWorkload``), the peer
/// (`--peer SCRIPT`, with `OPENBLAS_NUM_THREADS=1`, as its README says), and
/// `clv report --horizon 182d` (the peer's holdout; `--report-binary` runs another build,
/// e.g. an older main, for a same-session ratio). Prints per-stage wall and CPU seconds,
/// input rows per second, the training rate and peak RSS as tables, and writes them as
/// JSON (`--json`). Never asserts.
package struct PipelineBenchmark: Sendable {
  /// The settings of one invocation.
  package struct Settings: Sendable {
    /// Rows to generate (peer-shaped, ``PeerShapedTransactions``) when `file` is nil.
    package var rows: Int?
    /// An existing transactions file (e.g. one the peer's generator wrote).
    package var file: String?
    /// Busy loops per configuration, e.g. `[0, 1]`.
    package var competingLoads: [Int] = [0]
    /// Which jobs: `fixed`, `peer`, `report`.
    package var jobs: [String] = PipelineBenchmark.jobs
    /// The peer's `python_pipeline.py` and its interpreter.
    package var peerScript: String?
    package var python: String = "python3"
    /// The clv binary for the report job (default: this one).
    package var reportBinary: String?
    /// Threads of the clv jobs (nil: all cores).
    package var threads: Int?
    package var seed: UInt64 = 42
    /// Where the JSON goes.
    package var json: String?

    package init() {}

    /// Fewest rows of a generated file: the peer's work needs a calibration period with buyers.
    package static let minimumRows = 1_000
    /// Busy loops per configuration, at most.
    package static let competingLoads = 0...16

    /// Checks every value before any work, so a bad one stops the run at once.
    /// - Throws: ``BenchmarkError`` naming the option.
    package func check() throws(BenchmarkError) {
      if let rows, rows < Self.minimumRows {
        throw .badOption(name: "rows", value: "\(rows)", expected: "at least \(Self.minimumRows.formatted()) rows")
      }
      for load in competingLoads where !Self.competingLoads.contains(load) {
        throw .badOption(
          name: "competing-load", value: "\(load)",
          expected: "busy-loop counts from \(Self.competingLoads.lowerBound) to \(Self.competingLoads.upperBound)")
      }
      for job in jobs where !PipelineBenchmark.jobs.contains(job) {
        throw .badOption(
          name: "job", value: job, expected: "jobs from \(PipelineBenchmark.jobs.joined(separator: ", "))")
      }
      let fm = FileManager.default
      for (option, path) in [("file", file), ("peer", peerScript), ("report-binary", reportBinary)] {
        if let path, !fm.fileExists(atPath: path) { throw .fileNotFound(option: option, path: path) }
      }
    }
  }

  /// The jobs `--job` may name, in the order they run.
  package static let jobs = ["fixed", "peer", "report"]

  let settings: Settings

  package init(settings: Settings) { self.settings = settings }

  /// Runs the child job of `--child`: the peer's fixed work in this process, its
  /// measurements as JSON to `json`.
  package static func runChild(file: String, json: String, threads: Int?, seed: UInt64) throws {
    if let threads { WorkPool.shared.threadLimit = threads }
    let outcome = try PeerWorkload.run(
      path: file, predictionsPath: json + ".predictions.csv", threads: threads ?? 2, seed: seed)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    try encoder.encode(outcome).write(to: URL(fileURLWithPath: json))
  }

  /// One job's measurements.
  struct JobResult: Codable, Sendable {
    var job: String
    var stages: [PeerWorkload.Stage]
    var usage: ChildProcess.Usage
    var loadBefore: Double
    var loadAfter: Double
    var trainingFLOP: Double?
    var trainingSeconds: Double?
    var metrics: [String: [String: Double]]?
  }

  /// One load level's jobs.
  struct Round: Codable, Sendable {
    var competingLoad: Int
    var jobs: [JobResult]
  }

  /// Everything measured.
  struct Result: Codable, Sendable {
    var file: String
    var bytes: Int
    var rows: Int
    var threads: Int
    var fmaPeakGFLOPPerCore: Double
    var rounds: [Round]
  }

  /// Runs every configuration and prints the tables.
  package func run() throws {
    try settings.check()
    let work = FileManager.default.temporaryDirectory
      .appendingPathComponent("clv-bench-pipeline-\(ProcessInfo.processInfo.processIdentifier)").path
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let file: String
    if let given = settings.file {
      file = given
    } else {
      let rows = settings.rows ?? 1_000_000
      file = work + "/transactions.csv"
      Self.say("generating \(rows) peer-shaped rows into \(file) …")
      try PeerShapedTransactions.write(rows: rows, seed: settings.seed, to: file)
    }
    let bytes = (try? FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0
    let rows = max(0, Self.lineCount(file) - 1)
    let log = work + "/children.log"
    let exe = Self.executablePath()
    let peak = Self.fmaPeak()
    Self.say(
      "file \(file): \(rows) rows, \(Self.megabytes(bytes)); FMA peak \(Self.fixed(peak, 1)) GFLOP/s per core (measured)"
    )

    var rounds: [Round] = []
    for load in settings.competingLoads {
      let loops = try ChildProcess.busyLoops(load)
      defer { ChildProcess.stop(loops) }
      var results: [JobResult] = []
      for job in settings.jobs {
        let before = BenchClock.load()
        switch job {
        case "fixed":
          let json = work + "/fixed.json"
          var args = [
            exe, "bench", "pipeline", "--child", "--file", file, "--json", json, "--seed", "\(settings.seed)",
          ]
          if let t = settings.threads { args += ["--threads", "\(t)"] }
          let usage = try ChildProcess.run(args, logPath: log)
          guard usage.status == 0 else {
            throw BenchmarkError.childFailed("clv bench pipeline --child (see \(log))", status: usage.status)
          }
          let outcome = try JSONDecoder().decode(
            PeerWorkload.Outcome.self, from: Data(contentsOf: URL(fileURLWithPath: json)))
          results.append(
            JobResult(
              job: job, stages: outcome.stages, usage: usage, loadBefore: before, loadAfter: BenchClock.load(),
              trainingFLOP: outcome.trainingFLOP, trainingSeconds: outcome.stages.first { $0.name == "mlp_fit" }?.wall,
              metrics: outcome.metrics))
        case "peer":
          guard let script = settings.peerScript else { continue }
          let json = work + "/peer.json"
          let usage = try ChildProcess.run(
            [Self.resolved(settings.python), script, file, "--json", json, "--out", work + "/peer_predictions.csv"],
            environment: ["OPENBLAS_NUM_THREADS": "1"], logPath: log)
          guard usage.status == 0 else {
            throw BenchmarkError.childFailed("\(script) (see \(log))", status: usage.status)
          }
          results.append(try Self.peerResult(json: json, usage: usage, before: before))
        case "report":
          let out = work + "/report"
          try? FileManager.default.removeItem(atPath: out)
          var args = [
            settings.reportBinary ?? exe, "report", "--transactions", file, "--date-column", "timestamp", "--horizon",
            "182d", "--out", out, "--quiet",
          ]
          if let t = settings.threads, settings.reportBinary == nil { args += ["--threads", "\(t)"] }
          let usage = try ChildProcess.run(args, logPath: log)
          guard usage.status == 0 || usage.status == 3 else {
            throw BenchmarkError.childFailed("clv report (see \(log))", status: usage.status)
          }
          results.append(
            try Self.reportResult(
              runJSON: out + "/run.json", metrics: out + "/metrics.json", usage: usage, before: before))
        default:
          throw BenchmarkError.badOption(
            name: "job", value: job, expected: "jobs from \(Self.jobs.joined(separator: ", "))")
        }
        Self.say(Self.progress(results.last!, load: load))
      }
      rounds.append(Round(competingLoad: load, jobs: results))
    }
    let result = Result(
      file: file, bytes: bytes, rows: rows, threads: settings.threads ?? WorkPool.shared.threadCount,
      fmaPeakGFLOPPerCore: peak, rounds: rounds)
    Self.say(PipelineBenchTable.render(result))
    if let json = settings.json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
      try encoder.encode(result).write(to: URL(fileURLWithPath: json))
      Self.say("JSON: \(json)")
    }
  }

  /// Writes `line` to standard output at once (not through `print`'s buffer), so a log
  /// file or pipe shows each job as it ends.
  static func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
  }

  static func progress(_ r: JobResult, load: Int) -> String {
    "  [\(r.job), competing load \(load)] \(fixed(r.usage.wall, 2)) s wall, \(fixed(r.usage.cpu, 2)) s CPU, "
      + "peak \(megabytes(r.usage.peakResidentBytes)), load \(fixed(r.loadBefore, 1))→\(fixed(r.loadAfter, 1))"
  }

  static func peerResult(json: String, usage: ChildProcess.Usage, before: Double) throws -> JobResult {
    let object =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: json))) as? [String: Any] ?? [:]
    let times = object["timings_s"] as? [String: Double] ?? [:]
    let cpu = object["cpu_s"] as? [String: Double] ?? [:]
    let order = [
      "read", "clean", "split", "rfm", "bgnbd_fit", "gg_fit", "clv_predict", "kmeans_pca", "mlp_fit", "perm_imp",
      "metrics", "write",
    ]
    let stages = order.compactMap { name in
      times[name].map { PeerWorkload.Stage(name: name, wall: $0, cpu: cpu[name] ?? .nan) }
    }
    let metrics = (object["metrics_test"] as? [String: [String: Double]]) ?? [:]
    return JobResult(
      job: "peer", stages: stages, usage: usage, loadBefore: before, loadAfter: BenchClock.load(), trainingFLOP: nil,
      trainingSeconds: times["mlp_fit"], metrics: metrics)
  }

  static func reportResult(
    runJSON: String, metrics: String, usage: ChildProcess.Usage, before: Double
  ) throws -> JobResult {
    let object =
      try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: runJSON))) as? [String: Any] ?? [:]
    let stages = (object["stages"] as? [[String: Any]] ?? []).map { s in
      PeerWorkload.Stage(
        name: s["stage"] as? String ?? "?", wall: s["seconds"] as? Double ?? .nan,
        cpu: s["cpu_seconds"] as? Double ?? .nan)
    }
    let fits = object["fits"] as? [[String: Any]] ?? []
    let flop = fits.compactMap { $0["training_flop"] as? Double }.reduce(0, +)
    let trainingSeconds = fits.filter { $0["training_flop"] is Double }.compactMap { $0["seconds"] as? Double }.reduce(
      0, +)
    // Test metrics of every backtest model, by name (the champion's marked).
    var tests: [String: [String: Double]]?
    if let m = try? JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: metrics)))
      as? [String: Any],
      let backtest = m["backtest"] as? [String: Any], let models = backtest["models"] as? [String: [String: Any]]
    {
      let champion = (m["champion"] as? [String: Any])?["name"] as? String
      tests = [:]
      for model in models.values {
        guard let name = model["name"] as? String, let test = model["test"] as? [String: Any] else { continue }
        // metrics.json spells the metrics in camel case; the tables use the peer's names.
        let names = ["normalizedGini": "norm_gini", "decileMAPE": "decile_mape", "totalRatio": "total_ratio"]
        var values: [String: Double] = [:]
        for (key, value) in test { if let v = value as? Double { values[names[key] ?? key] = v } }
        tests?[name == champion ? name + " (champion)" : name] = values
      }
    }
    return JobResult(
      job: "report", stages: stages, usage: usage, loadBefore: before, loadAfter: BenchClock.load(),
      trainingFLOP: flop > 0 ? flop : nil, trainingSeconds: flop > 0 ? trainingSeconds : nil, metrics: tests)
  }

  /// GFLOP/s of one core running independent FMA chains (the best of 3 short runs).
  static func fmaPeak() -> Double {
    guard FloatMatrixKernels.avxFMAAvailable else { return .nan }
    let iterations = 20_000_000
    var best = 0.0
    for _ in 0..<3 {
      let c0 = BenchClock.processCPUSeconds()
      let sink = cfk_fma_peak(iterations)
      let seconds = BenchClock.processCPUSeconds() - c0
      precondition(sink.isFinite || sink.isNaN, "keeps the loop")
      best = max(best, Double(iterations) * 192 / seconds / 1e9)
    }
    return best
  }

  static func executablePath() -> String {
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
  }

  /// `name` as a path: itself when it has a slash, else found on `PATH`.
  static func resolved(_ name: String) -> String {
    if name.contains("/") { return (name as NSString).expandingTildeInPath }
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin").split(separator: ":") {
      let path = "\(dir)/\(name)"
      if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return name
  }

  static func lineCount(_ path: String) -> Int {
    guard let file = try? MappedFile(path: path) else { return 0 }
    return file.withBytes { bytes in bytes.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }
  }

  static func fixed(_ x: Double, _ digits: Int) -> String { x.isFinite ? String(format: "%.\(digits)f", x) : "–" }
  static func megabytes(_ bytes: Int) -> String { "\(bytes / 1_048_576) MiB" }
}
