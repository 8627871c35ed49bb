import CLVData
import CLVFeatures
import CLVMath
import CLVReport
import Foundation
import Logging

/// `clv score`: predictions for new data with a saved `model.json`, written as
/// `predictions.csv` exactly as `clv report` writes it.
package struct ScorePipeline: Sendable {
  /// Input files, columns and the as-of date.
  package let inputs: InputSettings
  /// The horizon to predict (nil: the model's).
  package let horizon: Horizon?
  /// Path of the `model.json` to use.
  package let modelPath: String
  /// Output CSV path, `-` for standard output.
  package let outputPath: String
  /// Feature rows to score instead of the logs (a file, a folder, `-`: standard input).
  package var features: String?
  /// A file of customer ids, one per line, whose reasons to write instead of the input's
  /// own watch-list (nil: the watch-list; see ``ForwardScorer/explaining``).
  package var explainCustomers: String?
  /// Whether the output may replace an existing file that is not an earlier `clv score`
  /// output (an input is never replaced).
  package let force: Bool
  /// Progress sink.
  package let logger: Logger

  /// The models a `model.json` may hold.
  let registry: CandidateRegistry

  /// Creates the job.
  package init(
    inputs: InputSettings, horizon: Horizon? = nil, modelPath: String, outputPath: String, force: Bool = false,
    logger: Logger
  ) {
    self.init(
      inputs: inputs, horizon: horizon, modelPath: modelPath, outputPath: outputPath, force: force,
      registry: .standard, logger: logger)
  }

  /// Creates the job for a model whose models are in `registry`.
  init(
    inputs: InputSettings, horizon: Horizon? = nil, modelPath: String, outputPath: String, force: Bool = false,
    registry: CandidateRegistry, logger: Logger
  ) {
    self.registry = registry
    self.inputs = inputs
    self.horizon = horizon
    self.modelPath = modelPath
    self.outputPath = outputPath
    self.force = force
    self.logger = logger
  }

  /// Scores every customer known before the as-of date and writes the CSV atomically.
  /// - Returns: the number of customers scored.
  /// - Throws: ``OutputTargetError`` before any work when the output would replace an
  ///   input or (without `force`) a file that `clv score` did not write.
  package func run() throws -> Int {
    let files = self.inputs.resolved()
    WorkPool.shared.threadLimit = self.inputs.threads ?? WorkPool.shared.threadCount
    let inputFiles =
      [modelPath] + (explainCustomers.map { [$0] } ?? [])
      + (features.map { [$0] }
        ?? [files.transactions.path] + [files.customers, files.events].compactMap { $0?.path })
    if outputPath != "-" {
      try OutputFileClaim.check(
        outputPath, option: "-o", inputs: inputFiles, force: force, expectedStart: TableFiles.predictionsSignature)
    }
    let model = try SavedModelFile.load(path: modelPath, registry: registry)
    let horizon = try self.horizon ?? Horizon(parsing: model.horizon)
    let table: FeatureTable
    let timeline: Timeline
    var builder: FeatureBuilder?
    if let features {
      // The forward rows of `clv features` output: the features at its as-of date.
      let rows = try FeatureRowsInput.load(path: features)
      if let a = self.inputs.asOf, Int32(a.day) != rows.asOf {
        throw PipelineError.invalidOption(
          name: "as-of", value: a.iso,
          expected: "the as-of date of the feature rows (\(Timeline.iso(rows.asOf))) or none")
      }
      table = rows.forward
      let plan = BacktestPlan(
        asOf: rows.asOf, horizon: horizon, firstDay: rows.firstDay ?? rows.asOf, rollingOrigins: false)
      timeline = Timeline(asOf: rows.asOf, horizon: horizon, plan: plan)
    } else {
      let inputs = try InputStage.load(files)
      for s in inputs.summaries { for w in s.warnings { logger.warning("\(s.fileName): \(w)") } }
      timeline = try Timeline(
        asOf: self.inputs.asOf, horizon: horizon, rollingOrigins: false, log: inputs.transactions,
        path: files.transactions.path)
      let ledgers = FeatureBuilder(
        ledger: PurchaseLedger(inputs.transactions), profiles: inputs.profileAttributes,
        behaviour: inputs.behaviourLedger)
      table = ledgers.forwardRows(asOf: timeline.asOf)
      builder = ledgers
    }
    let rowsName = features.map { $0 == "-" ? "on standard input" : $0 }
    try model.check(fits: table, path: modelPath, featureRows: rowsName)
    if let rowsName, let c = model.candidates.first(where: \.readsActivity) {
      throw PipelineError.modelNeedsLogs(path: modelPath, model: c.name, featureRows: rowsName)
    }
    if timeline.horizon.description != model.horizon {
      logger.warning("the model was fitted for a horizon of \(model.horizon); scoring with \(timeline.horizon)")
    }
    var scorer = model.scorer(horizonDays: Double(timeline.forwardDays), ledgers: builder)
    if let explainCustomers { scorer.explaining = try Self.customerIDs(in: explainCustomers) }
    let predictions = scorer.predict(table)
    // The saved champion is the only model here: no fallback, a typed error instead of a NaN file.
    if let why = ForwardStage.problem(predictions) {
      throw PipelineError.noUsableForwardPredictions(tried: ["\(scorer.champion.name): \(why)"])
    }
    // Written a megabyte at a time as it is made (held whole, ~280 MB at 1.9M customers).
    try StreamedOutput.write(to: outputPath) { emit in try TableFiles.predictions(predictions, into: emit) }
    logger.info("scored \(table.rowCount) customers as of \(Timeline.iso(timeline.asOf)) with \(scorer.champion.name)")
    return table.rowCount
  }

  /// The customer ids of `path`, one per line (empty lines skipped, a trailing `\r` dropped).
  static func customerIDs(in path: String) throws -> Set<String> {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw PipelineError.invalidOption(
        name: "explain-customers", value: path, expected: "a readable UTF-8 file of customer ids, one per line")
    }
    return Set(
      text.split(separator: "\n", omittingEmptySubsequences: true).map {
        String($0.hasSuffix("\r") ? $0.dropLast() : $0)
      }.filter { !$0.isEmpty })
  }
}
