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

  /// The feature rows of the logs.
  package func rows() throws -> FeatureRows {
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
    return builder.rows(
      asOf: day, horizon: options.horizon,
      origins: BacktestPlan.candidateOrigins(
        asOf: day, horizon: options.horizon, rollingOrigins: options.rollingOrigins),
      firstDay: inputs.transactions.dayRange?.lowerBound)
  }

  /// Writes the rows (atomically to a file, or to standard output).
  /// - Returns: the number of rows written (without the header).
  @discardableResult
  package func run() throws -> Int {
    let rows = try rows()
    let text = FeatureRowsCSV.text(rows)
    try FeaturesPipeline.write(text, to: outputPath)
    let count = rows.origins.reduce(rows.forward.rowCount) { $0 + $1.table.rowCount }
    logger.info(
      "wrote \(count) feature rows (\(rows.forward.rowCount) customers at \(Timeline.iso(rows.asOf)), \(rows.origins.count) origins)"
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
