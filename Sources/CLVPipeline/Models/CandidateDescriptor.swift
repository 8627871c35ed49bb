/// Everything the run knows about one candidate model besides its fitting code: its key and
/// names, how it is made from the settings, how its fitted state is restored from
/// `model.json`, which report section describes it, the model card's words about it and
/// what its predictions offer beyond spend. One value per model, registered in a
/// ``CandidateRegistry``; `--models`, its help, the model table, `backtest.csv`,
/// `model.json`, `clv score` and the model card all read the registry.
///
/// ## How to add a candidate
/// Write the model (in `CLVModels`) and its ``Candidate`` (a file in `Models/`), give the
/// candidate a `static let descriptor` (or several, like the BTYD models), and add it to
/// ``CandidateRegistry/standard``. Nothing else names models.
struct CandidateDescriptor: Sendable {
  /// Stable key used in flags and files, e.g. `bgnbd` (`--models bgnbd`, a `backtest.csv`
  /// column, `model.json`).
  var key: String
  /// Display name, e.g. `BG/NBD + Gamma-Gamma` (model table, champion rule).
  var name: String
  /// One line for `--models`' help.
  var summary: String
  /// The report section that describes the fits of this model and its kin.
  var family: CandidateFamily
  /// Bullets of the model card's "method and assumptions" (the same bullet of several
  /// models is printed once).
  var methodNotes: [String]
  /// What its predictions carry besides spend.
  var capabilities: Set<CandidateCapability> = []
  /// A fresh, unfitted candidate for a run's settings.
  var make: @Sendable (CandidateDescriptor, RunSettings) -> any Candidate
  /// The candidate from its state in `model.json` (what ``Candidate/encodeState(to:)`` wrote).
  var restore: @Sendable (CandidateDescriptor, any Decoder) throws -> any Candidate

  /// A fresh candidate for `settings`.
  func candidate(_ settings: RunSettings) -> any Candidate { make(self, settings) }
}

/// What a candidate's predictions offer besides spend, so other parts of a run pick the
/// model they need by what it can do, not by its type or key.
enum CandidateCapability: Sendable, Hashable {
  /// A purchase-count model: P(alive) and expected purchases over time
  /// (``Candidate/purchaseCountModel``). The first such model of a run is the companion
  /// that fills `p_alive` and `btyd_expected_spend`, draws the BTYD diagnostics and spreads
  /// the monthly forecast.
  case probabilityAlive
  /// The probability of any purchase in the horizon; the first such model of a run fills
  /// `purchase_probability` and the churn risk.
  case purchaseProbability
}
