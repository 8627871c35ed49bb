/// What an ``MLPModel`` predicts for each row.
package struct MLPPrediction: Sendable, Equatable {
  /// Expected label: `p · exp(μ + σ²/2)` for ZILN, the regression output for MSE.
  package var value: [Double]
  /// Purchase probability `p = sigmoid(ℓ)` (ZILN only; churn is `1 − p`).
  package var purchaseProbability: [Double]?

  /// Creates a prediction.
  package init(value: [Double], purchaseProbability: [Double]?) {
    self.value = value
    self.purchaseProbability = purchaseProbability
  }
}
