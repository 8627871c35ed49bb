import CLVFeatures
import Logging

/// Picks the forward scorer: the champion plus its companions, refitting the
/// label-free models on all data before the as-of date.
enum ForwardStage {
  /// - Returns: the scorer and the refit details of the probabilistic models
  ///   (keyed by model key) for the parameter table.
  static func makeScorer(
    backtest: BacktestOutcome?, candidates: [any Candidate], forwardTable: FeatureTable, context: ModelContext,
    logger: Logger
  ) -> (ForwardScorer, [String: FitDetails], [(String, String)]) {
    var refits = [String: FitDetails]()
    var failures = [(String, String)]()
    // Fitted candidates from the backtest, or fresh label-free ones when there is none.
    var pool: [any Candidate] = backtest?.runs.map(\.candidate) ?? candidates.filter { !$0.needsLabels }
    for i in pool.indices where !pool[i].needsLabels {
      do {
        if let d = try pool[i].prepareForward(forwardTable, context: context) { refits[pool[i].key] = d }
      } catch {
        failures.append((pool[i].name, "\(error)"))
        logger.warning("\(pool[i].name) could not be refitted on all data: \(error)")
      }
    }
    for i in pool.indices {
      if var blend = pool[i] as? BlendCandidate {
        blend.adoptRefits(from: pool)
        pool[i] = blend
      }
    }
    let usable = pool.filter { !($0 is BTYDCandidate) || refits[$0.key] != nil }
    pool = usable
    let championName = backtest?.selection?.champion
    // Without a backtest there is no validation to choose on: BG/NBD if it fits, else the baseline.
    let champion =
      pool.first { $0.name == championName }
      ?? pool.first { $0.key == "bgnbd" } ?? pool.first { $0 is BTYDCandidate }
      ?? BaselineCandidate()
    var probabilistic = (pool.first { $0.key == "bgnbd" } ?? pool.first { $0 is BTYDCandidate }) as? BTYDCandidate
    probabilistic?.computesDiscountedValue = false
    let ziln = pool.first { $0.key == "mlp-ziln" } as? NeuralCandidate
    return (ForwardScorer(champion: champion, probabilistic: probabilistic, ziln: ziln, context: context), refits, failures)
  }
}
