/// A candidate model's name and its metrics on the validation split.
///
/// Champion selection takes only these; test-split metrics never enter it, so the
/// reported test numbers stay an honest estimate.
public struct ModelScore: Codable, Sendable, Equatable {
  /// Model name as shown in the report, e.g. `"ziln-mlp"`.
  public var name: String
  /// Metrics on the validation split.
  public var validation: RegressionMetrics

  /// Creates a score.
  public init(name: String, validation: RegressionMetrics) {
    self.name = name
    self.validation = validation
  }
}
