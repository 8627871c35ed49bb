import CLVData
import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVReport
import Foundation
import Logging

/// What `clv report` tells its caller after writing the output folder.
package struct RunOutcome: Sendable {
  /// Path of `report.html`.
  package let reportPath: String
  /// Whether any quality gate failed (the report is written regardless).
  package let gatesFailed: Bool
  /// Why nothing could be judged (the report is written, its verdict says so), or nil.
  package let notAssessed: String?
}

/// The whole `clv report` job: ingest → features → backtest → models → champion
/// → forward predictions → segments → explanations → gates → report, written
/// atomically to the output folder.
package struct ReportPipeline: Sendable {
  /// The run's settings.
  package let options: RunSettings
  /// The config file the settings came from, if any (hashed into the run information).
  package let configFile: String?
  /// Where progress goes (stderr in the CLI).
  package let logger: Logger
  /// Version of the tool, recorded in the outputs.
  package static let toolVersion = "0.1.0"

  /// The models it can fit (``CandidateRegistry/standard``; tests add their own).
  let registry: CandidateRegistry

  /// Creates the pipeline.
  package init(options: RunSettings, configFile: String? = nil, logger: Logger) {
    self.init(options: options, configFile: configFile, registry: .standard, logger: logger)
  }

  /// Creates the pipeline with the models of `registry`.
  init(options: RunSettings, configFile: String? = nil, registry: CandidateRegistry, logger: Logger) {
    self.options = options
    self.configFile = configFile
    self.registry = registry
    self.logger = logger
  }

  /// Runs the job and writes the output folder.
  /// - Throws: typed errors of the data, feature and report modules and
  ///   ``PipelineError`` for bad settings; nothing is written then.
  package func run() async throws -> RunOutcome {
    var clock = StageClock(logger: logger)
    let gateSpecs = options.gate
    let splitter = try SplitAssigner(parsing: options.split, seed: options.seed)
    var candidates = try registry.candidates(options.modelKeys, settings: options)
    // From feature rows the default set is every model that can run from them: a model that
    // reads each customer's activity from the logs is left out, and the report says so (named
    // in --models, it is reported as not fitted, with the same reason).
    var leftOut = [(name: String, reason: String)]()
    if options.features != nil && options.modelKeys.isEmpty {
      leftOut = candidates.filter(\.readsActivity).map { ($0.name, SequenceError.noActivity.description) }
      candidates.removeAll(where: \.readsActivity)
      for m in leftOut { logger.info("  \(m.name) left out: \(m.reason)") }
    }
    let files = options.inputs.resolved()
    WorkPool.shared.threadLimit = options.inputs.threads ?? WorkPool.shared.threadCount
    var catalogue = try ActionPlaybook.load(templates: options.templates)
    // With --margin the predicted CLV is already profit: the playbook's own margin
    // must not be applied a second time.
    if options.margin != 1 { catalogue.margin = 1 }
    let previous = try options.previous.map { try PreviousRun.load(directory: $0) }
    let notes = try options.notes.map { try AnalystNotes.load(path: $0) }
    let redaction =
      !options.redactIds
      ? IDRedaction.none
      : IDRedaction(
        salt: options.redactSalt ?? "\(options.seed)",
        saltSource: options.redactSalt == nil ? "the seed (\(options.seed))" : "--redact-salt (not recorded)")
    let output = try OutputTarget.claim(options, files: files, configFile: configFile)
    defer { output.release() }

    var source: RunFeatures
    if let features = options.features {
      source = try clock.stage("read features") {
        try RunFeatures(featureRows: features, options: options, logger: logger)
      }
    } else {
      let inputs = try clock.stage("ingest") { try InputStage.load(files) }
      for s in inputs.summaries {
        logger.info(
          "  \(s.fileName): \(s.keptRows) rows kept, \(s.duplicateRowsDropped) duplicates dropped, \(s.noCustomerIDRows) without customer id, \(s.quarantinedRows) quarantined"
        )
        logger.info("    read as \(s.dialect.logLine)")
        for note in s.notes { logger.info("    \(note)") }
        for w in s.warnings { logger.warning("\(s.fileName): \(w)") }
      }
      source = try clock.stage("features") {
        try RunFeatures(inputs: inputs, files: files, options: options, splitter: splitter)
      }
    }
    let timeline = source.timeline
    let base = ModelContext(
      horizonDays: Double(timeline.backtestDays), discountRate: options.discountRate, margin: options.margin,
      ledgers: source.builder)
    var forwardContext = base
    forwardContext.horizonDays = Double(timeline.forwardDays)

    var backtest: BacktestOutcome?
    var diagnostics: BTYDDiagnostics?
    if timeline.plan.isFeasible {
      let dataset = clock.stage("backtest features") {
        source.dataset(splitter: splitter, trainingRowsPerOrigin: options.trainingRowsPerOrigin)
      }
      source.releaseBacktestRows()
      logger.info(
        "  \(dataset.features.rowCount) customers known at the cutoff \(Timeline.iso(timeline.plan.cutoff)), \(dataset.trainingLabels.count) training rows over \(timeline.plan.origins.count) origins"
      )
      let outcome = clock.stage("backtest") {
        BacktestStage.run(dataset: dataset, candidates: candidates, context: base, seed: options.seed, logger: logger)
      }
      backtest = outcome
      clock.fits = outcome.runs.map { r in
        [
          "model": .string(r.key), "seconds": .number(r.seconds), "thread_cpu_seconds": .number(r.cpuSeconds),
          "training_flop": r.details.trainingFLOP.map(JSONValue.number) ?? .null,
        ]
      }
      if let model = (outcome.runs.lazy.compactMap { $0.candidate.purchaseCountModel }.first),
        let builder = source.builder
      {
        diagnostics = BTYDDiagnostics.compute(
          model: model, builder: builder, dataset: dataset, daysPerUnit: base.btydDaysPerUnit)
      }
    } else if let reason = timeline.plan.infeasibleReason {
      logger.warning("no backtest: \(reason)")
    }

    // Every model is fitted and scored at the cutoff: the stages after this read only the test
    // customers' features there (``BacktestOutcome/testFeatures``), so the cutoff table is
    // dropped before the forward one is built (at 1.9M customers each is ≈ 330 MB).
    backtest?.dataset.dropFeatureValues()
    let forwardTable = clock.stage("forward features") { source.forwardFeatures() }
    var (scorer, refits, forwardFailures, forwardPool) = clock.stage("forward fit") {
      ForwardStage.makeScorer(
        backtest: backtest, candidates: candidates, forwardTable: forwardTable, context: forwardContext, logger: logger)
    }
    var (forward, forwardFallbacks) = try clock.stage("forward predictions") {
      try ForwardStage.usablePredictions(
        scorer: &scorer, pool: forwardPool, backtest: &backtest, table: forwardTable, referenceKey: candidates[0].key,
        logger: logger)
    }
    // Intervals of the champion that predicts (after any fallback), calibrated on its validation rows.
    let intervals = backtest.flatMap { IntervalStage.run(backtest: $0) }
    if scorer.champion.name == backtest?.selection?.champion {
      scorer.intervals = intervals?.model
      scorer.assignIntervals(&forward)
    }
    let segments = clock.stage("segments") {
      SegmentStage.run(
        table: forwardTable, forward: forward, forcedCount: options.segments, catalogue: catalogue, seed: options.seed)
    }
    let segmentsUnavailable = SegmentStage.unavailable(table: forwardTable, forward: forward).map { reason in
      let churn = registry.descriptors.filter { !$0.capabilities.isEmpty }.map(\.key)
      return reason
        + " Run with a model that gives P(alive) or a purchase probability (\(churn.joined(separator: ", "))) "
        + "and at least \(SegmentStage.minimumBuyers) customers with a purchase."
    }
    if let segmentsUnavailable { logger.warning("no segments: \(segmentsUnavailable)") }
    scorer.segmentation = segments?.model
    scorer.reasons = CustomerReasons.background(from: forwardTable, seed: options.seed).map {
      CustomerReasons(background: $0)
    }
    scorer.reasonSeed = options.seed
    // The same columns `clv score` gets from one `predict` (segments and actions added to
    // the predictions already made, not a second pass of every model).
    clock.stage("assign segments") { scorer.assignSegments(&forward, table: forwardTable) }
    if let reasons = scorer.reasons {
      clock.stage("reasons") { scorer.explain(&forward, table: forwardTable, with: reasons) }
    }
    let explanations = clock.stage("explain") {
      backtest.flatMap { b in
        b.champion.map {
          ExplainStage.run(
            backtest: b, champion: $0, context: base, repeats: options.importanceRepeats, seed: options.seed)
        }
      }
    }
    let monthly = clock.stage("monthly forecast") {
      MonthlyForecastStage.run(
        forward: forward, forwardTable: forwardTable, scorer: scorer, backtest: backtest, builder: source.builder,
        timeline: timeline, daysPerUnit: base.btydDaysPerUnit, seed: options.seed)
    }
    let gates = GateStage.run(gates: gateSpecs, backtest: backtest, previous: previous, forwardTable: forwardTable)
    var summary = RunSummary(
      options: options, registry: registry, toolVersion: Self.toolVersion, inputs: source.inputs?.summaries ?? [],
      timeline: timeline, customersKnown: forwardTable.rowCount, customersWithPurchase: source.customersWithPurchase,
      backtest: backtest, diagnostics: diagnostics, forwardRefits: refits, forwardFailures: forwardFailures,
      championName: scorer.champion.name, championKey: scorer.champion.key, forward: forward,
      forwardTable: forwardTable, segments: segments, explanations: explanations, gates: gates,
      previousDirectory: options.previous, configFile: configFile,
      configSHA256: configFile.flatMap(Provenance.sha256(ofFile:)),
      notes: notes, monthlyForecast: monthly, segmentsUnavailable: segmentsUnavailable, redaction: redaction)
    summary.intervals = scorer.intervals == nil ? nil : intervals
    summary.forwardFallbacks = forwardFallbacks
    summary.leftOut = leftOut
    summary.notAssessed = Assessment.notAssessedReason(
      customersKnown: forwardTable.rowCount, timeline: timeline, backtest: backtest, gates: gates.report,
      split: options.split)

    var bundle = try await clock.stageAsync("report") {
      try await OutputBundle.make(summary: summary, scorer: scorer, options: options)
    }
    // Timings go to run.json only: the one file that differs between identical runs.
    bundle.files.append(OutputFile(path: "run.json", text: try clock.json.serialized()))
    try clock.stage("write") { try AtomicWriter.write(bundle.files, to: output.folder) }
    if let reason = summary.notAssessed {
      logger.warning("not assessed: \(reason); the report says so")
    } else {
      logger.info("verdict: \(gates.report.verdict.rawValue); champion: \(scorer.champion.name)")
    }
    return RunOutcome(
      reportPath: (options.out as NSString).appendingPathComponent("report.html"),
      gatesFailed: gates.report.verdict == .fail, notAssessed: summary.notAssessed)
  }
}
