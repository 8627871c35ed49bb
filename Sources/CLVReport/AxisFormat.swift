/// How tick labels of a linear axis are written.
package enum AxisFormat: String, Sendable, Equatable {
  /// Plain numbers with the step's decimals, thousands separators and k/M for large values.
  case number
  /// Fractions as percentages: 0.25 → "25%" (decimals from the step × 100).
  case percent

  /// Labels for `ticks` spaced `step` apart.
  func labels(_ ticks: [Double], step: Double) -> [String] {
    switch self {
    case .number: return TickFormat.labels(ticks, step: step)
    case .percent: return TickFormat.labels(ticks.map { $0 * 100 }, step: step * 100).map { $0 + "%" }
    }
  }
}
