/// A fitted buy-till-you-die model of repeat-purchase counts (BG/NBD, MBG/NBD, Pareto/NBD),
/// so the pipeline can treat them uniformly.
///
/// All times are in the unit of the histories the model was fitted on.
public protocol PurchaseCountModel: Sendable, Codable {
  /// "BG/NBD", "MBG/NBD" or "Pareto/NBD".
  var modelName: String { get }
  /// The estimates in the literature's order, e.g. r, alpha, a, b.
  var parameters: [NamedParameter] { get }
  /// The unpenalised log-likelihood of the calibration data, in the caller's time unit.
  var logLikelihood: Double { get }
  /// Whether the optimiser met its gradient tolerance.
  var converged: Bool { get }
  /// Quasi-Newton iterations used.
  var iterations: Int { get }
  /// E[X(t)]: expected repeat purchases of a new customer in (0, t].
  func expectedTransactions(in t: Double) -> Double
  /// E[Y(t) | x, tₓ, T]: expected purchases in the next t time units after the calibration period.
  func conditionalExpectedTransactions(in t: Double, given h: PurchaseHistory) -> Double
  /// P(alive | x, tₓ, T) at the end of the calibration period.
  func probabilityAlive(given h: PurchaseHistory) -> Double
  /// P(X(t) = x) for a new customer, for the frequency histogram; nil if not implemented.
  func probabilityOfTransactions(_ x: Int, in t: Double) -> Double?
}
