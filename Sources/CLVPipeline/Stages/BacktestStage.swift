import CLVEvaluation
import CLVFeatures
import CLVMath
import Foundation
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
  /// CPU seconds of the thread that ran the fit (run.json only): the fit's whole cost with
  /// `--threads 1`; with more threads, without the units its inner loops handed to helpers
  /// and with any units of another fit this thread helped with while waiting.
  var cpuSeconds: Double = 0

  var key: String { candidate.key }
  var name: String { candidate.name }
}

/// The backtest's result: the dataset, every model that could be fitted, the
/// ones that could not (with why), and the champion picked on validation.
struct BacktestOutcome: Sendable {
  var dataset: BacktestDataset
  /// The features at the cutoff of the test customers, in row order (`dataset.indices(of:
  /// .test)`): what the explanations and the monthly backtest read once the dataset's own
  /// feature values are dropped (``BacktestDataset/dropFeatureValues()``).
  var testFeatures: FeatureTable
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

  /// Whether the baseline is the only model fitted (`--models baseline`, or every other
  /// model failed): it is then the champion, and nothing is compared with it.
  var baselineIsOnlyModel: Bool { baseline != nil && runs.allSatisfy { $0.key == referenceKey } }
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
    // The fits are independent: they run as units of one coarse pool loop (longest
    // first, so the last to start is a short one), each on whichever thread is free, and
    // are collected in roster order. A fit's result depends only on its own seeded stream.
    // Combinations (the blend) are not fitted here but formed from the runs afterwards.
    let order = candidates.indices.filter { !(candidates[$0] is any CombiningCandidate) }
      .sorted { (candidates[$0].needsLabels ? 0 : 1, $0) < (candidates[$1].needsLabels ? 0 : 1, $1) }
    var fitted = [Result<ModelRun, FitFailure>?](repeating: nil, count: candidates.count)
    fitted.withUnsafeMutableBufferPointer { slots in
      WorkPool.shared.forEach(order.count, coarse: true) { unit, _ in
        let i = order[unit]
        var candidate = candidates[i]
        // Each candidate gets its own stream so adding a model never changes another's fit.
        var rng = SplitMix64(seed: seed &+ UInt64(i + 1) &* 0x9E37_79B9)
        let clock = ContinuousClock.now
        let cpuStart = Self.threadCPUSeconds()
        do {
          let (output, details) = try candidate.fit(dataset, context: context, using: &rng)
          let seconds = Self.seconds(since: clock)
          let cpuSeconds = Self.threadCPUSeconds() - cpuStart
          if let why = FiniteCheck.problem(output, details, ids: dataset.features.rowIDs) {
            slots[i] = .failure(FitFailure(name: candidate.name, reason: why, unusable: true))
            return
          }
          let v = RegressionMetrics.evaluate(
            predicted: validation.map { output.spend[$0] }, actual: validation.map { dataset.labels[$0] })
          let t = RegressionMetrics.evaluate(
            predicted: test.map { output.spend[$0] }, actual: test.map { dataset.labels[$0] })
          slots[i] = .success(
            ModelRun(
              candidate: candidate, output: output, details: details, validation: v, test: t, seconds: seconds,
              cpuSeconds: cpuSeconds))
        } catch {
          slots[i] = .failure(FitFailure(name: candidate.name, reason: "\(error)"))
        }
      }
    }
    var runs = [ModelRun]()
    var failures = [(String, String)]()
    for (i, result) in fitted.enumerated() where !(candidates[i] is any CombiningCandidate) {
      switch result {
      case .success(let run)?:
        runs.append(run)
        logger.info(
          "  \(run.name): fitted in \(String(format: "%.2f", run.seconds)) s (\(String(format: "%.2f", run.cpuSeconds)) CPU s on its thread)"
        )
        for w in run.details.warnings { logger.warning("\(run.name): \(w)") }
      case .failure(let f)?:
        failures.append((f.name, f.reason))
        logger.warning("\(f.name) could not be \(f.unusable ? "used" : "fitted"): \(f.reason)")
      case nil:
        preconditionFailure("every candidate is fitted or fails")
      }
    }
    // Combinations (the blend) are formed from the runs above, on validation only.
    for (i, c) in candidates.enumerated() {
      guard let combining = c as? any CombiningCandidate else { continue }
      do {
        let (candidate, output, details) = try combining.combine(
          runs: runs, dataset: dataset, seed: seed &+ UInt64(i + 1) &* 0x9E37_79B9)
        let v = RegressionMetrics.evaluate(
          predicted: validation.map { output.spend[$0] }, actual: validation.map { dataset.labels[$0] })
        let t = RegressionMetrics.evaluate(
          predicted: test.map { output.spend[$0] }, actual: test.map { dataset.labels[$0] })
        runs.append(
          ModelRun(candidate: candidate, output: output, details: details, validation: v, test: t, seconds: 0))
      } catch {
        failures.append((c.name, "\(error)"))
        logger.warning("\(c.name) could not be formed: \(error)")
      }
    }
    // From here on each run's spend is read (backtest.csv, the tables and charts, the blend
    // above); its other columns of every customer (P(alive), purchase probability,
    // discounted value) are let go: at 1.9M customers ≈ 15 MB each, a dozen of them.
    for i in runs.indices { runs[i].output = CandidateOutput(spend: runs[i].output.spend) }
    let selection = ChampionRule().select(validation: runs.map { ModelScore(name: $0.name, validation: $0.validation) })
    return BacktestOutcome(
      dataset: dataset, testFeatures: dataset.features.selectingRows(test), runs: runs, failures: failures, selection: selection, referenceKey: candidates.first?.key)
  }

  /// A candidate that could not be fitted, and why.
  struct FitFailure: Error {
    var name: String
    var reason: String
    /// Fitted, but its output failed the finite check.
    var unusable = false
  }

  /// User + system CPU seconds of the calling thread.
  static func threadCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  static func seconds(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
  }
}
