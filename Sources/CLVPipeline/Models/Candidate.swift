import CLVFeatures
import CLVMath

/// A model the backtest can fit and the champion rule can pick.
///
/// A candidate is fitted once on the backtest (features as of the cutoff, labels
/// in the following horizon), and then predicts forward from features as of the
/// as-of date. Label-free models (the probabilistic ones) refit on all data
/// before the as-of date in ``prepareForward(_:context:)``.
protocol Candidate: Sendable {
  /// Stable key used in files and flags, e.g. `"bgnbd"`.
  var key: String { get }
  /// Display name, e.g. `"BG/NBD + Gamma-Gamma"`.
  var name: String { get }
  /// Whether the model learns from labels (needs the backtest to be trained).
  var needsLabels: Bool { get }
  /// The raw features the model reads (nil: all of them), for importance.
  var usedFeatures: [String]? { get }

  /// Fits on the backtest and predicts every backtest row.
  mutating func fit(_ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64) throws
    -> (CandidateOutput, FitDetails)

  /// Predicts rows of a feature table with the fitted state.
  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput

  /// Refits what needs refitting on the forward features (all data before as-of);
  /// returns the details of the refit, if any.
  mutating func prepareForward(_ table: FeatureTable, context: ModelContext) throws -> FitDetails?

  /// The fitted state for `model.json`.
  func saved() -> SavedCandidate
}

extension Candidate {
  var usedFeatures: [String]? { nil }
  mutating func prepareForward(_ table: FeatureTable, context: ModelContext) throws -> FitDetails? { nil }
}
