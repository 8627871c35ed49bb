/// What an ``MLPModel`` predicts for each row.
public struct MLPPrediction: Sendable, Equatable {
  /// Expected label: `p · exp(μ + σ²/2)` for ZILN, the regression output for MSE.
  public var value: [Double]
  /// Purchase probability `p = sigmoid(ℓ)` (ZILN only; churn is `1 − p`).
  public var purchaseProbability: [Double]?

  /// Creates a prediction.
  public init(value: [Double], purchaseProbability: [Double]?) {
    self.value = value
    self.purchaseProbability = purchaseProbability
  }
}
