import CLVMath
import Foundation

/// Hyperparameters of the sequence model: a ``TemporalConvNetwork`` over each customer's
/// weekly activity joined with static features, trained with the ZILN loss (fitted state
/// lives in ``TemporalConvModel``).
///
/// Training as the MLP's (``MLPRegressor``): Float32, He initialisation, mini-batch
/// AdamW, a per-epoch shuffle, early stopping on the validation loss with the best
/// weights kept, the ZILN output biases started at the data's purchase share, mean and
/// sd of log spend. Each batch is split into the same two halves whatever the thread
/// count; their gradients are summed in a fixed order inside the Adam step, so the
/// weights depend only on the data and the seed.
package struct TemporalConvRegressor: Sendable, Codable, Equatable {
  /// Weeks of activity per customer and channels per week.
  package var weeks: Int
  package var channels: Int
  /// Convolution window (weeks), step between windows (weeks) and filters.
  package var kernel: Int
  package var stride: Int
  package var filters: Int
  /// Widths of the dense head's hidden layers.
  package var hiddenLayers: [Int]
  package var learningRate: Double
  package var batchSize: Int
  package var maxEpochs: Int
  package var weightDecay: Double
  package var patience: Int
  /// Worker threads (1 or 2); results do not depend on it.
  package var threads: Int

  /// Creates the settings.
  package init(
    weeks: Int, channels: Int, kernel: Int = 4, stride: Int = 2, filters: Int = 8, hiddenLayers: [Int] = [64, 32],
    learningRate: Double = 2e-3, batchSize: Int = 256, maxEpochs: Int = 40, weightDecay: Double = 1e-4,
    patience: Int = 6, threads: Int = 2
  ) {
    self.weeks = weeks
    self.channels = channels
    self.kernel = kernel
    self.stride = stride
    self.filters = filters
    self.hiddenLayers = hiddenLayers
    self.learningRate = learningRate
    self.batchSize = batchSize
    self.maxEpochs = maxEpochs
    self.weightDecay = weightDecay
    self.patience = patience
    self.threads = threads
  }

  /// Why the settings cannot be used, or nil.
  package var invalidReason: String? {
    if weeks < 1 || channels < 1 || kernel < 1 || kernel > weeks || stride < 1 || filters < 1 {
      return "the convolution needs 1 ≤ kernel ≤ weeks, stride ≥ 1, filters ≥ 1"
    }
    if hiddenLayers.contains(where: { $0 < 1 }) { return "hidden layer widths must be positive" }
    if !(learningRate > 0) || batchSize < 2 || maxEpochs < 1 || weightDecay < 0 || patience < 1 {
      return "learning rate > 0, batch ≥ 2, epochs ≥ 1, weight decay ≥ 0, patience ≥ 1"
    }
    return nil
  }

  /// Trains on sequences (rows, weeks·channels, week-major) and static features
  /// (rows, statics) with spend labels, early-stopping on the validation rows.
  /// - Throws: ``TemporalConvError`` for empty or mis-shaped data or bad settings.
  package func fit(
    sequences: [Float], statics: Matrix, labels: [Double], validationSequences: [Float], validationStatics: Matrix,
    validationLabels: [Double], using rng: inout some RandomNumberGenerator
  ) throws(TemporalConvError) -> TemporalConvModel {
    if let reason = invalidReason { throw .invalidSettings(reason) }
    let grid = weeks * channels
    guard statics.rows > 0, labels.count == statics.rows, sequences.count == statics.rows * grid else {
      throw .noTrainingRows
    }
    guard validationStatics.rows == validationLabels.count, validationSequences.count == validationStatics.rows * grid,
      validationStatics.rows == 0 || validationStatics.columns == statics.columns
    else { throw .shapeMismatch }
    guard labels.allSatisfy(\.isFinite), validationLabels.allSatisfy(\.isFinite) else { throw .invalidLabels }
    var trainer = TemporalConvTrainer(
      settings: self, sequences: sequences, statics: statics, labels: labels, validationSequences: validationSequences,
      validationStatics: validationStatics, validationLabels: validationLabels)
    var stream = SplitMix64(seed: rng.next())
    return FlushToZero.run { trainer.run(using: &stream) }
  }
}

/// Why the sequence model could not be trained.
package enum TemporalConvError: Error, Sendable, Equatable, CustomStringConvertible {
  case noTrainingRows
  case shapeMismatch
  case invalidLabels
  case invalidSettings(String)

  package var description: String {
    switch self {
    case .noTrainingRows: return "the sequence model needs at least one training row with its activity grid"
    case .shapeMismatch: return "validation rows do not have the training rows' shape"
    case .invalidLabels: return "labels must be finite"
    case .invalidSettings(let why): return "invalid sequence model settings: \(why)"
    }
  }
}
