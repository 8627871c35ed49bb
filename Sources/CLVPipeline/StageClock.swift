import Foundation
import Logging

/// Times each stage, logs it to stderr and keeps the timings for `run.json`: wall and
/// CPU seconds (all threads), the process's peak resident memory at the stage's end
/// (VmHWM) and what is resident then (VmRSS). The peak rising during a stage names the
/// stage that sets the run's peak; the resident memory at its end, what the stage keeps.
struct StageClock {
  let logger: Logger
  private(set) var timings: [(String, Double)] = []
  private var cpu: [Double] = []
  private var peaks: [Int] = []
  private var resident: [Int] = []
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
    let memory = Self.residentMemory()
    let rise = memory.peak - (peaks.last ?? 0)
    peaks.append(memory.peak)
    resident.append(memory.current)
    logger.info(
      "\(name): \(String(format: "%.2f", seconds)) s, peak RSS \(Self.mebibytes(memory.peak)) MiB (+\(Self.mebibytes(rise))), resident \(Self.mebibytes(memory.current)) MiB"
    )
  }

  /// Bytes in whole MiB, for the log.
  static func mebibytes(_ bytes: Int) -> Int { (bytes + (1 << 19)) >> 20 }

  /// `run.json`: wall-clock timings and when the run ended (never in the report).
  var json: JSONValue {
    [
      "finished_at": .string(ISO8601DateFormatter().string(from: Date())),
      "total_seconds": .number(BacktestStage.seconds(since: started)),
      "stages": .array(
        timings.indices.map {
          [
            "stage": .string(timings[$0].0), "seconds": .number(timings[$0].1), "cpu_seconds": .number(cpu[$0]),
            "peak_rss_bytes": .number(Double(peaks[$0])), "rss_bytes": .number(Double(resident[$0])),
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

  /// The process's peak resident set size so far and its resident size now, in bytes:
  /// `VmHWM` and `VmRSS` of `/proc/self/status` (KiB); where that file is missing, the
  /// peak from `getrusage` and 0 for the current size.
  static func residentMemory() -> (peak: Int, current: Int) {
    if let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) {
      let kib = statusKiB(status)
      if let peak = kib["VmHWM"], let current = kib["VmRSS"] { return (peak * 1024, current * 1024) }
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return (Int(usage.ru_maxrss) * 1024, 0)
  }

  /// The `Name:   123 kB` lines of a `/proc/PID/status` text, by name (KiB).
  static func statusKiB(_ status: String) -> [String: Int] {
    var out = [String: Int]()
    for line in status.split(separator: "\n") {
      let parts = line.split(whereSeparator: { $0 == ":" || $0 == " " || $0 == "\t" })
      guard parts.count == 3, parts[2] == "kB", let value = Int(parts[1]) else { continue }
      out[String(parts[0])] = value
    }
    return out
  }
}
