import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVModels

/// A model the backtest can fit and the champion rule can pick.
///
/// A candidate is fitted once on the backtest (features as of the cutoff, labels
/// in the following horizon), and then predicts forward from features as of the
/// as-of date. Label-free models (the probabilistic ones) refit on all data
/// before the as-of date in ``prepareForward(_:context:)``. What the run knows about
/// the model beyond this (names, report section, saved form) is its ``descriptor``.
protocol Candidate: Sendable {
  /// The registry entry the candidate was made from.
  var descriptor: CandidateDescriptor { get }
  /// Whether the model learns from labels (needs the backtest to be trained).
  var needsLabels: Bool { get }
  /// The raw features the model reads (nil: all of them), for importance.
  var usedFeatures: [String]? { get }
  /// The fitted purchase-count model of a candidate with the
  /// ``CandidateCapability/probabilityAlive`` capability (nil before fitting and for others).
  var purchaseCountModel: (any PurchaseCountModel)? { get }

  /// Fits on the backtest and predicts every backtest row.
  mutating func fit(
    _ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64
  ) throws
    -> (CandidateOutput, FitDetails)

  /// Predicts rows of a feature table with the fitted state.
  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput

  /// Refits what needs refitting on the forward features (all data before as-of);
  /// returns the details of the refit, if any.
  mutating func prepareForward(_ table: FeatureTable, context: ModelContext) throws -> FitDetails?

  /// The candidate as a companion of another champion: only its capabilities are read,
  /// so it may skip work (the BTYD models skip the discounted value).
  func companion() -> any Candidate

  /// Writes the fitted state for `model.json` (read back by the descriptor's `restore`).
  func encodeState(to encoder: any Encoder) throws

  /// The feature columns the fitted model reads that `table` lacks (empty: it can predict
  /// the table). `clv score` checks it before predicting new data.
  func missingColumns(in table: FeatureTable) -> [String]

  /// Why the state restored from `model.json` cannot predict (nil: it can); see
  /// ``SavedModelFile/inconsistency``.
  var stateProblem: String? { get }

  /// Whether predicting reads each customer's activity from the logs
  /// (``ModelContext/ledgers``), which feature rows do not carry.
  var readsActivity: Bool { get }

  /// The fitted model bound to the rows of `table` for permutation importance, raw column
  /// j being the table's column named `columns[j]`; it must give exactly the spend
  /// ``predict(_:context:)`` gives for the permuted table. Nil: importance predicts
  /// permuted tables through ``predict(_:context:)``.
  func permutedRowsModel(for table: FeatureTable, columns: [String], context: ModelContext) -> (any PermutedRowsModel)?
}

extension Candidate {
  /// Stable key, e.g. `"bgnbd"`.
  var key: String { descriptor.key }
  /// Display name, e.g. `"BG/NBD + Gamma-Gamma"`.
  var name: String { descriptor.name }
  /// Whether the descriptor grants `capability`.
  func provides(_ capability: CandidateCapability) -> Bool { descriptor.capabilities.contains(capability) }

  var usedFeatures: [String]? { nil }
  var purchaseCountModel: (any PurchaseCountModel)? { nil }
  mutating func prepareForward(_ table: FeatureTable, context: ModelContext) throws -> FitDetails? { nil }
  func companion() -> any Candidate { self }
  var stateProblem: String? { nil }
  var readsActivity: Bool { false }
  func permutedRowsModel(for table: FeatureTable, columns: [String], context: ModelContext) -> (any PermutedRowsModel)?
  {
    nil
  }
  func missingColumns(in table: FeatureTable) -> [String] {
    (usedFeatures ?? []).filter { name in
      table.numeric(name) == nil && !table.categorical.contains { $0.name == name }
    }
  }
}
