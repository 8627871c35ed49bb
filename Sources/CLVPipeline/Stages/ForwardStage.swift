import CLVData
import CLVEvaluation
import CLVFeatures
import CLVMath
import Logging

/// A champion whose forward predictions could not be used, and why.
struct ForwardFallback: Sendable, Equatable {
  var model: String
  var reason: String
}

/// Picks the forward scorer: the champion plus its companions, refitting the
/// label-free models on all data before the as-of date.
enum ForwardStage {
  /// - Returns: the scorer, the refit details of the label-free models (keyed by model
  ///   key) for the parameter table, the models whose refit failed (name, reason), and
  ///   every usable model ready to predict forward (for ``usablePredictions``).
  static func makeScorer(
    backtest: BacktestOutcome?, candidates: [any Candidate], forwardTable: FeatureTable, context: ModelContext,
    logger: Logger
  ) -> (ForwardScorer, [String: FitDetails], [(String, String)], [any Candidate]) {
    var refits = [String: FitDetails]()
    var failures = [(String, String)]()
    var failed = Set<String>()
    // Fitted candidates from the backtest, or fresh label-free ones when there is none.
    var pool: [any Candidate] = backtest?.runs.map(\.candidate) ?? candidates.filter { !$0.needsLabels }
    // The label-free models refit side by side, one coarse unit each (as the backtest fits):
    // each refit reads only the table and writes only its own model.
    let refitting = pool.indices.filter { !pool[$0].needsLabels }
    var outcomes = [Result<FitDetails?, any Error>?](repeating: nil, count: pool.count)
    pool.withUnsafeMutableBufferPointer { models in
      outcomes.withUnsafeMutableBufferPointer { out in
        WorkPool.shared.forEach(refitting.count, coarse: true) { u, _ in
          let i = refitting[u]
          out[i] = Result { try models[i].prepareForward(forwardTable, context: context) }
        }
      }
    }
    for i in refitting {
      do {
        if let d = try outcomes[i]!.get() {
          if let why = FiniteCheck.problem(d) {
            failures.append((pool[i].name, why))
            logger.warning("\(pool[i].name) could not be refitted on all data: \(why)")
            continue
          }
          refits[pool[i].key] = d
        }
      } catch {
        failures.append((pool[i].name, "\(error)"))
        failed.insert(pool[i].key)
        logger.warning("\(pool[i].name) could not be refitted on all data: \(error)")
      }
    }
    pool.removeAll { failed.contains($0.key) }
    for i in pool.indices {
      if var combining = pool[i] as? any CombiningCandidate {
        combining.adoptRefits(from: pool)
        pool[i] = combining
      }
    }
    let championName = backtest?.selection?.champion
    let alive = pool.first { $0.provides(.probabilityAlive) }
    // Without a backtest there is no validation to choose on: the first model with P(alive)
    // (BG/NBD) if one fits, else the reference (candidates always hold it, first).
    let champion =
      pool.first { $0.name == championName } ?? alive ?? pool.first { $0.key == candidates[0].key } ?? candidates[0]
    let scorer = ForwardScorer(
      champion: champion, aliveCompanion: alive?.companion(),
      purchaseCompanion: pool.first { $0.provides(.purchaseProbability) }?.companion(), context: context)
    return (scorer, refits, failures, pool)
  }

  /// Why forward predictions cannot be written, or nil: every customer's predicted spend
  /// and value must be finite and non-negative.
  static func problem(_ p: ForwardPredictions) -> String? {
    for (name, values) in [("predicted spend", p.predictedSpend), ("predicted value", p.predictedCLV)] {
      let bad = values.indices.filter { !(values[$0].isFinite && values[$0] >= 0) }
      if let first = bad.first {
        return "its forward \(name) is \(values[first]) for \(bad.count) of \(values.count) customers "
          + "(first: customer \(MessageText.shortened(p.ids[first])))"
      }
    }
    return nil
  }

  /// Forward predictions from the first model whose predictions are usable (``problem(_:)``).
  ///
  /// Fallback order: when the champion's are not, the champion rule is applied again on
  /// validation without it (and without any model excluded before), and the scorer and
  /// the backtest's selection switch to the new champion; without a backtest, the
  /// reference model (the naive baseline) is the fallback. Test metrics are never read.
  /// - Returns: the predictions (without reasons) and each champion left out, in order.
  /// - Throws: ``PipelineError/noUsableForwardPredictions(tried:)`` when no model is left.
  static func usablePredictions(
    scorer: inout ForwardScorer, pool: [any Candidate], backtest: inout BacktestOutcome?, table: FeatureTable,
    referenceKey: String, logger: Logger
  ) throws -> (ForwardPredictions, [ForwardFallback]) {
    var fallbacks = [ForwardFallback]()
    while true {
      let p = scorer.predict(table, explaining: false)
      guard let why = problem(p) else { return (p, fallbacks) }
      fallbacks.append(ForwardFallback(model: scorer.champion.name, reason: why))
      let excluded = Set(fallbacks.map(\.model))
      let next: (any Candidate)?
      if var b = backtest, let reselected = reselect(b, excluding: fallbacks, available: Set(pool.map(\.name))) {
        next = pool.first { $0.name == reselected.champion }
        b.selection = reselected
        backtest = b
      } else if backtest == nil || backtest?.selection == nil {
        next = pool.first { $0.key == referenceKey && !excluded.contains($0.name) }
      } else {
        next = nil
      }
      guard let next, !excluded.contains(next.name) else {
        throw PipelineError.noUsableForwardPredictions(tried: fallbacks.map { "\($0.model): \($0.reason)" })
      }
      logger.warning("\(scorer.champion.name) is not used: \(why); \(next.name) predicts instead")
      scorer.champion = next
      scorer.intervals = nil
    }
  }

  /// The champion rule on validation among the `available` models (those ready to predict
  /// forward) without the models in `fallbacks`; their verdicts say why, and the reason
  /// names them first. Nil when no model is left.
  static func reselect(
    _ b: BacktestOutcome, excluding fallbacks: [ForwardFallback], available: Set<String>
  ) -> ChampionSelection? {
    let excluded = Set(fallbacks.map(\.model))
    let kept = b.runs.filter { !excluded.contains($0.name) && available.contains($0.name) }
    guard
      var s = ChampionRule().select(validation: kept.map { ModelScore(name: $0.name, validation: $0.validation) })
    else { return nil }
    let verdicts = Dictionary(s.verdicts.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    s.verdicts = b.runs.map { r in
      if let f = fallbacks.first(where: { $0.model == r.name }) {
        return CandidateVerdict(
          name: r.name, outcome: .unusableForward, note: "selected on validation, but \(f.reason)")
      }
      return verdicts[r.name] ?? CandidateVerdict(name: r.name, outcome: .outranked, note: "")
    }
    s.championIndex = b.runs.firstIndex { $0.name == s.champion } ?? s.championIndex
    let left = fallbacks.map(\.model).joined(separator: ", ")
    s.reason =
      "\(left) won on validation but \(fallbacks.count == 1 ? "its" : "their") forward predictions were not "
      + "usable (non-finite or negative), so the rule was applied again without \(fallbacks.count == 1 ? "it" : "them"): "
      + s.reason
    return s
  }
}
