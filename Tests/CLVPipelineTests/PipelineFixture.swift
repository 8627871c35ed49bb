import CLVData
import CLVMath
import Foundation
import Logging

@testable import CLVPipeline

/// A small generated shop written once per test process, and helpers to run the
/// pipeline on it with settings small enough for debug-mode tests.
enum PipelineFixture {
  /// Package root (tests run anywhere; paths are built from this file's location).
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// A fresh temporary directory.
  static func temporaryDirectory(_ name: String) -> String {
    let dir = NSTemporaryDirectory() + "clv-tests-\(name)-\(UUID().uuidString)"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    return dir
  }

  /// 600 customers over two years, with the planted dirt.
  static let shopDirectory: String = {
    let dir = temporaryDirectory("shop")
    let shop = SampleShop(
      customers: 600, endDate: CivilDate(iso: "2026-09-30")!, days: 730, eventScale: 0.5, dirt: true)
    var rng = SplitMix64(seed: 7)
    _ = try? shop.generate(using: &rng).write(to: dir)
    return dir
  }()

  /// Settings for a quick run on the fixture shop, parsed from the same options a user
  /// gives (`extra` after the fixture's own, so they win).
  static func options(out: String, _ extra: [String] = []) -> RunSettings {
    let base = [
      "--transactions", shopDirectory + "/transactions.csv", "--customers", shopDirectory + "/customers.csv",
      "--events", shopDirectory + "/events.csv", "--horizon", "26w", "--mlp-hidden", "8", "--mlp-epochs", "4",
      "--importance-repeats", "2", "--templates", packageRoot + "/templates", "--out", out,
    ]
    do {
      return try RunSettings.parse(base + extra)
    } catch {
      preconditionFailure("fixture settings do not parse: \(RunSettings.message(for: error))")
    }
  }

  static var quietLogger: Logger {
    var l = Logger(label: "test")
    l.logLevel = .critical
    return l
  }

  /// Runs the report job; returns the outcome.
  @discardableResult
  static func run(_ options: RunSettings) async throws -> RunOutcome {
    try await ReportPipeline(options: options, logger: quietLogger).run()
  }

  static func read(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  }
}
