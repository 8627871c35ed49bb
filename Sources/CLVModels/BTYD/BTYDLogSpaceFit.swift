import CLVMath
import Foundation

/// Maximum-likelihood fitting shared by the BTYD models: BFGS on log-parameters.
///
/// Minimises F(θ) = −ℓ(e^θ) / W + penalizer · Σᵢ e^{2θᵢ} + L(θ), where ℓ is the weighted
/// log-likelihood and W the total weight (the mean keeps F of order one whatever the
/// number of customers, so one gradient tolerance fits all sizes). The first two terms
/// are the objective of the Python `lifetimes` package, including its L2 penalizer on the
/// parameters. Log-parameters keep every parameter positive without constraints.
/// ∂F/∂θᵢ = (−∂ℓ/∂pᵢ / W + 2·penalizer·pᵢ) · pᵢ + ∂L/∂θᵢ.
///
/// **Limits.** L(θ) = Σᵢ (θᵢ − ln 10⁴)₊² + (ln 10⁻⁴ − θᵢ)₊² is zero while every parameter
/// lies in [10⁻⁴, 10⁴] (times are rescaled to max T = 10 before fitting, so fitted values
/// are of order one: CDNOW's lie in 0.5–1.5) and grows beyond. Short or degenerate
/// histories make the likelihood climb forever along a ridge — for Pareto/NBD s, β → ∞
/// with s/β fixed (every customer has the same dropout rate), seen at s = 3,900,
/// β = 246,967 weeks after minutes of fitting. The limit term ends such a fit near the
/// limit; ``Outcome/limited`` lists the parameters that ended within a factor 2 of it,
/// which the models report as unreliable (``PurchaseCountModel/limitedParameters``).
enum BTYDLogSpaceFit {
  /// Parameters are held in [1/limit, limit] in the fitting unit.
  static let limit = 1e4

  /// The fitted natural parameters and the optimiser's report.
  struct Outcome {
    var parameters: [Double]
    var result: BFGSResult
    /// Indices of the parameters that ended within a factor 2 of a limit.
    var limited: [Int]
  }

  /// Fits with an analytic gradient: `logLikelihood(p)` returns ℓ and ∂ℓ/∂p.
  static func fit(
    start: [Double], totalWeight: Double, penalizer: Double, maxIterations: Int,
    gradientTolerance: Double,
    logLikelihood: ([Double]) -> (value: Double, gradient: [Double])
  ) -> Outcome {
    let minimizer = BFGSMinimizer(maxIterations: maxIterations, gradientTolerance: gradientTolerance)
    let bound = log(limit)
    let result = minimizer.minimize(startingAt: start.map { log($0) }) { theta in
      let p = theta.map { exp($0) }
      let (ll, dll) = logLikelihood(p)
      var value = -ll / totalWeight
      var gradient = [Double](repeating: 0, count: p.count)
      for i in p.indices {
        value += penalizer * p[i] * p[i]
        gradient[i] = (-dll[i] / totalWeight + 2 * penalizer * p[i]) * p[i]
        let excess = max(0, theta[i] - bound) - max(0, -bound - theta[i])
        value += excess * excess
        gradient[i] += 2 * excess
      }
      return (value, gradient)
    }
    let limited = result.x.indices.filter { abs(result.x[$0]) > bound - log(2) }
    return Outcome(parameters: result.x.map { exp($0) }, result: result, limited: limited)
  }
}
