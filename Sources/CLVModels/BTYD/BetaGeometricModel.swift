/// Which member of the beta-geometric family a ``BetaGeometricModel`` is.
///
/// The two models share their parameters (r, α, a, b) and their code
/// (``BetaGeometricPredictions``); they differ in when a customer may drop out.
package protocol BetaGeometricVariant: Sendable {
  /// "BG/NBD" or "MBG/NBD".
  static var modelName: String { get }
  /// Whether customers may also drop out at time zero (MBG/NBD), not only after a
  /// repeat purchase (BG/NBD).
  static var isModified: Bool { get }
}

/// BG/NBD: a customer may drop out only after a repeat purchase.
///
/// E[X(t)] = (a+b−1)/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b; a+b−1; t/(α+t))] (FHL eq. 9);
/// P(alive | x, tₓ, T) = 1 / (1 + 1[x>0] · a/(b+x−1) · ((α+T)/(α+tₓ))^{r+x}).
/// Reference: Fader, Hardie & Lee (2005), Marketing Science 24(2), eq. (7)–(10).
package enum BGNBDVariant: BetaGeometricVariant {
  package static let modelName = "BG/NBD"
  package static let isModified = false
}

/// MBG/NBD: a customer may also drop out at time zero, right after the first purchase.
///
/// E[X(t)] = b/(a−1) · [1 − (α/(α+t))^r ₂F₁(r, b+1; a+b; t/(α+t))];
/// P(alive | x, tₓ, T) = 1 / (1 + a/(b+x) · ((α+T)/(α+tₓ))^{r+x}).
/// Reference: Batislam, Denizel & Filiztekin (2007), IJRM 24(3); `lifetimes` ModifiedBetaGeoFitter.
package enum MBGNBDVariant: BetaGeometricVariant {
  package static let modelName = "MBG/NBD"
  package static let isModified = true
}

/// A fitted BG/NBD model (see ``BGNBDVariant``).
package typealias BGNBDModel = BetaGeometricModel<BGNBDVariant>
/// A fitted MBG/NBD model (see ``MBGNBDVariant``).
package typealias MBGNBDModel = BetaGeometricModel<MBGNBDVariant>

/// A fitted BG/NBD or MBG/NBD model: parameters, fit diagnostics and predictions.
///
/// Times are in the unit of the histories it was fitted on (α is a rate scale in that
/// unit). Formulas and accuracy: see ``BetaGeometricPredictions`` and the variants.
package struct BetaGeometricModel<Variant: BetaGeometricVariant>: PurchaseCountModel, Equatable {
  /// Shape of the purchase-rate gamma distribution.
  package let r: Double
  /// Scale (in time units) of the purchase-rate gamma distribution.
  package let alpha: Double
  /// First shape of the dropout-probability beta distribution.
  package let a: Double
  /// Second shape of the dropout-probability beta distribution.
  package let b: Double
  /// Unpenalised log-likelihood in the caller's time unit.
  package let logLikelihood: Double
  /// Whether BFGS met its gradient tolerance.
  package let converged: Bool
  /// BFGS iterations used.
  package let iterations: Int
  /// The parameters whose fit ran to the fitting limit (nil when none did).
  package let limitedParameters: [String]?

  /// Creates a model from known parameters (e.g. published estimates).
  package init(
    r: Double, alpha: Double, a: Double, b: Double, logLikelihood: Double = .nan,
    converged: Bool = true, iterations: Int = 0, limitedParameters: [String]? = nil
  ) {
    precondition(r > 0 && alpha > 0 && a > 0 && b > 0, "\(Variant.modelName) parameters must be positive")
    self.r = r
    self.alpha = alpha
    self.a = a
    self.b = b
    self.logLikelihood = logLikelihood
    self.converged = converged
    self.iterations = iterations
    self.limitedParameters = limitedParameters
  }

  /// "BG/NBD" or "MBG/NBD".
  package var modelName: String { Variant.modelName }
  /// r, alpha, a, b.
  package var parameters: [NamedParameter] {
    [
      .init(name: "r", value: r), .init(name: "alpha", value: alpha),
      .init(name: "a", value: a), .init(name: "b", value: b),
    ]
  }
  private var tuple: (r: Double, alpha: Double, a: Double, b: Double) { (r, alpha, a, b) }

  /// E[X(t)] for a customer just acquired (formula in the variant's documentation).
  package func expectedTransactions(in t: Double) -> Double {
    BetaGeometricPredictions.conditionalExpected(tuple, modified: Variant.isModified, t: t, x: 0, tx: 0, T: 0)
  }

  /// E[Y(t) | x, tₓ, T] (FHL eq. 10; Batislam et al. for the modified model).
  package func conditionalExpectedTransactions(in t: Double, given h: PurchaseHistory) -> Double {
    BetaGeometricPredictions.conditionalExpected(
      tuple, modified: Variant.isModified, t: t, x: h.frequency, tx: h.recency, T: h.age)
  }

  /// P(alive | x, tₓ, T) (formula in the variant's documentation).
  package func probabilityAlive(given h: PurchaseHistory) -> Double {
    BetaGeometricPredictions.aliveProbability(
      tuple, modified: Variant.isModified, x: h.frequency, tx: h.recency, T: h.age)
  }

  /// P(X(t) = x) (FHL eq. 8; the modified model adds the time-zero dropout).
  package func probabilityOfTransactions(_ x: Int, in t: Double) -> Double? {
    BetaGeometricPredictions.probabilityOfCount(x, tuple, modified: Variant.isModified, t: t)
  }
}
