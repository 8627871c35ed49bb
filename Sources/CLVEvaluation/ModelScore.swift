/// A candidate model's name and its metrics on the validation split.
///
/// Champion selection takes only these; test-split metrics never enter it, so the
/// reported test numbers stay an honest estimate.
package struct ModelScore: Codable, Sendable, Equatable {
  /// Model name as shown in the report, e.g. `"ziln-mlp"`.
  package var name: String
  /// Metrics on the validation split.
  package var validation: RegressionMetrics

  /// Creates a score.
  package init(name: String, validation: RegressionMetrics) {
    self.name = name
    self.validation = validation
  }
}
