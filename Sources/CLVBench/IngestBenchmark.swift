import CLVData
import CLVMath
import Foundation

extension BenchmarkSuite {
  /// `clv bench ingest [--size ROWS]`: reading + parsing + cleaning a transactions CSV
  /// into a `TransactionLog` (default 1,000,000 rows, ~42 MB, the Python peer's format
  /// `customer_id,order_id,timestamp,amount` with ISO-8601 UTC timestamps, 0.5% exact
  /// duplicates and 0.2% non-positive amounts). Best of 3 runs; the file is generated
  /// into a temporary directory first (not timed) and removed afterwards.
  static let ingest = Benchmark(
    name: "ingest",
    summary: "read + parse + clean a transactions CSV, default 1,000,000 rows"
  ) { options in
    let rows = options.size ?? 1_000_000
    var rng = SplitMix64(seed: options.seed)
    let bytes = IngestBenchmarkData.transactions(rows: rows, using: &rng)
    let dir = FileManager.default.temporaryDirectory
      .appendingPathComponent("clv-bench-ingest-\(ProcessInfo.processInfo.processIdentifier)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let path = dir.appendingPathComponent("transactions.csv").path
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    let megabytes = Double(bytes.count) / 1e6

    let columns = TransactionColumns(date: "timestamp")
    let loader = TransactionLoader(columns: columns)
    var kept = 0
    var cpu = Double.infinity
    let full = try Stopwatch.best(of: 3) {
      let c0 = IngestBenchmarkData.processCPUSeconds()
      kept = try loader.load(path: path).log.count
      cpu = min(cpu, IngestBenchmarkData.processCPUSeconds() - c0)
    }
    let noHash = TransactionLoader(columns: columns, options: IngestOptions(hashFile: false))
    var parseCPU = Double.infinity
    let parseOnly = try Stopwatch.best(of: 3) {
      let c0 = IngestBenchmarkData.processCPUSeconds()
      _ = try noHash.load(path: path)
      parseCPU = min(parseCPU, IngestBenchmarkData.processCPUSeconds() - c0)
    }
    let file = try MappedFile(path: path)
    let hashOnly = Stopwatch.best(of: 3) { _ = file.withBytes { SHA256.hex(of: $0) } }
    // The RFC 4180 reader alone: records and field bounds, no conversion or cleaning.
    var fields = 0
    var readerCPU = Double.infinity
    let readerOnly = try Stopwatch.best(of: 3) {
      let c0 = IngestBenchmarkData.processCPUSeconds()
      try file.withBytes { bytes in
        var reader = CSVReader(bytes: bytes, fileName: path)
        var record = CSVRecord()
        fields = 0
        while try reader.next(into: &record) { fields += record.count }
      }
      readerCPU = min(readerCPU, IngestBenchmarkData.processCPUSeconds() - c0)
    }
    precondition(fields >= 4 * rows, "the reader must see every field")
    precondition(kept > 0, "the generated file must load")

    let peer = "Python peer: pandas read 1.11 s + clean 0.78 s at 1M rows (shared/bench/README.md)"
    return [
      BenchmarkFigure(
        name: "read+parse+clean+SHA-256, \(rows) rows, \(String(format: "%.1f", megabytes)) MB",
        value: full, unit: "s", reference: rows == 1_000_000 ? 1.89 : nil,
        referenceSource: rows == 1_000_000 ? peer : nil),
      BenchmarkFigure(
        name: "throughput incl. SHA-256", value: megabytes / full, unit: "MB/s", reference: 45,
        referenceSource: "pandas read_csv with timestamp parsing, 30–45 MB/s", higherIsBetter: true),
      BenchmarkFigure(
        name: "CPU seconds (all threads) of the best full load; wall time above is inflated on a busy machine",
        value: cpu, unit: "s"),
      BenchmarkFigure(name: "rows per second incl. SHA-256", value: Double(rows) / full, unit: "rows/s", higherIsBetter: true),
      BenchmarkFigure(
        name: "throughput without SHA-256 (parse+clean only)", value: megabytes / parseOnly, unit: "MB/s",
        reference: 45, referenceSource: "pandas read_csv with timestamp parsing", higherIsBetter: true),
      BenchmarkFigure(
        name: "parse+clean MB per CPU-second (robust to other load on the machine)", value: megabytes / parseCPU,
        unit: "MB/s", higherIsBetter: true),
      BenchmarkFigure(
        name: "CSV reader alone (records + field bounds), wall", value: megabytes / readerOnly, unit: "MB/s",
        reference: 7.7, referenceSource: "yaslab/CSV.swift, swift-feasibility.md §6", higherIsBetter: true),
      BenchmarkFigure(
        name: "CSV reader alone, MB per CPU-second", value: megabytes / readerCPU, unit: "MB/s", higherIsBetter: true),
      BenchmarkFigure(name: "SHA-256 alone", value: megabytes / hashOnly, unit: "MB/s", higherIsBetter: true),
      BenchmarkFigure(
        name: "peak resident memory", value: Double(Stopwatch.peakResidentBytes()) / 1_048_576, unit: "MiB",
        reference: rows == 1_000_000 ? 790 : nil,
        referenceSource: rows == 1_000_000 ? "Python peer, whole pipeline at 1M rows" : nil),
    ]
  }
}

/// The benchmark's synthetic file, written byte by byte (fast, deterministic for a seed).
enum IngestBenchmarkData {
  /// CPU time used by the whole process so far (all threads), in seconds.
  static func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// `rows` data rows after a header: ~5 orders per customer over 2023–2024, sorted by
  /// time, with 0.5% exact duplicates next to their original and 0.2% non-positive amounts.
  static func transactions(rows: Int, using rng: inout SplitMix64) -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(rows * 44 + 64)
    out.append(contentsOf: "customer_id,order_id,timestamp,amount\n".utf8)
    let start = CivilDate(year: 2023, month: 1, day: 1)?.day ?? 19358
    let customers = max(1, rows / 5)
    var second = 0
    let step = max(1, 731 * 86_400 / max(rows, 1))
    var line: [UInt8] = []
    var written = 0
    var order = 0
    while written < rows {
      second += Int(rng.next() % UInt64(2 * step))
      order += 1
      line.removeAll(keepingCapacity: true)
      line.append(UInt8(ascii: "C"))
      appendPadded(Int(rng.next() % UInt64(customers)) + 1, width: 8, to: &line)
      line.append(contentsOf: ",O".utf8)
      appendPadded(order, width: 10, to: &line)
      line.append(44)
      let (y, m, d) = CivilDate.civilFromDays(start + second / 86_400)
      appendPadded(y, width: 4, to: &line)
      line.append(45)
      appendPadded(m, width: 2, to: &line)
      line.append(45)
      appendPadded(d, width: 2, to: &line)
      line.append(UInt8(ascii: "T"))
      let s = second % 86_400
      appendPadded(s / 3600, width: 2, to: &line)
      line.append(58)
      appendPadded(s / 60 % 60, width: 2, to: &line)
      line.append(58)
      appendPadded(s % 60, width: 2, to: &line)
      line.append(contentsOf: "Z,".utf8)
      var cents = 500 + Int(rng.nextGamma(shape: 2, scale: 2000))
      if rng.nextUniform() < 0.002 { cents = rng.nextUniform() < 0.5 ? 0 : -cents }
      if cents < 0 { line.append(45) }
      appendPadded(abs(cents) / 100, width: 1, to: &line)
      line.append(46)
      appendPadded(abs(cents) % 100, width: 2, to: &line)
      line.append(10)
      out.append(contentsOf: line)
      written += 1
      if written < rows, rng.nextUniform() < 0.005 {
        out.append(contentsOf: line)
        written += 1
      }
    }
    return out
  }

  private static func appendPadded(_ value: Int, width: Int, to out: inout [UInt8]) {
    var digits: [UInt8] = []
    var v = value
    repeat {
      digits.append(UInt8(48 + v % 10))
      v /= 10
    } while v > 0
    for _ in digits.count..<max(width, digits.count) { out.append(48) }
    out.append(contentsOf: digits.reversed())
  }
}
