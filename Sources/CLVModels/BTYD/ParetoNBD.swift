import Foundation

/// Configuration of the Pareto/NBD model.
///
/// While alive, a customer buys at Poisson rate λ ~ Gamma(r, α) and dies after an
/// exponential lifetime with rate μ ~ Gamma(s, β). Fitted by maximum likelihood with
/// BFGS on log-parameters with analytic gradients (see ParetoNBDGradient.swift).
/// On the CDNOW sample (weeks): r = 0.553, α = 10.578, s = 0.606, β = 11.669, ℓ = −9594.98.
///
/// Reference: Schmittlein, Morrison & Colombo (1987), "Counting your customers: who
/// are they and what will they do next?", Management Science 33(1), 1–24; Fader &
/// Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related Expressions".
package struct ParetoNBD: BTYDFitting {
  /// How the model is fitted.
  package let settings: BTYDFitSettings

  /// A configuration with `settings` (or, through ``BTYDFitting``, with each setting named).
  package init(settings: BTYDFitSettings) { self.settings = settings }

  /// Fits the model to one history per customer.
  /// - Throws: ``BTYDError`` for empty input, an invalid history or no repeat purchases.
  package func fit(_ histories: [PurchaseHistory]) throws -> ParetoNBDModel {
    try fit(CompressedHistories(histories, model: "Pareto/NBD"))
  }

  /// Fits the model to already compressed (weighted) histories. Times are rescaled by
  /// 10 / max T while fitting (as in ``BGNBD``) and α, β converted back.
  package func fit(_ data: CompressedHistories) throws -> ParetoNBDModel {
    guard penalizer >= 0, penalizer.isFinite, maxIterations >= 0, gradientTolerance > 0 else {
      throw BTYDError.invalidConfiguration(
        "penalizer ≥ 0, maxIterations ≥ 0 and gradientTolerance > 0 required")
    }
    guard data.count > 0 else { throw BTYDError.emptyInput(model: "Pareto/NBD") }
    guard data.hasRepeaters else { throw BTYDError.noRepeatCustomers(model: "Pareto/NBD") }
    let scale = 10 / data.maxAge
    let scaled = ParetoNBDLikelihood(data: data.scaled(by: scale), parallel: parallel)
    let outcome = BTYDLogSpaceFit.fit(
      start: [1, 1, 1, 1], totalWeight: data.totalWeight, penalizer: penalizer,
      maxIterations: maxIterations, gradientTolerance: gradientTolerance,
      logLikelihood: scaled.evaluate)
    var p = outcome.parameters
    p[1] /= scale
    p[3] /= scale
    let ll = ParetoNBDLikelihood(data: data, parallel: parallel).evaluate(p).value
    return ParetoNBDModel(
      r: p[0], alpha: p[1], s: p[2], beta: p[3], logLikelihood: ll,
      converged: outcome.result.converged, iterations: outcome.result.iterations,
      limitedParameters: outcome.limited.isEmpty ? nil : outcome.limited.map { ["r", "alpha", "s", "beta"][$0] })
  }
}
