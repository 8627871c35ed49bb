import CLVData
import CLVFeatures
import CLVReport
import Foundation
import Logging

/// `clv features`: the feature rows of the customers in the given logs (``FeatureRowsCSV``),
/// for `clv report --features` and `clv score --features`. The logs may hold any set of
/// customers (a Spark partition), each customer's rows anywhere in them; the rows are
/// those `clv report` computes for these customers, so the rows of disjoint sets of
/// customers join into the rows of all of them.
///
/// The as-of date must be given: a part of the customers cannot know the last date of all
/// of them, and every feature counts from it. The first day of all the logs (which decides
/// which origins the backtest keeps) is not needed: the rows cover every origin a plan may
/// use, and each input records its own first day (a `span` row) for the reader to combine.
package struct FeaturesPipeline: Sendable {
  /// The settings (inputs, `--as-of`, `--horizon`, `--rolling-origins`).
  package let options: RunSettings
  /// The output file, `-` for standard output.
  package let outputPath: String
  /// Progress sink (stderr in the CLI).
  package let logger: Logger

  /// Creates the job.
  package init(options: RunSettings, outputPath: String, logger: Logger) {
    self.options = options
    self.outputPath = outputPath
    self.logger = logger
  }

  /// The feature rows of the logs (all in memory: ``run()`` writes them one origin at a time).
  package func rows() throws -> FeatureRows {
    let job = try prepared()
    return job.builder.rows(asOf: job.asOf, horizon: options.horizon, origins: job.origins, firstDay: job.firstDay)
  }

  /// The inputs loaded into a builder, with the as-of day, the origins and the first day.
  private func prepared() throws -> (builder: FeatureBuilder, asOf: Int32, origins: [Int32], firstDay: Int32?) {
    guard let asOf = options.inputs.asOf else {
      throw PipelineError.invalidOption(
        name: "as-of", value: "(not given)",
        expected: "a forecast date yyyy-MM-dd: 'clv features' may see only some of the customers (a Spark partition), "
          + "so it cannot take the day after the last transaction; use the date every part and 'clv report' use")
    }
    if options.features != nil {
      throw PipelineError.invalidOption(
        name: "features", value: options.features ?? "", expected: "no --features: 'clv features' reads the logs")
    }
    let files = options.inputs.resolved()
    if outputPath != "-" {
      // Never replaces an input, nor a file that is not earlier `clv features` output.
      try OutputFileClaim.check(
        outputPath, option: "-o", inputs: [files.transactions, files.customers, files.events].compactMap { $0?.path },
        force: options.force, expectedStart: FeatureRowsCSV.version + ",")
    }
    let inputs = try InputStage.load(files)
    for s in inputs.summaries {
      logger.info(
        "  \(s.fileName): \(s.keptRows) rows kept, \(s.duplicateRowsDropped) duplicates dropped, \(s.quarantinedRows) quarantined"
      )
    }
    let builder = FeatureBuilder(
      ledger: PurchaseLedger(inputs.transactions), profiles: inputs.profileAttributes, behaviour: inputs.behaviourLedger
    )
    let day = Int32(asOf.day)
    let origins = BacktestPlan.candidateOrigins(
      asOf: day, horizon: options.horizon, rollingOrigins: options.rollingOrigins)
    return (builder, day, origins, inputs.transactions.dayRange?.lowerBound)
  }

  /// Writes the rows (atomically to a file, or to standard output), the bytes of
  /// ``FeatureRowsCSV/text(_:)``: the forward table first (it gives the header), then one
  /// origin's table at a time, each written in chunks of about `chunkBytes` as it is made.
  /// - Returns: the number of rows written (without the header).
  @discardableResult
  package func run(chunkBytes: Int = 1 << 20) throws -> Int {
    let job = try prepared()
    let forward = job.builder.forwardRows(asOf: job.asOf)
    var count = forward.rowCount
    try StreamedOutput.write(to: outputPath) { emit in
      var w = FeatureRowsCSV.Writer(
        columnsOf: forward, asOf: job.asOf, horizon: options.horizon, firstDay: job.firstDay)
      for o in job.origins {  // every customer known before the origin (a partition keeps all)
        let rows = job.builder.originRows(
          o, customers: job.builder.knownCustomers(before: o), asOf: job.asOf, horizon: options.horizon)
        count += rows.table.rowCount
        try w.append(rows, chunkBytes: chunkBytes, to: emit)
      }
      try w.appendForward(forward, chunkBytes: chunkBytes, to: emit)
      try w.finish(to: emit)
    }
    logger.info(
      "wrote \(count) feature rows (\(forward.rowCount) customers at \(Timeline.iso(job.asOf)), \(job.origins.count) origins)"
    )
    return count
  }

  /// `text` to `path` atomically, or to standard output for `-`.
  static func write(_ text: String, to path: String) throws {
    try write(Data(text.utf8), to: path)
  }

  /// `bytes` to `path` atomically, or to standard output for `-`.
  static func write(_ bytes: [UInt8], to path: String) throws {
    try write(Data(bytes), to: path)
  }

  private static func write(_ data: Data, to path: String) throws {
    if path == "-" {
      FileHandle.standardOutput.write(data)
      return
    }
    let url = URL(fileURLWithPath: path)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.write(to: url, options: .atomic)
    } catch {
      throw OutputError.writeFailed(path: path, reason: "\(error)")
    }
  }
}

/// Output written as it is made: to standard output, or to a hidden file beside the target
/// that replaces it by `rename(2)` once complete (removed on failure), so the target holds
/// the old or the new output, never a part.
enum StreamedOutput {
  /// Runs `body` with a sink for the output's bytes, then completes the file.
  static func write(to path: String, _ body: (_ emit: ([UInt8]) throws -> Void) throws -> Void) throws {
    if path == "-" {
      do {
        try body { try FileHandle.standardOutput.write(contentsOf: Data($0)) }
      } catch {
        throw OutputError.writeFailed(path: "standard output", reason: "\(error)")
      }
      return
    }
    let url = URL(fileURLWithPath: path)
    let dir = url.deletingLastPathComponent()
    let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
    do {
      try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
      guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else {
        throw OutputError.writeFailed(path: path, reason: "cannot create \(tmp.path)")
      }
      let handle = try FileHandle(forWritingTo: tmp)
      do {
        try body { try handle.write(contentsOf: Data($0)) }
        try handle.close()
      } catch {
        try? handle.close()
        throw error
      }
      guard rename(tmp.path, path) == 0 else {
        throw OutputError.writeFailed(path: path, reason: String(cString: strerror(errno)))
      }
    } catch {
      try? FileManager.default.removeItem(at: tmp)
      if error is OutputError { throw error }
      throw OutputError.writeFailed(path: path, reason: "\(error)")
    }
  }
}
