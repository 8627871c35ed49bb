import CLVReport

/// A group of candidates that one report section describes (the BTYD models, the neural
/// models). Sections follow the families' order in the registry.
struct CandidateFamily: Sendable {
  /// Stable name of the family.
  var id: String
  /// The section describing the family's fits, given the backtest runs of its members
  /// (empty when there was no backtest); nil: the family has no section of its own.
  var section: (@Sendable (RunSummary, [ModelRun]) -> ReportSection?)?

  /// The naive baseline: described in the backtest section with every model.
  static let reference = CandidateFamily(id: "reference", section: nil)
  /// The buy-till-you-die models.
  static let probabilistic = CandidateFamily(id: "probabilistic", section: ProbabilisticSection.make)
  /// The neural networks.
  static let neural = CandidateFamily(id: "neural", section: DeepModelSection.make)
  /// The gradient-boosted trees.
  static let trees = CandidateFamily(id: "trees", section: TreeSection.make)
  /// Combinations of the other candidates (the blend).
  static let ensemble = CandidateFamily(id: "ensemble", section: BlendSection.make)
}
