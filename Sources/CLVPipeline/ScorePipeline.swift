import CLVData
import CLVFeatures
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
  /// Progress sink.
  public let logger: Logger

  /// The models a `model.json` may hold.
  let registry: CandidateRegistry

  /// Creates the job.
  package init(
    inputs: InputSettings, horizon: Horizon? = nil, modelPath: String, outputPath: String, logger: Logger
  ) {
    self.init(
      inputs: inputs, horizon: horizon, modelPath: modelPath, outputPath: outputPath, registry: .standard,
      logger: logger)
  }

  /// Creates the job for a model whose models are in `registry`.
  init(
    inputs: InputSettings, horizon: Horizon? = nil, modelPath: String, outputPath: String,
    registry: CandidateRegistry, logger: Logger
  ) {
    self.registry = registry
    self.inputs = inputs
    self.horizon = horizon
    self.modelPath = modelPath
    self.outputPath = outputPath
    self.logger = logger
  }

  /// Scores every customer known before the as-of date and writes the CSV atomically.
  /// - Returns: the number of customers scored.
  public func run() throws -> Int {
    let model = try SavedModelFile.load(path: modelPath, registry: registry)
    let files = self.inputs.resolved()
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
    let scorer = model.scorer(horizonDays: Double(timeline.forwardDays))
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
