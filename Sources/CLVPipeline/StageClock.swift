import Foundation
import Logging

/// Times each stage, logs it to stderr and keeps the timings for `run.json`: wall and
/// CPU seconds (all threads) and the process's peak resident memory at the stage's end.
struct StageClock {
  let logger: Logger
  private(set) var timings: [(String, Double)] = []
  private var cpu: [Double] = []
  private var peaks: [Int] = []
  private var cpuAtStart = StageClock.processCPUSeconds()
  private let started = ContinuousClock.now
  /// The backtest's fits, for `run.json` (model key, seconds, training FLOPs).
  var fits: [JSONValue] = []

  init(logger: Logger) { self.logger = logger }

  /// Whether to draw a live progress line (stderr is a terminal and info is logged).
  var live: Bool { ProgressLine.isAvailable && logger.logLevel <= .info }

  mutating func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
    cpuAtStart = Self.processCPUSeconds()
    let start = ContinuousClock.now
    logger.info("\(name)…")
    let line = live ? ProgressLine(label: name) : nil
    defer { line?.stop() }
    let value = try body()
    line?.stop()
    record(name, since: start)
    return value
  }

  mutating func stageAsync<T>(_ name: String, _ body: () async throws -> T) async rethrows -> T {
    cpuAtStart = Self.processCPUSeconds()
    let start = ContinuousClock.now
    logger.info("\(name)…")
    let line = live ? ProgressLine(label: name) : nil
    defer { line?.stop() }
    let value = try await body()
    line?.stop()
    record(name, since: start)
    return value
  }

  private mutating func record(_ name: String, since start: ContinuousClock.Instant) {
    let seconds = BacktestStage.seconds(since: start)
    timings.append((name, seconds))
    cpu.append(Self.processCPUSeconds() - cpuAtStart)
    peaks.append(Self.peakResidentBytes())
    logger.info("\(name): \(String(format: "%.2f", seconds)) s")
  }

  /// `run.json`: wall-clock timings and when the run ended (never in the report).
  var json: JSONValue {
    [
      "finished_at": .string(ISO8601DateFormatter().string(from: Date())),
      "total_seconds": .number(BacktestStage.seconds(since: started)),
      "stages": .array(
        timings.indices.map {
          [
            "stage": .string(timings[$0].0), "seconds": .number(timings[$0].1), "cpu_seconds": .number(cpu[$0]),
            "peak_rss_bytes": .number(Double(peaks[$0])),
          ]
        }),
      "fits": .array(fits),
    ]
  }

  /// User + system CPU seconds of the whole process (every thread).
  static func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// Peak resident set size of the process so far (Linux `getrusage`, KiB → bytes).
  static func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
  }
}
