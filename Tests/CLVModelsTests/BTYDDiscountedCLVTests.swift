import CLVModels
import Foundation
import Testing

/// Discounted CLV against hand-computed sums and its own limits.
@Suite struct BTYDDiscountedCLVTests {
  /// A count model with E[Y(t) | h] = λ t, so the discounted sum has a closed form.
  struct LinearModel: PurchaseCountModel {
    var rate: Double
    var modelName: String { "linear" }
    var parameters: [NamedParameter] { [NamedParameter(name: "rate", value: rate)] }
    var logLikelihood: Double { 0 }
    var converged: Bool { true }
    var iterations: Int { 0 }
    func expectedTransactions(in t: Double) -> Double { rate * t }
    func conditionalExpectedTransactions(in t: Double, given h: PurchaseHistory) -> Double { rate * t }
    func probabilityAlive(given h: PurchaseHistory) -> Double { 1 }
    func probabilityOfTransactions(_ x: Int, in t: Double) -> Double? { nil }
  }

  let spend = GammaGammaModel(p: 2, q: 3, gamma: 10)  // E[Z | x=4, m=30] = 26 by hand
  let history = PurchaseHistory(frequency: 4, recency: 20, age: 30)

  /// K steps of length Δ: λΔ · 26 · margin · Σₖ e^{−δkΔ} (geometric sum), to 1e-12 relative.
  @Test func matchesTheGeometricSum() {
    let (rate, horizon, steps, delta, margin) = (0.5, 52.0, 12, 0.01, 0.3)
    let value = discountedCLV(
      countModel: LinearModel(rate: rate), spendModel: spend, history: history, meanSpend: 30,
      horizon: horizon, steps: steps, discountRatePerTimeUnit: delta, margin: margin)
    let dt = horizon / Double(steps)
    let q = exp(-delta * dt)
    let expected = rate * dt * 26 * margin * q * (1 - pow(q, Double(steps))) / (1 - q)
    #expect(abs(value / expected - 1) < 1e-12)
  }

  /// Without discounting the sum telescopes to the undiscounted expected spend × margin.
  @Test func zeroDiscountEqualsExpectedSpend() {
    let model = BGNBDModel(r: 0.243, alpha: 4.414, a: 0.793, b: 2.426)
    let clv = discountedCLV(
      countModel: model, spendModel: spend, history: history, meanSpend: 30, horizon: 52,
      steps: 13, discountRatePerTimeUnit: 0, margin: 1)
    let total = expectedSpend(
      countModel: model, spendModel: spend, history: history, meanSpend: 30, horizon: 52)
    #expect(abs(clv / total - 1) < 1e-12)
  }

  /// More discounting never increases CLV; many steps approach the continuous integral
  /// λ·26·(1 − e^{−δH})/δ from below (within 0.1% at K = 520).
  @Test func discountingIsMonotoneAndConverges() {
    let model = LinearModel(rate: 0.5)
    let values = [0, 0.001, 0.01, 0.05].map {
      discountedCLV(
        countModel: model, spendModel: spend, history: history, meanSpend: 30, horizon: 104,
        steps: 520, discountRatePerTimeUnit: $0)
    }
    #expect(zip(values, values.dropFirst()).allSatisfy { $0 > $1 })
    let continuous = 0.5 * 26 * (1 - exp(-0.01 * 104)) / 0.01
    #expect(values[2] < continuous && values[2] > continuous * 0.999)
  }
}
