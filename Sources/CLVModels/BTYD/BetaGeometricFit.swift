import CLVMath
import Foundation

/// The fitting routine shared by ``BGNBD`` and ``MBGNBD``.
///
/// Times are first multiplied by 10 / max T (the `lifetimes` convention), so that the
/// start α = 1 is on the data's scale whatever the caller's unit; α is converted back
/// afterwards and the reported log-likelihood is re-evaluated in the caller's units.
/// The penalizer therefore acts on the rescaled α, as in `lifetimes`.
enum BetaGeometricFit {
  /// Natural parameters (r, α, a, b) in the caller's time unit, with fit diagnostics.
  struct Fitted {
    var parameters: [Double]
    var logLikelihood: Double
    var converged: Bool
    var iterations: Int
    /// Names of the parameters that ran to the fitting limit (nil when none).
    var limited: [String]?
  }

  static func fit(
    _ data: CompressedHistories, modified: Bool, model: String, penalizer: Double,
    maxIterations: Int, gradientTolerance: Double, parallel: Bool
  ) throws -> Fitted {
    guard penalizer >= 0, penalizer.isFinite else {
      throw BTYDError.invalidConfiguration("penalizer must be ≥ 0 (got \(penalizer))")
    }
    guard maxIterations >= 0, gradientTolerance > 0 else {
      throw BTYDError.invalidConfiguration("maxIterations ≥ 0 and gradientTolerance > 0 required")
    }
    guard data.count > 0 else { throw BTYDError.emptyInput(model: model) }
    guard data.hasRepeaters else { throw BTYDError.noRepeatCustomers(model: model) }
    let scale = 10 / data.maxAge
    let scaled = BetaGeometricLikelihood(
      data: data.scaled(by: scale), modified: modified, parallel: parallel)
    let outcome = BTYDLogSpaceFit.fit(
      start: [1, 1, 1, 1], totalWeight: data.totalWeight, penalizer: penalizer,
      maxIterations: maxIterations, gradientTolerance: gradientTolerance,
      logLikelihood: scaled.evaluate)
    var p = outcome.parameters
    p[1] /= scale
    let original = BetaGeometricLikelihood(data: data, modified: modified, parallel: parallel)
    return Fitted(
      parameters: p, logLikelihood: original.evaluate(p).value,
      converged: outcome.result.converged, iterations: outcome.result.iterations,
      limited: outcome.limited.isEmpty ? nil : outcome.limited.map { ["r", "alpha", "a", "b"][$0] })
  }
}
