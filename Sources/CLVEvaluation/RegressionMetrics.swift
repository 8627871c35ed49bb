/// Every number that judges a CLV model on one split: errors, calibration and ranking.
///
/// Build it with ``evaluate(predicted:actual:)``. A metric that is undefined for the
/// input is `nil` (never NaN, so the value always encodes to JSON):
/// - empty input: everything `nil`, `count == 0`;
/// - any non-finite prediction or actual: everything `nil`, `nonFiniteCount > 0`
///   (a diverged model is excluded from champion selection instead of crashing);
/// - all-zero (or non-positive total) actuals: normalized Gini, top-decile capture and
///   total ratio are `nil`; decile MAPE is `nil` (every decile is skipped);
/// - constant actuals: R² and Spearman are `nil` (zero variance);
/// - constant predictions: Spearman and Pearson are `nil`; the normalized Gini is that
///   of the input order (ties keep input order, per the definition), ≈ 0 for shuffled rows;
/// - fewer than 10 customers: decile MAPE is `nil`;
/// - a metric that overflows (finite inputs near the limits of `Double`, e.g. squared
///   errors of amounts around 1e155) is `nil`.
///
/// Definitions follow `reference.md`; the Gini follows Wang, Liu & Miao (2019),
/// "A Deep Probabilistic Model for Customer Lifetime Value Prediction", arXiv:1912.07753.
package struct RegressionMetrics: Codable, Sendable, Equatable {
  /// Number of customers evaluated.
  package var count: Int
  /// Number of non-finite predictions or actuals (then every metric is `nil`).
  package var nonFiniteCount: Int
  /// Mean squared error, Σ(p − y)² / n.
  package var mse: Double?
  /// Root mean squared error, √MSE.
  package var rmse: Double?
  /// Mean absolute error, Σ|p − y| / n.
  package var mae: Double?
  /// Coefficient of determination, 1 − Σ(p − y)² / Σ(y − ȳ)²; `nil` for constant actuals.
  package var r2: Double?
  /// Normalized Gini: raw Gini of the model ranking / raw Gini of the perfect ranking.
  package var normalizedGini: Double?
  /// Spearman's ρ: Pearson correlation of average ranks.
  package var spearman: Double?
  /// Pearson correlation of predictions and actuals.
  package var pearson: Double?
  /// Share of total actual value held by the ⌈n/10⌉ customers with the highest
  /// predictions (ties in input order). ⌈·⌉ as in the Python peer's `clv_metrics.py`,
  /// so with n not a multiple of 10 it can hold one more customer than decile 1 of
  /// ``DecileTable`` (which uses ⌊·⌋ boundaries).
  package var topDecileCapture: Double?
  /// Mean over prediction deciles of |mean predicted − mean actual| / mean actual.
  package var decileMAPE: Double?
  /// Σ predictions.
  package var totalPredicted: Double?
  /// Σ actuals.
  package var totalActual: Double?
  /// Σ predictions / Σ actuals; `nil` when Σ actuals is 0.
  package var totalRatio: Double?
  /// Mean actual value.
  package var meanActual: Double?
  /// Mean predicted value.
  package var meanPredicted: Double?

  /// Creates metrics from known values (for tests and for metrics loaded from a saved run).
  package init(
    count: Int, nonFiniteCount: Int = 0, mse: Double? = nil, rmse: Double? = nil,
    mae: Double? = nil, r2: Double? = nil, normalizedGini: Double? = nil,
    spearman: Double? = nil, pearson: Double? = nil, topDecileCapture: Double? = nil,
    decileMAPE: Double? = nil, totalPredicted: Double? = nil, totalActual: Double? = nil,
    totalRatio: Double? = nil, meanActual: Double? = nil, meanPredicted: Double? = nil
  ) {
    self.count = count
    self.nonFiniteCount = nonFiniteCount
    self.mse = mse
    self.rmse = rmse
    self.mae = mae
    self.r2 = r2
    self.normalizedGini = normalizedGini
    self.spearman = spearman
    self.pearson = pearson
    self.topDecileCapture = topDecileCapture
    self.decileMAPE = decileMAPE
    self.totalPredicted = totalPredicted
    self.totalActual = totalActual
    self.totalRatio = totalRatio
    self.meanActual = meanActual
    self.meanPredicted = meanPredicted
  }

  /// Evaluates predictions against actuals (same length; a mismatch is a programmer error).
  ///
  /// Cost: two O(n log n) sorts plus O(n) passes.
  package static func evaluate(predicted: [Double], actual: [Double]) -> RegressionMetrics {
    precondition(predicted.count == actual.count, "predicted and actual must have the same length")
    guard let sample = RankedSample(predicted: predicted, actual: actual) else {
      let bad = zip(predicted, actual).filter { !$0.0.isFinite || !$0.1.isFinite }.count
      return RegressionMetrics(count: predicted.count, nonFiniteCount: bad)
    }
    return sample.metrics(weights: sample.unitWeights)
  }

  /// The metrics with every non-finite value (an overflow) set to `nil`.
  func undefiningOverflow() -> RegressionMetrics {
    func f(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
    var m = self
    (m.mse, m.rmse, m.mae, m.r2) = (f(mse), f(rmse), f(mae), f(r2))
    (m.normalizedGini, m.spearman, m.pearson) = (f(normalizedGini), f(spearman), f(pearson))
    (m.topDecileCapture, m.decileMAPE) = (f(topDecileCapture), f(decileMAPE))
    (m.totalPredicted, m.totalActual, m.totalRatio) = (f(totalPredicted), f(totalActual), f(totalRatio))
    (m.meanActual, m.meanPredicted) = (f(meanActual), f(meanPredicted))
    return m
  }

  /// The value of the metric named `key`, or `nil` when it is undefined.
  package func value(of key: MetricKey) -> Double? {
    switch key {
    case .normGini: return normalizedGini
    case .decileMAPE: return decileMAPE
    case .spearman: return spearman
    case .pearson: return pearson
    case .topDecileCapture: return topDecileCapture
    case .rmse: return rmse
    case .mae: return mae
    case .mse: return mse
    case .r2: return r2
    case .totalRatio: return totalRatio
    }
  }

  /// The value of the metric whose snake_case key is `name` (e.g. `"norm_gini"`);
  /// `nil` when the name is unknown or the metric undefined.
  package func value(named name: String) -> Double? {
    MetricKey(rawValue: name).flatMap { value(of: $0) }
  }
}
