import CLVMath
import Foundation

/// A fitted Pareto/NBD model: parameters, fit diagnostics and predictions.
///
/// Times are in the unit of the histories it was fitted on (α and β are scales in that
/// unit). Reference: Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model
/// and Related Expressions", eq. (17), (18), (22)–(24).
package struct ParetoNBDModel: PurchaseCountModel, Equatable {
  /// Shape of the purchase-rate gamma distribution.
  package let r: Double
  /// Scale (time units) of the purchase-rate gamma distribution.
  package let alpha: Double
  /// Shape of the dropout-rate gamma distribution.
  package let s: Double
  /// Scale (time units) of the dropout-rate gamma distribution.
  package let beta: Double
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
    r: Double, alpha: Double, s: Double, beta: Double, logLikelihood: Double = .nan,
    converged: Bool = true, iterations: Int = 0, limitedParameters: [String]? = nil
  ) {
    precondition(r > 0 && alpha > 0 && s > 0 && beta > 0, "Pareto/NBD parameters must be positive")
    self.r = r
    self.alpha = alpha
    self.s = s
    self.beta = beta
    self.logLikelihood = logLikelihood
    self.converged = converged
    self.iterations = iterations
    self.limitedParameters = limitedParameters
  }

  /// "Pareto/NBD".
  package var modelName: String { "Pareto/NBD" }
  /// r, alpha, s, beta.
  package var parameters: [NamedParameter] {
    [
      .init(name: "r", value: r), .init(name: "alpha", value: alpha),
      .init(name: "s", value: s), .init(name: "beta", value: beta),
    ]
  }

  /// E[X(t)] = rβ / (α(s−1)) · [1 − (β/(β+t))^{s−1}] (limit rβ/α · ln((β+t)/β) at s = 1).
  package func expectedTransactions(in t: Double) -> Double {
    guard t > 0 else { return 0 }
    return r / alpha * beta * Self.powerIntegral(s - 1, log((beta + t) / beta))
  }

  /// E[Y(t) | x, tₓ, T] = (r+x)(β+T) / ((α+T)(s−1)) · [1 − ((β+T)/(β+T+t))^{s−1}] · P(alive).
  package func conditionalExpectedTransactions(in t: Double, given h: PurchaseHistory) -> Double {
    guard t > 0 else { return 0 }
    return conditional(in: t, given: h, alive: probabilityAlive(given: h))
  }

  /// As ``conditionalExpectedTransactions(in:given:)`` per time, with P(alive) computed once.
  package func conditionalExpectedTransactions(at times: [Double], given h: PurchaseHistory) -> [Double] {
    let alive = probabilityAlive(given: h)
    return times.map { $0 > 0 ? conditional(in: $0, given: h, alive: alive) : 0 }
  }

  private func conditional(in t: Double, given h: PurchaseHistory, alive: Double) -> Double {
    let x = h.frequency, T = h.age
    let growth = Self.powerIntegral(s - 1, log((beta + T + t) / (beta + T)))
    return (r + x) * (beta + T) / (alpha + T) * growth * alive
  }

  /// P(alive | x, tₓ, T) = 1 / (1 + s/(r+s+x) · (α+T)^{r+x} (β+T)^s · A₀).
  package func probabilityAlive(given h: PurchaseHistory) -> Double {
    let terms = ParetoNBDLikelihood.logTerms(
      r: r, alpha: alpha, s: s, beta: beta, x: h.frequency, tx: h.recency, T: h.age)
    return logistic(terms.alive - terms.diedUnseen)
  }

  /// Not implemented for Pareto/NBD (needs a further ₂F₁ sum per count): returns nil.
  package func probabilityOfTransactions(_ x: Int, in t: Double) -> Double? { nil }

  /// (1 − e^{−k·L}) / k, with its limit L at k = 0, computed without cancellation.
  private static func powerIntegral(_ k: Double, _ l: Double) -> Double {
    abs(k) < 1e-10 ? l : -expm1(-k * l) / k
  }
}
