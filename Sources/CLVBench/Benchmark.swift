/// One measured figure a benchmark prints, with the reference it is compared to.
package struct BenchmarkFigure: Sendable, Equatable {
  /// What was measured, e.g. `"BG/NBD fit, CDNOW 2,357 customers"`.
  package var name: String
  /// The measured value.
  package var value: Double
  /// The unit of `value`, e.g. `"s"`, `"MB/s"`, `"GFLOP/s"`.
  package var unit: String
  /// The outside reference in the same unit (e.g. the Python peer's time), if any.
  package var reference: Double?
  /// Where the reference comes from, e.g. `"lifetimes 0.11, same machine"`.
  package var referenceSource: String?
  /// Whether a larger value is better (throughput) or a smaller one (time).
  package var higherIsBetter: Bool

  /// Creates a figure.
  package init(
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
  package var speedup: Double? {
    guard let reference, reference > 0, value > 0 else { return nil }
    return higherIsBetter ? value / reference : reference / value
  }
}

/// Options shared by all benchmarks; each benchmark documents how it reads them.
package struct BenchmarkOptions: Sendable {
  /// The problem size (rows, customers, …) or nil for the benchmark's default.
  package var size: Int?
  /// Seed of the data generator.
  package var seed: UInt64
  /// Worker threads a benchmark may use (nil: its default).
  package var threads: Int?
  /// Times to repeat each timed case, for benchmarks that report a median (≥ 1): on a
  /// shared machine one run can be 30% off.
  package var repeats: Int

  /// Creates options.
  package init(size: Int? = nil, seed: UInt64 = 42, threads: Int? = nil, repeats: Int = 1) {
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
package struct Benchmark: Sendable {
  /// Name used on the command line, e.g. `"ingest"`.
  package let name: String
  /// One line on what it measures and its default size.
  package let summary: String
  /// The smallest `--size` the benchmark's work is defined for, in ``sizeUnit``.
  package let minimumSize: Int
  /// What `--size` counts, e.g. `"customers"` or `"rows"`.
  package let sizeUnit: String
  /// Why a smaller size is refused, for the message.
  package let minimumReason: String
  /// Runs the benchmark and returns the figures.
  package let run: @Sendable (BenchmarkOptions) throws -> [BenchmarkFigure]

  /// Creates a benchmark; `--size` values below `minimumSize` are refused with `minimumReason`.
  package init(
    name: String, summary: String, minimumSize: Int = 1, sizeUnit: String = "rows",
    minimumReason: String = "there must be data to work on",
    run: @escaping @Sendable (BenchmarkOptions) throws -> [BenchmarkFigure]
  ) {
    self.name = name
    self.summary = summary
    self.minimumSize = minimumSize
    self.sizeUnit = sizeUnit
    self.minimumReason = minimumReason
    self.run = run
  }

  /// Checks `options` against what the benchmark needs, before any work.
  /// - Throws: ``BenchmarkError/sizeTooSmall(benchmark:size:minimum:unit:reason:)``.
  package func check(_ options: BenchmarkOptions) throws(BenchmarkError) {
    if let size = options.size, size < minimumSize {
      throw .sizeTooSmall(benchmark: name, size: size, minimum: minimumSize, unit: sizeUnit, reason: minimumReason)
    }
  }
}
