/// A fitted MBG/NBD model: parameters, fit diagnostics and predictions.
///
/// Times are in the unit of the histories it was fitted on (α is a rate scale in that
/// unit). Formulas and accuracy: see ``BetaGeometricPredictions``.
/// Reference: Batislam, Denizel & Filiztekin (2007), IJRM 24(3); `lifetimes` ModifiedBetaGeoFitter.
public struct MBGNBDModel: PurchaseCountModel, Equatable {
  /// Shape of the purchase-rate gamma distribution.
  public let r: Double
  /// Scale (in time units) of the purchase-rate gamma distribution.
  public let alpha: Double
  /// First shape of the dropout-probability beta distribution.
  public let a: Double
  /// Second shape of the dropout-probability beta distribution.
  public let b: Double
  /// Unpenalised log-likelihood in the caller's time unit.
  public let logLikelihood: Double
  /// Whether BFGS met its gradient tolerance.
  public let converged: Bool
  /// BFGS iterations used.
  public let iterations: Int

  /// Creates a model from known parameters (e.g. published estimates).
  public init(
    r: Double, alpha: Double, a: Double, b: Double, logLikelihood: Double = .nan,
    converged: Bool = true, iterations: Int = 0
  ) {
    precondition(r > 0 && alpha > 0 && a > 0 && b > 0, "MBG/NBD parameters must be positive")
    self.r = r
    self.alpha = alpha
    self.a = a
    self.b = b
    self.logLikelihood = logLikelihood
    self.converged = converged
    self.iterations = iterations
  }

  /// "MBG/NBD".
  public var modelName: String { "MBG/NBD" }
  /// r, alpha, a, b.
  public var parameters: [NamedParameter] {
    [.init(name: "r", value: r), .init(name: "alpha", value: alpha),
     .init(name: "a", value: a), .init(name: "b", value: b)]
  }
  private var tuple: (r: Double, alpha: Double, a: Double, b: Double) { (r, alpha, a, b) }

  /// E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))].
  public func expectedTransactions(in t: Double) -> Double {
    BetaGeometricPredictions.conditionalExpected(tuple, modified: true, t: t, x: 0, tx: 0, T: 0)
  }

  /// E[Y(t) | x, tₓ, T] = (a+b+x)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x} ₂F₁(r+x, b+x+1; a+b+x; t/(α+T+t))] · P(alive).
  public func conditionalExpectedTransactions(in t: Double, given h: PurchaseHistory) -> Double {
    BetaGeometricPredictions.conditionalExpected(
      tuple, modified: true, t: t, x: h.frequency, tx: h.recency, T: h.age)
  }

  /// P(alive | x, tₓ, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+tₓ))^{r+x}).
  public func probabilityAlive(given h: PurchaseHistory) -> Double {
    BetaGeometricPredictions.aliveProbability(
      tuple, modified: true, x: h.frequency, tx: h.recency, T: h.age)
  }

  /// P(X(t) = x) = B(a, b+x+1)/B(a, b) · NB(x) + B(a+1, b+x)/B(a, b) · P(NB ≥ x).
  public func probabilityOfTransactions(_ x: Int, in t: Double) -> Double? {
    BetaGeometricPredictions.probabilityOfCount(x, tuple, modified: true, t: t)
  }
}
