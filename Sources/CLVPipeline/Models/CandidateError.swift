/// Why a candidate cannot be fitted on a run's data. The backtest reports the model as not
/// fitted with this reason and goes on with the others.
enum CandidateError: Error, Equatable, CustomStringConvertible {
  /// A model that learns from labels got no training rows (no train customer known at any
  /// origin: a tiny or very short log).
  case noTrainingRows
  /// Too few rows of some kind for the model (what, how many, how many it needs).
  case tooFewRows(String, found: Int, needed: Int)
  /// The blend found fewer than two members with finite validation predictions, or every
  /// non-negative weight was 0 (e.g. no validation customers).
  case noBlend

  var description: String {
    switch self {
    case .noTrainingRows:
      return "no training rows: no customer of the train split is known at any backtest origin"
    case .tooFewRows(let what, let found, let needed):
      return "too few \(what): \(found), it needs at least \(needed)"
    case .noBlend:
      return "no blend: fewer than two members had finite predictions, or every non-negative weight was 0"
    }
  }
}
