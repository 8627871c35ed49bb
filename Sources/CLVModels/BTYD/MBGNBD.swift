/// Configuration of the MBG/NBD model (modified BG/NBD).
///
/// As BG/NBD, except that a customer may also drop out right after the first purchase,
/// so customers with no repeat purchase are not assumed alive. Fitted like ``BGNBD``.
/// On the CDNOW sample (weeks): r = 0.525, α = 6.183, a = 0.891, b = 1.614, ℓ = −9582.14.
///
/// Reference: Batislam, Denizel & Filiztekin (2007), "Empirical validation and comparison
/// of models for customer base analysis", IJRM 24(3), 201–209; BTYDplus `mbgnbd`.
package struct MBGNBD: BTYDFitting {
  /// How the model is fitted.
  package let settings: BTYDFitSettings

  /// A configuration with `settings` (or, through ``BTYDFitting``, with each setting named).
  package init(settings: BTYDFitSettings) { self.settings = settings }

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
