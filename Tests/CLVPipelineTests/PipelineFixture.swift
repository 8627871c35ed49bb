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
    let shop = SampleShop(customers: 600, endDate: CivilDate(iso: "2026-09-30")!, days: 730, eventScale: 0.5, dirt: true)
    var rng = SplitMix64(seed: 7)
    _ = try? shop.generate(using: &rng).write(to: dir)
    return dir
  }()

  /// Options for a quick run on the fixture shop.
  static func options(out: String) -> RunOptions {
    var o = RunOptions()
    o.transactions = shopDirectory + "/transactions.csv"
    o.customers = shopDirectory + "/customers.csv"
    o.events = shopDirectory + "/events.csv"
    o.horizon = "26w"
    o.mlpHidden = [8]
    o.mlpEpochs = 4
    o.importanceRepeats = 2
    o.templates = packageRoot + "/templates"
    o.out = out
    return o
  }

  static var quietLogger: Logger {
    var l = Logger(label: "test")
    l.logLevel = .critical
    return l
  }

  /// Runs the report job; returns the outcome.
  @discardableResult
  static func run(_ options: RunOptions) async throws -> RunOutcome {
    try await ReportPipeline(options: options, logger: quietLogger).run()
  }

  static func read(_ path: String) -> String {
    (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
  }
}
