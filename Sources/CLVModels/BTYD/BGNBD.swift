/// Configuration of the BG/NBD model (beta-geometric / negative binomial distribution).
///
/// While alive, a customer buys at Poisson rate λ ~ Gamma(r, α); after each purchase
/// they drop out with probability p ~ Beta(a, b). Fitted by maximum likelihood with
/// BFGS on log-parameters and analytic gradients (see ``BetaGeometricLikelihood``).
/// On the CDNOW sample (weeks) this gives r = 0.243, α = 4.414, a = 0.793, b = 2.426,
/// ℓ = −9582.43, matching the paper.
///
/// Reference: Fader, Hardie & Lee (2005), "Counting your customers the easy way: an
/// alternative to the Pareto/NBD model", Marketing Science 24(2), 275–284.
package struct BGNBD: BTYDFitting {
  /// How the model is fitted.
  package let settings: BTYDFitSettings

  /// A configuration with `settings` (or, through ``BTYDFitting``, with each setting named).
  package init(settings: BTYDFitSettings) { self.settings = settings }

  /// Fits the model to one history per customer.
  /// - Throws: ``BTYDError`` for empty input, an invalid history or no repeat purchases.
  package func fit(_ histories: [PurchaseHistory]) throws -> BGNBDModel {
    try fit(CompressedHistories(histories, model: "BG/NBD"))
  }

  /// Fits the model to already compressed (weighted) histories.
  package func fit(_ data: CompressedHistories) throws -> BGNBDModel {
    let f = try BetaGeometricFit.fit(
      data, modified: false, model: "BG/NBD", penalizer: penalizer, maxIterations: maxIterations,
      gradientTolerance: gradientTolerance, parallel: parallel)
    return BGNBDModel(
      r: f.parameters[0], alpha: f.parameters[1], a: f.parameters[2], b: f.parameters[3],
      logLikelihood: f.logLikelihood, converged: f.converged, iterations: f.iterations,
      limitedParameters: f.limited)
  }
}
