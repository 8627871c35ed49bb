import CLVData
import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVReport
import Foundation
import Logging

/// What `clv report` tells its caller after writing the output folder.
public struct RunOutcome: Sendable {
  /// Path of `report.html`.
  public let reportPath: String
  /// Whether any quality gate failed (the report is written regardless).
  public let gatesFailed: Bool
}

/// The whole `clv report` job: ingest → features → backtest → models → champion
/// → forward predictions → segments → explanations → gates → report, written
/// atomically to the output folder.
public struct ReportPipeline: Sendable {
  /// The run's settings.
  public let options: RunOptions
  /// Where progress goes (stderr in the CLI).
  public let logger: Logger
  /// Version of the tool, recorded in the outputs.
  public static let toolVersion = "0.1.0"

  /// Creates the pipeline.
  public init(options: RunOptions, logger: Logger) {
    self.options = options
    self.logger = logger
  }

  /// Runs the job and writes the output folder.
  /// - Throws: typed errors of the data, feature and report modules and
  ///   ``PipelineError`` for bad settings; nothing is written then.
  public func run() async throws -> RunOutcome {
    var clock = StageClock(logger: logger)
    let gateSpecs = try GateStage.parse(options.gates)
    _ = try Horizon(parsing: options.horizon)
    let splitter = try SplitAssigner(parsing: options.split, seed: options.seed)
    let candidates = try CandidateRoster.candidates(options.models)
    try options.validate()
    var catalogue = try ActionPlaybook.load(templates: options.templates)
    // With --margin the predicted CLV is already profit: the playbook's own margin
    // must not be applied a second time.
    if options.margin != 1 { catalogue.margin = 1 }
    let previous = try options.previous.map { try PreviousRun.load(directory: $0) }

    let inputs = try clock.stage("ingest") { try InputStage.load(options) }
    for s in inputs.summaries {
      logger.info("  \(s.fileName): \(s.keptRows) rows kept, \(s.duplicateRowsDropped) duplicates dropped, \(s.quarantinedRows) quarantined")
      for w in s.warnings { logger.warning("\(s.fileName): \(w)") }
    }
    let timeline = try Timeline(options: options, log: inputs.transactions)
    let builder = clock.stage("features") {
      FeatureBuilder(
        ledger: PurchaseLedger(inputs.transactions), profiles: inputs.profileAttributes,
        behaviour: inputs.behaviourLedger)
    }
    let base = ModelContext(
      horizonDays: Double(timeline.backtestDays), discountRate: options.discountRate, margin: options.margin,
      mlpHidden: options.mlpHidden, mlpEpochs: options.mlpEpochs)
    var forwardContext = base
    forwardContext.horizonDays = Double(timeline.forwardDays)

    var backtest: BacktestOutcome?
    var diagnostics: BTYDDiagnostics?
    if timeline.plan.isFeasible {
      let dataset = clock.stage("backtest features") {
        BacktestDataset(builder: builder, plan: timeline.plan, splitter: splitter)
      }
      logger.info("  \(dataset.rows.count) customers known at the cutoff \(Timeline.iso(timeline.plan.cutoff)), \(dataset.trainingLabels.count) training rows over \(timeline.plan.origins.count) origins")
      let outcome = clock.stage("backtest") {
        BacktestStage.run(dataset: dataset, candidates: candidates, context: base, seed: options.seed, logger: logger)
      }
      backtest = outcome
      if let probabilistic = (outcome.runs.first { $0.key == "bgnbd" } ?? outcome.runs.first { $0.candidate is BTYDCandidate }),
        let fitted = (probabilistic.candidate as? BTYDCandidate)?.countModel
      {
        diagnostics = BTYDDiagnostics.compute(model: fitted.model, builder: builder, dataset: dataset)
      }
    } else if let reason = timeline.plan.infeasibleReason {
      logger.warning("no backtest: \(reason)")
    }

    let forwardRows = builder.knownCustomers(before: timeline.asOf)
    let forwardTable = builder.features(for: forwardRows, asOf: timeline.asOf)
    var (scorer, refits, forwardFailures) = clock.stage("forward fit") {
      ForwardStage.makeScorer(
        backtest: backtest, candidates: candidates, forwardTable: forwardTable, context: forwardContext, logger: logger)
    }
    var forward = clock.stage("forward predictions") { scorer.predict(forwardTable) }
    let segments = clock.stage("segments") {
      SegmentStage.run(table: forwardTable, forward: forward, forcedCount: options.segments, catalogue: catalogue, seed: options.seed)
    }
    if let segments {
      scorer.segmentation = segments.model
      forward = scorer.predict(forwardTable)
    }
    let explanations = clock.stage("explain") {
      backtest.flatMap { b in
        b.champion.map {
          ExplainStage.run(backtest: b, champion: $0, context: base, repeats: options.importanceRepeats, seed: options.seed)
        }
      }
    }
    let gates = GateStage.run(gates: gateSpecs, backtest: backtest, previous: previous, forwardTable: forwardTable)
    let summary = RunSummary(
      options: options, toolVersion: Self.toolVersion, inputs: inputs.summaries, timeline: timeline,
      customersKnown: forwardRows.count,
      customersWithPurchase: forwardRows.filter { builder.directory.ledgerRow[$0] >= 0 }.count,
      backtest: backtest, diagnostics: diagnostics, forwardRefits: refits, forwardFailures: forwardFailures,
      championName: scorer.champion.name, championKey: scorer.champion.key, forward: forward,
      forwardTable: forwardTable, segments: segments, explanations: explanations, gates: gates,
      previousDirectory: options.previous, configSHA256: options.configFile.flatMap(Provenance.sha256(ofFile:)))

    var bundle = try await clock.stageAsync("report") {
      try await OutputBundle.make(summary: summary, scorer: scorer, options: options)
    }
    // Timings go to run.json only: the one file that differs between identical runs.
    bundle.files.append(OutputFile(path: "run.json", text: clock.json.serialized()))
    try clock.stage("write") { try AtomicWriter.write(bundle.files, to: URL(fileURLWithPath: options.out)) }
    logger.info("verdict: \(gates.report.verdict.rawValue); champion: \(scorer.champion.name)")
    return RunOutcome(
      reportPath: (options.out as NSString).appendingPathComponent("report.html"),
      gatesFailed: gates.report.verdict == .fail)
  }
}
