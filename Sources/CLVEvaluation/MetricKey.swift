/// Which way a metric improves; gates and run comparisons read it.
package enum MetricDirection: String, Sendable, Codable, Equatable {
  /// Larger is better (normalized Gini, Spearman, R², top-decile capture).
  case higherIsBetter
  /// Smaller is better (errors and decile MAPE).
  case lowerIsBetter
  /// Closer to 1 is better (the total-predicted / total-actual ratio): a model
  /// that over-forecasts the book by 30% is as wrong as one that under-forecasts by 30%.
  case closerToOneIsBetter
}

/// A stable snake_case name for every metric in ``RegressionMetrics``.
///
/// The raw values are the keys used in gate expressions (`norm_gini>=0.6`), the
/// config file and the saved run, so they must never change.
package enum MetricKey: String, CaseIterable, Sendable, Codable, Equatable, Comparable {
  /// Normalized Gini of the ranking (see ``NormalizedGini``).
  case normGini = "norm_gini"
  /// Decile MAPE: calibration across 10 prediction-ranked groups (see ``DecileTable``).
  case decileMAPE = "decile_mape"
  /// Spearman rank correlation (average ranks for ties).
  case spearman
  /// Pearson correlation.
  case pearson
  /// Share of total actual value held by the top 10% by prediction.
  case topDecileCapture = "top_decile_capture"
  /// Root mean squared error.
  case rmse
  /// Mean absolute error.
  case mae
  /// Mean squared error.
  case mse
  /// Coefficient of determination, 1 − SS_res / SS_tot.
  case r2
  /// Total predicted / total actual.
  case totalRatio = "total_ratio"

  /// The metrics a run comparison and the default regression gates look at first.
  package static let headline: [MetricKey] = [.normGini, .decileMAPE, .topDecileCapture]

  /// Which way the metric improves.
  package var direction: MetricDirection {
    switch self {
    case .normGini, .spearman, .pearson, .topDecileCapture, .r2: return .higherIsBetter
    case .decileMAPE, .rmse, .mae, .mse: return .lowerIsBetter
    case .totalRatio: return .closerToOneIsBetter
    }
  }

  /// A human label for tables, e.g. `"Normalized Gini"`.
  package var label: String {
    switch self {
    case .normGini: return "Normalized Gini"
    case .decileMAPE: return "Decile MAPE"
    case .spearman: return "Spearman"
    case .pearson: return "Pearson"
    case .topDecileCapture: return "Top-decile capture"
    case .rmse: return "RMSE"
    case .mae: return "MAE"
    case .mse: return "MSE"
    case .r2: return "R²"
    case .totalRatio: return "Total predicted / actual"
    }
  }

  /// Orders keys by their declaration order (the order of `allCases`).
  package static func < (lhs: MetricKey, rhs: MetricKey) -> Bool {
    let order = MetricKey.allCases
    return (order.firstIndex(of: lhs) ?? 0) < (order.firstIndex(of: rhs) ?? 0)
  }

  /// Whether `candidate` is strictly better than `reference` for this metric.
  ///
  /// For `total_ratio` the distances from 1 must differ by more than 1e-12, so 0.9 and
  /// 1.1 (distances 0.0999…98 and 0.1000…09 in floating point) count as equally good.
  package func isBetter(_ candidate: Double, than reference: Double) -> Bool {
    switch direction {
    case .higherIsBetter: return candidate > reference
    case .lowerIsBetter: return candidate < reference
    case .closerToOneIsBetter: return abs(candidate - 1) < abs(reference - 1) - 1e-12
    }
  }
}
