import CLVFeatures
import Foundation

/// What every candidate model needs to know about the run besides the data.
struct ModelContext: Sendable {
  /// Length of the forecast horizon in days.
  var horizonDays: Double
  /// Days per time unit of the probabilistic models (7: weeks, as in the literature).
  var btydDaysPerUnit: Double = 7
  /// Annual discount rate (continuous compounding).
  var discountRate: Double
  /// Gross margin.
  var margin: Double
  /// The run's ledgers, for models that read customers' activity directly (the sequence
  /// model's ``WeeklyActivity``); nil: none.
  var ledgers: FeatureBuilder? = nil

  /// Horizon in the probabilistic models' unit.
  var horizonUnits: Double { horizonDays / btydDaysPerUnit }

  /// The factor that turns spend spread evenly over the horizon into its present
  /// value under continuous discounting at annual rate δ:
  /// (1 − e^(−δh)) / (δh), h in years; 1 when δ = 0.
  var evenSpreadDiscountFactor: Double {
    let h = horizonDays / 365.25
    let d = discountRate * h
    return d < 1e-12 ? 1 : (1 - exp(-d)) / d
  }
}

/// The part of the backtest and forward output one candidate produces.
struct CandidateOutput: Sendable {
  /// Predicted spend in the horizon, one per row.
  var spend: [Double]
  /// Probability of any purchase in the horizon (ZILN head), if the model has one.
  var purchaseProbability: [Double]? = nil
  /// P(alive) (probabilistic models).
  var probabilityAlive: [Double]? = nil
  /// Discounted value in the horizon × margin, when the model computes it itself.
  var discountedValue: [Double]? = nil
}

/// How a fit went, for the model table and the sign-off sections.
struct FitDetails: Sendable {
  /// Fitted parameters with their unit (e.g. "weeks⁻¹"), for the parameter table.
  var parameters: [(name: String, value: Double, unit: String)] = []
  /// The time unit of the parameters, e.g. "weeks" (nil: none).
  var timeUnit: String? = nil
  /// Log-likelihood at the optimum (probabilistic models).
  var logLikelihood: Double? = nil
  /// Whether the optimiser or training converged.
  var converged: Bool? = nil
  /// Optimiser iterations or training epochs.
  var iterations: Int? = nil
  /// Warnings for the report (non-convergence, degenerate data).
  var warnings: [String] = []
  /// Training curve (neural models): (epoch, train loss, validation loss).
  var history: [(epoch: Int, train: Double, validation: Double?)] = []
  /// Epoch whose weights were kept.
  var bestEpoch: Int? = nil
  /// Hyperparameters as text, for the table.
  var hyperparameters: [(String, String)] = []
  /// Number of fitted weights or parameters.
  var weightCount: Int? = nil
  /// Rows the model was trained on.
  var trainingRows: Int? = nil
  /// Floating-point operations of training (neural models: per sample × rows × epochs).
  var trainingFLOP: Double? = nil
}
