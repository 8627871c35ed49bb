import Foundation
import CLVMath

/// Maximum-likelihood fitting shared by the BTYD models: BFGS on log-parameters.
///
/// Minimises F(θ) = −ℓ(e^θ) / W + penalizer · Σᵢ e^{2θᵢ}, where ℓ is the weighted
/// log-likelihood and W the total weight (the mean keeps F of order one whatever the
/// number of customers, so one gradient tolerance fits all sizes). This is the
/// objective of the Python `lifetimes` package, including its L2 penalizer on the
/// parameters. Log-parameters keep every parameter positive without constraints.
/// ∂F/∂θᵢ = (−∂ℓ/∂pᵢ / W + 2·penalizer·pᵢ) · pᵢ.
enum BTYDLogSpaceFit {
  /// The fitted natural parameters and the optimiser's report.
  struct Outcome {
    var parameters: [Double]
    var result: BFGSResult
  }

  /// Fits with an analytic gradient: `logLikelihood(p)` returns ℓ and ∂ℓ/∂p.
  static func fit(
    start: [Double], totalWeight: Double, penalizer: Double, maxIterations: Int,
    gradientTolerance: Double,
    logLikelihood: ([Double]) -> (value: Double, gradient: [Double])
  ) -> Outcome {
    let minimizer = BFGSMinimizer(maxIterations: maxIterations, gradientTolerance: gradientTolerance)
    let result = minimizer.minimize(startingAt: start.map { log($0) }) { theta in
      let p = theta.map { exp($0) }
      let (ll, dll) = logLikelihood(p)
      var value = -ll / totalWeight
      var gradient = [Double](repeating: 0, count: p.count)
      for i in p.indices {
        value += penalizer * p[i] * p[i]
        gradient[i] = (-dll[i] / totalWeight + 2 * penalizer * p[i]) * p[i]
      }
      return (value, gradient)
    }
    return Outcome(parameters: result.x.map { exp($0) }, result: result)
  }
}
