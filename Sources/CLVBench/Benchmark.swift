/// One measured figure a benchmark prints, with the reference it is compared to.
public struct BenchmarkFigure: Sendable, Equatable {
  /// What was measured, e.g. `"BG/NBD fit, CDNOW 2,357 customers"`.
  public var name: String
  /// The measured value.
  public var value: Double
  /// The unit of `value`, e.g. `"s"`, `"MB/s"`, `"GFLOP/s"`.
  public var unit: String
  /// The outside reference in the same unit (e.g. the Python peer's time), if any.
  public var reference: Double?
  /// Where the reference comes from, e.g. `"lifetimes 0.11, same machine"`.
  public var referenceSource: String?
  /// Whether a larger value is better (throughput) or a smaller one (time).
  public var higherIsBetter: Bool

  /// Creates a figure.
  public init(
    name: String, value: Double, unit: String, reference: Double? = nil,
    referenceSource: String? = nil, higherIsBetter: Bool = false
  ) {
    self.name = name
    self.value = value
    self.unit = unit
    self.reference = reference
    self.referenceSource = referenceSource
    self.higherIsBetter = higherIsBetter
  }

  /// How many times better than the reference (> 1 means `clv` wins), if there is one.
  public var speedup: Double? {
    guard let reference, reference > 0, value > 0 else { return nil }
    return higherIsBetter ? value / reference : reference / value
  }
}

/// Options shared by all benchmarks; each benchmark documents how it reads them.
public struct BenchmarkOptions: Sendable {
  /// The problem size (rows, customers, …) or nil for the benchmark's default.
  public var size: Int?
  /// Seed of the data generator.
  public var seed: UInt64
  /// Worker threads a benchmark may use (nil: its default).
  public var threads: Int?
  /// Times to repeat each timed case, for benchmarks that report a median (≥ 1): on a
  /// shared machine one run can be 30% off.
  public var repeats: Int

  /// Creates options.
  public init(size: Int? = nil, seed: UInt64 = 42, threads: Int? = nil, repeats: Int = 1) {
    precondition(repeats >= 1, "repeats must be at least 1")
    self.size = size
    self.seed = seed
    self.threads = threads
    self.repeats = repeats
  }
}

/// A named benchmark: generates its own data, times the work, returns figures.
///
/// Benchmarks measure; they never assert. `clv bench NAME` prints their figures.
public struct Benchmark: Sendable {
  /// Name used on the command line, e.g. `"ingest"`.
  public let name: String
  /// One line on what it measures and its default size.
  public let summary: String
  /// Runs the benchmark and returns the figures.
  public let run: @Sendable (BenchmarkOptions) throws -> [BenchmarkFigure]

  /// Creates a benchmark.
  public init(
    name: String, summary: String,
    run: @escaping @Sendable (BenchmarkOptions) throws -> [BenchmarkFigure]
  ) {
    self.name = name
    self.summary = summary
    self.run = run
  }
}
