/// Every benchmark `clv bench` knows, in the order `clv bench all` runs them.
///
/// Add a benchmark by writing `Sources/CLVBench/<Name>Benchmark.swift` with a
/// `static let` of type ``Benchmark`` and listing it here.
package enum BenchmarkSuite {
  /// All benchmarks.
  package static let all: [Benchmark] = [
    // (one line per benchmark)
    MLPBenchmark.benchmark,
    ClusteringBenchmark.benchmark,
    EvaluationBenchmark.benchmark,
    ingest,
    BTYDBenchmark.benchmark,
  ]

  /// The benchmark called `name`, if any.
  package static func named(_ name: String) -> Benchmark? {
    all.first { $0.name == name }
  }

  /// The benchmarks `clv bench NAME` runs (`all`: every one), each checked against `options`.
  /// `pipeline` is not here: it runs its jobs in child processes (``PipelineBenchmark``).
  /// - Throws: ``BenchmarkError`` for an unknown name or a size a benchmark cannot take.
  package static func resolve(_ name: String, options: BenchmarkOptions) throws(BenchmarkError) -> [Benchmark] {
    let benches: [Benchmark]
    if name == "all" {
      benches = all
    } else if let b = named(name) {
      benches = [b]
    } else {
      throw .unknownBenchmark(name, known: all.map(\.name) + ["pipeline", "all"])
    }
    for b in benches { try b.check(options) }
    return benches
  }
}
