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
  )

  @Argument(help: "Benchmark name, or 'all'.")
  var name: String

  @Option(help: "Problem size (rows or customers, as the benchmark says).")
  var size: Int?

  @Option(help: "Seed of the generated data.")
  var seed: UInt64 = 42

  @Option(help: "Threads a benchmark may use.")
  var threads: Int?

  @Option(name: .customLong("repeat"), help: "Times to repeat each timed case (benchmarks that support it report the median and the best).")
  var repeats: Int = 1

  func validate() throws {
    guard repeats >= 1 else { throw ValidationError("--repeat must be at least 1 (got \(repeats))") }
  }

  func run() throws {
    let benches: [Benchmark]
    if name == "all" {
      benches = BenchmarkSuite.all
    } else if let b = BenchmarkSuite.named(name) {
      benches = [b]
    } else {
      throw ValidationError(
        "unknown benchmark '\(name)'; known: "
          + (BenchmarkSuite.all.map(\.name) + ["all"]).joined(separator: ", "))
    }
    let options = BenchmarkOptions(size: size, seed: seed, threads: threads, repeats: repeats)
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
