/// A fitted Gamma-Gamma spend model.
///
/// Reference: Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", eq. (4)–(5).
package struct GammaGammaModel: Sendable, Codable, Equatable {
  /// Shape of the per-transaction spend gamma distribution.
  package let p: Double
  /// Shape of the gamma distribution of the spend rate ν across customers.
  package let q: Double
  /// Scale (currency units) of the gamma distribution of ν.
  package let gamma: Double
  /// Unpenalised log-likelihood of the fitted customers' mean spends.
  package let logLikelihood: Double
  /// Whether BFGS met its gradient tolerance.
  package let converged: Bool
  /// BFGS iterations used.
  package let iterations: Int
  /// Repeat customers the model was fitted on.
  package let customers: Int

  /// Creates a model from known parameters (e.g. published estimates).
  package init(
    p: Double, q: Double, gamma: Double, logLikelihood: Double = .nan, converged: Bool = true,
    iterations: Int = 0, customers: Int = 0
  ) {
    precondition(p > 0 && q > 0 && gamma > 0, "Gamma-Gamma parameters must be positive")
    self.p = p
    self.q = q
    self.gamma = gamma
    self.logLikelihood = logLikelihood
    self.converged = converged
    self.iterations = iterations
    self.customers = customers
  }

  /// "Gamma-Gamma".
  package var modelName: String { "Gamma-Gamma" }
  /// p, q, gamma.
  package var parameters: [NamedParameter] {
    [.init(name: "p", value: p), .init(name: "q", value: q), .init(name: "gamma", value: gamma)]
  }

  /// Population mean spend per transaction, E[Z] = pγ / (q − 1); infinite when q ≤ 1.
  package var populationMeanSpend: Double {
    q > 1 ? p * gamma / (q - 1) : .infinity
  }

  /// E[Z | x, m] = (q−1)/(px+q−1) · pγ/(q−1) + px/(px+q−1) · m = (pγ + p x m)/(px + q − 1):
  /// a weighted average of the population mean and the customer's mean spend m. For
  /// x = 0 it is the population mean (infinite when q ≤ 1).
  package func conditionalExpectedAverageSpend(frequency x: Double, meanSpend m: Double) -> Double {
    let denominator = p * x + q - 1
    guard denominator > 0 else { return .infinity }
    return (p * gamma + p * x * (x > 0 ? m : 0)) / denominator
  }
}
