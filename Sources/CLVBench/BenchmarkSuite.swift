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
}
