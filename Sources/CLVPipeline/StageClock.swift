import Foundation
import Logging

/// Times each stage, logs it to stderr and keeps the timings for `run.json`.
struct StageClock {
  let logger: Logger
  private(set) var timings: [(String, Double)] = []
  private let started = ContinuousClock.now

  init(logger: Logger) { self.logger = logger }

  /// Whether to draw a live progress line (stderr is a terminal and info is logged).
  var live: Bool { ProgressLine.isAvailable && logger.logLevel <= .info }

  mutating func stage<T>(_ name: String, _ body: () throws -> T) rethrows -> T {
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
    logger.info("\(name): \(String(format: "%.2f", seconds)) s")
  }

  /// `run.json`: wall-clock timings and when the run ended (never in the report).
  var json: JSONValue {
    [
      "finished_at": .string(ISO8601DateFormatter().string(from: Date())),
      "total_seconds": .number(BacktestStage.seconds(since: started)),
      "stages": .array(timings.map { ["stage": .string($0.0), "seconds": .number($0.1)] }),
    ]
  }
}
