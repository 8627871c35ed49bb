import CLVFeatures
import Logging

/// Picks the forward scorer: the champion plus its companions, refitting the
/// label-free models on all data before the as-of date.
enum ForwardStage {
  /// - Returns: the scorer, the refit details of the label-free models (keyed by model
  ///   key) for the parameter table, and the models whose refit failed (name, reason).
  static func makeScorer(
    backtest: BacktestOutcome?, candidates: [any Candidate], forwardTable: FeatureTable, context: ModelContext,
    logger: Logger
  ) -> (ForwardScorer, [String: FitDetails], [(String, String)]) {
    var refits = [String: FitDetails]()
    var failures = [(String, String)]()
    var failed = Set<String>()
    // Fitted candidates from the backtest, or fresh label-free ones when there is none.
    var pool: [any Candidate] = backtest?.runs.map(\.candidate) ?? candidates.filter { !$0.needsLabels }
    for i in pool.indices where !pool[i].needsLabels {
      do {
        if let d = try pool[i].prepareForward(forwardTable, context: context) {
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
    return (scorer, refits, failures)
  }
}
