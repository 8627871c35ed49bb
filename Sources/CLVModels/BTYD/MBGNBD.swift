/// Configuration of the MBG/NBD model (modified BG/NBD).
///
/// As BG/NBD, except that a customer may also drop out right after the first purchase,
/// so customers with no repeat purchase are not assumed alive. Fitted like ``BGNBD``.
/// On the CDNOW sample (weeks): r = 0.525, α = 6.183, a = 0.891, b = 1.614, ℓ = −9582.14.
///
/// Reference: Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison
/// of models for customer base analysis", IJRM 24(3), 201–209; BTYDplus `mbgnbd`.
package struct MBGNBD: Sendable {
  /// L2 penalty weight on the parameters (0 = plain MLE).
  package var penalizer: Double
  /// Maximum BFGS iterations; hitting it gives `converged == false`.
  package var maxIterations: Int
  /// Convergence threshold on the gradient of the mean negative log-likelihood.
  package var gradientTolerance: Double
  /// Whether large data sets may be summed on all cores (results are identical either way).
  package var parallel: Bool

  /// Creates a configuration.
  package init(
    penalizer: Double = 0, maxIterations: Int = 500, gradientTolerance: Double = 1e-8,
    parallel: Bool = true
  ) {
    self.penalizer = penalizer
    self.maxIterations = maxIterations
    self.gradientTolerance = gradientTolerance
    self.parallel = parallel
  }

  /// Fits the model to one history per customer.
  /// - Throws: ``BTYDError`` for empty input, an invalid history or no repeat purchases.
  package func fit(_ histories: [PurchaseHistory]) throws -> MBGNBDModel {
    try fit(CompressedHistories(histories, model: "MBG/NBD"))
  }

  /// Fits the model to already compressed (weighted) histories.
  package func fit(_ data: CompressedHistories) throws -> MBGNBDModel {
    let f = try BetaGeometricFit.fit(
      data, modified: true, model: "MBG/NBD", penalizer: penalizer,
      maxIterations: maxIterations, gradientTolerance: gradientTolerance, parallel: parallel)
    return MBGNBDModel(
      r: f.parameters[0], alpha: f.parameters[1], a: f.parameters[2], b: f.parameters[3],
      logLikelihood: f.logLikelihood, converged: f.converged, iterations: f.iterations,
      limitedParameters: f.limited)
  }
}
