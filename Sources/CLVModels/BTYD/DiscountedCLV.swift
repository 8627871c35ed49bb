import Foundation

/// Discounted customer lifetime value over a finite horizon, from a purchase-count
/// model and the Gamma-Gamma spend model.
///
///     CLV = Σ_{k=1}^{K} (E[Y(t_k) | h] − E[Y(t_{k−1}) | h]) · E[Z | x, m] · margin · e^{−δ t_k}
///
/// with t_k = k · horizon / K, continuous compounding at rate δ per time unit (an annual
/// rate i per year becomes δ = ln(1 + i) per year; divide by 52 for weeks). The purchases
/// expected in each step are discounted from the end of the step, so the sum is a slight
/// underestimate of the continuous-time integral, converging as K grows (error O(δ·horizon/K)).
/// Spend uses the Gamma-Gamma conditional mean, which is the population mean for x = 0.
///
/// Reference: Fader, Hardie & Lee (2005), "RFM and CLV", JMR 42(4); the `lifetimes`
/// `customer_lifetime_value` (which uses monthly steps and discrete discounting).
/// - Parameters:
///   - horizon: length of the prediction period, in the count model's time unit.
///   - steps: K ≥ 1 discounting steps.
///   - discountRatePerTimeUnit: δ ≥ 0 (0 gives undiscounted expected margin).
///   - margin: share of spend that is profit (1 = revenue).
package func discountedCLV(
  countModel: some PurchaseCountModel, spendModel: GammaGammaModel, history: PurchaseHistory,
  meanSpend: Double, horizon: Double, steps: Int, discountRatePerTimeUnit: Double,
  margin: Double = 1
) -> Double {
  let spend = spendModel.conditionalExpectedAverageSpend(
    frequency: history.frequency, meanSpend: meanSpend)
  let value = discountedTransactions(
    countModel: countModel, history: history, horizon: horizon, steps: steps,
    discountRatePerTimeUnit: discountRatePerTimeUnit)
  return value * spend * margin
}

/// The purchase-count part of the discounted CLV above,
///
///     Σ_{k=1}^{K} (E[Y(t_k) | h] − E[Y(t_{k−1}) | h]) · e^{−δ t_k},
///
/// which depends on the customer only through h = (x, tₓ, T) (so it can be computed once
/// per distinct history); the CLV is this · E[Z | x, m] · margin.
package func discountedTransactions(
  countModel: some PurchaseCountModel, history: PurchaseHistory, horizon: Double, steps: Int,
  discountRatePerTimeUnit: Double
) -> Double {
  precondition(steps >= 1 && horizon >= 0, "need steps ≥ 1 and a non-negative horizon")
  precondition(discountRatePerTimeUnit >= 0, "the discount rate must be ≥ 0")
  var value = 0.0
  var previous = 0.0
  let times = (1...steps).map { horizon * Double($0) / Double(steps) }
  let expected = countModel.conditionalExpectedTransactions(at: times, given: history)
  for (t, cumulative) in zip(times, expected) {
    value += (cumulative - previous) * exp(-discountRatePerTimeUnit * t)
    previous = cumulative
  }
  return value
}

/// Undiscounted expected spend in the next `horizon` time units:
/// E[Y(horizon) | h] · E[Z | x, m].
package func expectedSpend(
  countModel: some PurchaseCountModel, spendModel: GammaGammaModel, history: PurchaseHistory,
  meanSpend: Double, horizon: Double
) -> Double {
  countModel.conditionalExpectedTransactions(in: horizon, given: history)
    * spendModel.conditionalExpectedAverageSpend(frequency: history.frequency, meanSpend: meanSpend)
}
