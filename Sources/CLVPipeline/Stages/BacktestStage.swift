import CLVEvaluation
import CLVFeatures
import CLVMath
import Logging

/// One candidate after the backtest: its fitted state, predictions for every
/// backtest row, and its metrics on the validation and test splits.
struct ModelRun: Sendable {
  var candidate: any Candidate
  var output: CandidateOutput
  var details: FitDetails
  var validation: RegressionMetrics
  var test: RegressionMetrics
  /// Wall-clock seconds of the fit (run.json and stderr only, never the report).
  var seconds: Double

  var key: String { candidate.key }
  var name: String { candidate.name }
}

/// The backtest's result: the dataset, every model that could be fitted, the
/// ones that could not (with why), and the champion picked on validation.
struct BacktestOutcome: Sendable {
  var dataset: BacktestDataset
  var runs: [ModelRun]
  var failures: [(name: String, reason: String)]
  var selection: ChampionSelection?
  /// Key of the reference model (the naive baseline), which every run fits.
  var referenceKey: String?

  /// The champion's run, if any model could be fitted.
  var champion: ModelRun? {
    guard let s = selection else { return nil }
    return runs.first { $0.name == s.champion }
  }

  /// The reference model's run (the naive baseline), if it could be fitted.
  var baseline: ModelRun? { runs.first { $0.key == referenceKey } }
}

/// Fits every candidate on the backtest, scores it, and picks the champion on the
/// validation split only (``ChampionRule``: best normalized Gini among the models
/// whose decile MAPE is within 1.5× the best).
enum BacktestStage {
  static func run(
    dataset: BacktestDataset, candidates: [any Candidate], context: ModelContext, seed: UInt64,
    logger: Logger
  ) -> BacktestOutcome {
    let validation = dataset.indices(of: .validation)
    let test = dataset.indices(of: .test)
    var runs = [ModelRun]()
    var failures = [(String, String)]()
    for (i, original) in candidates.enumerated() {
      var candidate = original
      // Each candidate gets its own stream so adding a model never changes another's fit.
      var rng = SplitMix64(seed: seed &+ UInt64(i + 1) &* 0x9E37_79B9)
      let clock = ContinuousClock.now
      do {
        let (output, details) = try candidate.fit(dataset, context: context, using: &rng)
        let seconds = Self.seconds(since: clock)
        if let why = FiniteCheck.problem(output, details, ids: dataset.features.rowIDs) {
          failures.append((candidate.name, why))
          logger.warning("\(candidate.name) could not be used: \(why)")
          continue
        }
        let v = RegressionMetrics.evaluate(
          predicted: validation.map { output.spend[$0] }, actual: validation.map { dataset.labels[$0] })
        let t = RegressionMetrics.evaluate(
          predicted: test.map { output.spend[$0] }, actual: test.map { dataset.labels[$0] })
        runs.append(
          ModelRun(candidate: candidate, output: output, details: details, validation: v, test: t, seconds: seconds))
        logger.info("  \(candidate.name): fitted in \(String(format: "%.2f", seconds)) s")
        for w in details.warnings { logger.warning("\(candidate.name): \(w)") }
      } catch {
        failures.append((candidate.name, "\(error)"))
        logger.warning("\(candidate.name) could not be fitted: \(error)")
      }
    }
    let selection = ChampionRule().select(validation: runs.map { ModelScore(name: $0.name, validation: $0.validation) })
    return BacktestOutcome(
      dataset: dataset, runs: runs, failures: failures, selection: selection, referenceKey: candidates.first?.key)
  }

  static func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}
