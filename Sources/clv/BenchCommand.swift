import ArgumentParser
import CLVBench
import Foundation

/// `clv bench NAME`: runs a benchmark and prints its figures (never asserts).
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure speed and memory of one stage on generated data.",
    discussion: "Benchmarks: "
      + BenchmarkSuite.all.map { "\($0.name) (\($0.summary))" }.joined(separator: "; ")
      + "; pipeline (the Python peer's fixed work and the default clv report job, stage by stage, each in its own "
      + "process: --rows N or --file F, --competing-load 0,1, --peer python_pipeline.py --python PATH, --json OUT)"
  )

  @Argument(help: "Benchmark name, or 'all'.")
  var name: String

  @Option(parsing: .unconditional, help: "Problem size (rows or customers, as the benchmark says).")
  var size: Int?

  @Option(help: "Seed of the generated data.")
  var seed: UInt64 = 42

  @Option(help: "Threads a benchmark may use.")
  var threads: Int?

  @Option(
    name: .customLong("repeat"),
    help: "Times to repeat each timed case (benchmarks that support it report the median and the best).")
  var repeats: Int = 1

  @Option(help: "pipeline: rows of the generated peer-shaped file (default 1,000,000).")
  var rows: Int?

  @Option(help: "pipeline: an existing transactions file (e.g. one the peer's gen_transactions.py wrote).")
  var file: String?

  @Option(
    help: "pipeline: busy loops started beside the jobs, one configuration per value, e.g. 0,1 (default 0).",
    transform: { text in
      try text.split(separator: ",").map { part in
        guard let n = Int(part) else { throw ValidationError("--competing-load takes counts such as 0,1") }
        return n
      }
    })
  var competingLoad: [Int] = [0]

  @Option(
    help:
      "pipeline: jobs to run, from \(PipelineBenchmark.jobs.joined(separator: ",")) (default all; peer needs --peer).")
  var job: String = PipelineBenchmark.jobs.joined(separator: ",")

  @Option(help: "pipeline: the peer's python_pipeline.py, run beside clv with OPENBLAS_NUM_THREADS=1.")
  var peer: String?

  @Option(help: "pipeline: the Python interpreter of the peer (default python3).")
  var python: String = "python3"

  @Option(help: "pipeline: another clv binary for the report job (e.g. a build of an older commit).")
  var reportBinary: String?

  @Option(help: "pipeline: write the measurements as JSON to this file.")
  var json: String?

  @Flag(help: .hidden)
  var child = false

  func validate() throws {
    guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1 (got \(repeats))") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1 (got \(threads))") }
  }

  func run() throws {
    if name == "pipeline" {
      if child {
        guard let file, let json else { throw ValidationError("--child needs --file and --json") }
        try PipelineBenchmark.runChild(file: file, json: json, threads: threads, seed: seed)
        return
      }
      var settings = PipelineBenchmark.Settings()
      settings.rows = rows
      settings.file = file
      settings.competingLoads = competingLoad
      settings.jobs = job.split(separator: ",").map(String.init)
      settings.peerScript = peer
      settings.python = python
      settings.reportBinary = reportBinary
      settings.threads = threads
      settings.seed = seed
      settings.json = json
      try PipelineBenchmark(settings: settings).run()
      return
    }
    let options = BenchmarkOptions(size: size, seed: seed, threads: threads, repeats: repeats)
    let benches = try BenchmarkSuite.resolve(name, options: options)
    for bench in benches {
      print("## \(bench.name): \(bench.summary)")
      for f in try bench.run(options) {
        var line = "\(f.name): \(String(format: "%.4g", f.value)) \(f.unit)"
        if let r = f.reference {
          line += "  (reference \(String(format: "%.4g", r)) \(f.unit)"
          if let src = f.referenceSource { line += ", \(src)" }
          line += ")"
        }
        if let s = f.speedup { line += String(format: "  → %.1f× the reference", s) }
        print(line)
      }
      print("peak RSS so far: \(Stopwatch.peakResidentBytes() / 1_048_576) MiB")
    }
  }
}
