/// A fitted buy-till-you-die model of repeat-purchase counts (BG/NBD, MBG/NBD, Pareto/NBD),
/// so the pipeline can treat them uniformly.
///
/// All times are in the unit of the histories the model was fitted on.
package protocol PurchaseCountModel: Sendable, Codable {
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
  /// The parameters whose fit ran to the limit of the fitting range (see
  /// `BTYDLogSpaceFit`): the data do not determine them, and the model is unreliable.
  /// Nil when none did.
  var limitedParameters: [String]? { get }
  /// E[X(t)]: expected repeat purchases of a new customer in (0, t].
  func expectedTransactions(in t: Double) -> Double
  /// E[Y(t) | x, tₓ, T]: expected purchases in the next t time units after the calibration period.
  func conditionalExpectedTransactions(in t: Double, given h: PurchaseHistory) -> Double
  /// E[Y(t) | x, tₓ, T] at each of `times`, equal to calling
  /// ``conditionalExpectedTransactions(in:given:)`` per time (a model may share work
  /// between the times, e.g. P(alive)).
  func conditionalExpectedTransactions(at times: [Double], given h: PurchaseHistory) -> [Double]
  /// P(alive | x, tₓ, T) at the end of the calibration period.
  func probabilityAlive(given h: PurchaseHistory) -> Double
  /// P(X(t) = x) for a new customer, for the frequency histogram; nil if not implemented.
  func probabilityOfTransactions(_ x: Int, in t: Double) -> Double?
}

extension PurchaseCountModel {
  /// None, for models that are not fitted with limits.
  package var limitedParameters: [String]? { nil }

  /// One ``conditionalExpectedTransactions(in:given:)`` per time.
  package func conditionalExpectedTransactions(at times: [Double], given h: PurchaseHistory) -> [Double] {
    times.map { conditionalExpectedTransactions(in: $0, given: h) }
  }
}
