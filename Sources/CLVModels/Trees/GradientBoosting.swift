import CLVMath
import Foundation

/// Settings of histogram-based gradient-boosted regression trees (fitted state lives in
/// ``GradientBoostedModel``).
///
/// Friedman (2001), "Greedy function approximation: a gradient boosting machine", Ann.
/// Statist. 29(5), with second-order leaf values (Chen & Guestrin 2016, XGBoost),
/// histogram splits on bins fitted on the training rows (Ke et al. 2017, LightGBM) and
/// stochastic row and feature subsampling per tree (Friedman 2002, "Stochastic gradient
/// boosting", CSDA 38(4)). Round m adds a tree fitted to the gradients gᵢ and Hessians hᵢ
/// of the loss at the current scores, shrunk by the learning rate η:
///
///     F₀ = argmin_c Σ L(yᵢ, c),   F_m = F_{m−1} + η·f_m,   prediction = link⁻¹(F_M)
///
/// Early stopping: the validation loss is tracked after every round and the ensemble is
/// cut back to the round where it was lowest once `patience` rounds have passed
/// without an improvement (without validation rows, all `maxRounds` are used).
///
/// Determinism: the row and feature samples come from the generator passed in; the
/// parallel parts (gradients, histograms, score updates) split their work into the
/// same two halves whatever the thread count, so the same seed gives the same trees
/// with 1 or 2 threads.
package struct GradientBoosting: Sendable, Codable, Equatable {
  /// Objective and link.
  package var loss: BoostingLoss
  /// Shrinkage η applied to every tree.
  package var learningRate: Double
  /// Upper bound on trees.
  package var maxRounds: Int
  /// Rounds without a validation improvement before stopping.
  package var patience: Int
  /// How each tree grows.
  package var growth: TreeGrowth
  /// Share of training rows each tree sees (Bernoulli per row).
  package var rowSubsample: Double
  /// Share of features each tree may split on (at least one).
  package var featureSubsample: Double
  /// Bins per feature (2…255).
  package var maxBins: Int
  /// Rows used to place the bin edges (an evenly spaced subset beyond this).
  package var binningRows: Int
  /// Worker threads (1 or 2); results do not depend on it.
  package var threads: Int

  /// Creates the settings; the defaults are LightGBM-like for tabular data.
  package init(
    loss: BoostingLoss = .tweedie(power: 1.5), learningRate: Double = 0.05, maxRounds: Int = 500,
    patience: Int = 30, growth: TreeGrowth = TreeGrowth(), rowSubsample: Double = 0.8,
    featureSubsample: Double = 0.8, maxBins: Int = 255, binningRows: Int = 100_000, threads: Int = 2
  ) {
    self.loss = loss
    self.learningRate = learningRate
    self.maxRounds = maxRounds
    self.patience = patience
    self.growth = growth
    self.rowSubsample = rowSubsample
    self.featureSubsample = featureSubsample
    self.maxBins = maxBins
    self.binningRows = binningRows
    self.threads = threads
  }

  /// Checks the settings; a message naming the bad one, or nil.
  package var invalidReason: String? {
    if !(learningRate > 0 && learningRate <= 1) { return "learning rate must be in (0, 1]" }
    if maxRounds < 1 || patience < 1 { return "rounds and patience must be positive" }
    if !(rowSubsample > 0 && rowSubsample <= 1) || !(featureSubsample > 0 && featureSubsample <= 1) {
      return "subsample shares must be in (0, 1]"
    }
    if !(2...FeatureBins.maximumBins).contains(maxBins) { return "bins must be 2…255" }
    if case .tweedie(let rho) = loss, !(rho > 1 && rho < 2) { return "Tweedie power must be in (1, 2)" }
    return nil
  }

  /// Fits on `(x, y)`, early-stopping on `(validationX, validationY)`.
  /// - Throws: ``GradientBoostingError`` for empty or unusable data or bad settings.
  package func fit(
    x: Matrix, y: [Double], validationX: Matrix, validationY: [Double],
    using rng: inout some RandomNumberGenerator
  ) throws(GradientBoostingError) -> GradientBoostedModel {
    if let reason = invalidReason { throw .invalidSettings(reason) }
    guard x.rows > 0, x.rows == y.count else { throw .noTrainingRows }
    guard validationX.rows == validationY.count, validationX.rows == 0 || validationX.columns == x.columns else {
      throw .shapeMismatch
    }
    guard y.allSatisfy({ $0.isFinite && $0 >= 0 }), validationY.allSatisfy({ $0.isFinite && $0 >= 0 }) else {
      throw .invalidLabels
    }
    if case .gamma = loss, y.contains(where: { $0 <= 0 }) { throw .invalidLabels }
    var trainer = GradientBoostingTrainer(
      settings: self, x: x, y: y, validationX: validationX, validationY: validationY)
    var stream = SplitMix64(seed: rng.next())
    return FlushToZero.run { trainer.run(using: &stream) }
  }
}

/// Why gradient boosting could not be fitted.
package enum GradientBoostingError: Error, Sendable, Equatable, CustomStringConvertible {
  case noTrainingRows
  case shapeMismatch
  case invalidLabels
  case invalidSettings(String)

  package var description: String {
    switch self {
    case .noTrainingRows: return "gradient boosting needs at least one training row"
    case .shapeMismatch: return "validation rows do not have the training rows' features"
    case .invalidLabels: return "labels must be finite and non-negative (positive for the gamma loss)"
    case .invalidSettings(let why): return "invalid gradient boosting settings: \(why)"
    }
  }
}
