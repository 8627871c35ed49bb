/// Which branch of ``ChampionRule`` decided.
package enum ChampionBasis: String, Codable, Sendable, Equatable {
  /// Best normalized Gini among models whose decile MAPE is within the tolerance of the best.
  case giniWithinCalibration
  /// No model had a defined decile MAPE: best normalized Gini alone.
  case giniOnly
  /// No model had a defined normalized Gini: lowest RMSE.
  case lowestRMSE
  /// No metric was defined for any model: the first listed.
  case firstListed
}

/// How one candidate fared in champion selection.
package enum CandidateOutcome: String, Codable, Sendable, Equatable {
  /// Selected.
  case champion
  /// Decile MAPE above the limit, or undefined while others' was defined.
  case excludedByCalibration
  /// Eligible but a lower normalized Gini (or lost a tie-break).
  case outranked
  /// Normalized Gini undefined (e.g. non-finite predictions) while others' was defined.
  case undefinedRanking
  /// Selected on validation, but its forward predictions were not usable (non-finite or
  /// negative), so the rule was applied again without it.
  case unusableForward
}

/// One candidate's verdict with a human explanation.
package struct CandidateVerdict: Codable, Sendable, Equatable {
  /// Model name.
  package var name: String
  /// What happened to it.
  package var outcome: CandidateOutcome
  /// Why, e.g. `"decile MAPE 0.310 is above the limit 0.150"`.
  package var note: String

  /// Creates a verdict.
  package init(name: String, outcome: CandidateOutcome, note: String) {
    self.name = name
    self.outcome = outcome
    self.note = note
  }
}

/// The champion and why it won (and why the others did not).
package struct ChampionSelection: Codable, Sendable, Equatable {
  /// Name of the champion.
  package var champion: String
  /// Its index in the candidates passed in.
  package var championIndex: Int
  /// Which branch of the rule decided.
  package var basis: ChampionBasis
  /// The decile-MAPE limit (tolerance × best MAPE) when it was applied.
  package var mapeLimit: Double?
  /// One paragraph for the report: why the champion won and why the others did not.
  package var reason: String
  /// One verdict per candidate, in input order.
  package var verdicts: [CandidateVerdict]

  /// Creates a selection.
  package init(
    champion: String, championIndex: Int, basis: ChampionBasis, mapeLimit: Double?,
    reason: String, verdicts: [CandidateVerdict]
  ) {
    self.champion = champion
    self.championIndex = championIndex
    self.basis = basis
    self.mapeLimit = mapeLimit
    self.reason = reason
    self.verdicts = verdicts
  }
}
