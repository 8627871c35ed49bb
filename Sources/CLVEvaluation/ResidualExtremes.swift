/// One customer's prediction error.
package struct Residual: Codable, Sendable, Equatable {
  /// Row index in the evaluated arrays (map it to a customer id).
  package var index: Int
  /// Prediction.
  package var predicted: Double
  /// Observed value.
  package var actual: Double
  /// actual − predicted: positive = under-predicted, negative = over-predicted.
  package var residual: Double

  /// Creates a residual.
  package init(index: Int, predicted: Double, actual: Double) {
    self.index = index
    self.predicted = predicted
    self.actual = actual
    self.residual = actual - predicted
  }
}

/// The largest under- and over-predictions, for error analysis.
package struct ResidualExtremes: Codable, Sendable, Equatable {
  /// Up to N customers with the largest positive residual (actual ≫ predicted), largest first.
  package var underPredicted: [Residual]
  /// Up to N customers with the most negative residual (predicted ≫ actual), largest error first.
  package var overPredicted: [Residual]

  /// The top `count` of each kind; ties broken by index; non-finite residuals are left out.
  package init(predicted: [Double], actual: [Double], count: Int = 10) {
    precondition(predicted.count == actual.count, "predicted and actual must have the same length")
    precondition(count >= 0, "count must be non-negative")
    let all = predicted.indices.map { Residual(index: $0, predicted: predicted[$0], actual: actual[$0]) }
      .filter { $0.residual.isFinite }
    underPredicted = Array(
      all.filter { $0.residual > 0 }
        .sorted { ($0.residual, $1.index) > ($1.residual, $0.index) }.prefix(count))
    overPredicted = Array(
      all.filter { $0.residual < 0 }
        .sorted { (-$0.residual, $1.index) > (-$1.residual, $0.index) }.prefix(count))
  }
}
