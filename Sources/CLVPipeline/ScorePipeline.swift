import CLVData
import CLVFeatures
import CLVMath
import CLVReport
import Foundation
import Logging

/// `clv score`: predictions for new data with a saved `model.json`, written as
/// `predictions.csv` exactly as `clv report` writes it.
public struct ScorePipeline: Sendable {
  /// Input files, columns and the as-of date.
  package let inputs: InputSettings
  /// The horizon to predict (nil: the model's).
  package let horizon: Horizon?
  /// Path of the `model.json` to use.
  public let modelPath: String
  /// Output CSV path.
  public let outputPath: String
  /// Whether the output may replace an existing file that is not an earlier `clv score`
  /// output (an input is never replaced).
  public let force: Bool
  /// Progress sink.
  public let logger: Logger

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
  public func run() throws -> Int {
    let files = self.inputs.resolved()
    WorkPool.shared.threadLimit = self.inputs.threads ?? WorkPool.shared.threadCount
    let inputFiles = [modelPath, files.transactions.path] + [files.customers, files.events].compactMap { $0?.path }
    try OutputFileClaim.check(
      outputPath, option: "-o", inputs: inputFiles, force: force, expectedStart: TableFiles.predictionsSignature)
    let model = try SavedModelFile.load(path: modelPath, registry: registry)
    let inputs = try InputStage.load(files)
    for s in inputs.summaries { for w in s.warnings { logger.warning("\(s.fileName): \(w)") } }
    let timeline = try Timeline(
      asOf: self.inputs.asOf, horizon: try horizon ?? Horizon(parsing: model.horizon), rollingOrigins: false,
      log: inputs.transactions, path: files.transactions.path)
    let builder = FeatureBuilder(
      ledger: PurchaseLedger(inputs.transactions), profiles: inputs.profileAttributes, behaviour: inputs.behaviourLedger)
    let rows = builder.knownCustomers(before: timeline.asOf)
    let table = builder.features(for: rows, asOf: timeline.asOf)
    try model.check(fits: table, path: modelPath)
    if timeline.horizon.description != model.horizon {
      logger.warning("the model was fitted for a horizon of \(model.horizon); scoring with \(timeline.horizon)")
    }
    let scorer = model.scorer(horizonDays: Double(timeline.forwardDays), ledgers: builder)
    let predictions = scorer.predict(table)
    let text = TableFiles.predictions(predictions)
    let url = URL(fileURLWithPath: outputPath)
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url, options: .atomic)
    } catch {
      throw OutputError.writeFailed(path: outputPath, reason: "\(error)")
    }
    logger.info("scored \(rows.count) customers as of \(Timeline.iso(timeline.asOf)) with \(scorer.champion.name)")
    return rows.count
  }
}
