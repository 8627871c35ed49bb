import CLVMath

/// Hyperparameters of a multilayer-perceptron regressor for customer value (fitted
/// state lives in ``MLPModel``).
///
/// Dense layers with ReLU, He initialisation, mini-batch Adam (AdamW when
/// `weightDecay > 0`), optional inverted dropout, a per-epoch shuffle and early
/// stopping on the validation loss with the best weights restored. With
/// ``MLPLoss/ziln`` the network predicts a purchase probability and a lognormal spend
/// (Wang, Liu & Miao 2019, arXiv:1912.07753); with ``MLPLoss/mse`` the label directly.
///
/// Training runs in Float32; each batch is split into two fixed halves whose
/// gradients are computed in parallel and summed in a fixed order, so the result
/// depends only on the data and the seed, never on thread timing or `threads`.
package struct MLPRegressor: Sendable, Codable, Equatable {
  /// Widths of the hidden layers, e.g. `[64, 64]` or `[64, 32]`.
  package var hiddenLayers: [Int]
  /// Training objective.
  package var loss: MLPLoss
  /// Adam step size η.
  package var learningRate: Double
  /// Rows per mini-batch.
  package var batchSize: Int
  /// Upper bound on passes over the training rows.
  package var maxEpochs: Int
  /// Decoupled weight decay λ (AdamW) on the weights, not the biases; 0 for Adam.
  package var weightDecay: Double
  /// Probability of dropping each hidden unit during training (0: no dropout).
  package var dropout: Double
  /// Epochs without a validation-loss improvement before stopping.
  package var patience: Int
  /// Smallest decrease of the validation loss that counts as an improvement.
  package var minImprovement: Double
  /// Worker threads (1 or 2); results do not depend on it.
  package var threads: Int

  /// Creates a configuration; the defaults follow common practice for tabular data.
  package init(
    hiddenLayers: [Int] = [64, 64], loss: MLPLoss = .ziln, learningRate: Double = 1e-3,
    batchSize: Int = 256, maxEpochs: Int = 50, weightDecay: Double = 0, dropout: Double = 0,
    patience: Int = 10, minImprovement: Double = 0, threads: Int = 2
  ) {
    precondition(hiddenLayers.allSatisfy { $0 > 0 }, "hidden layer widths must be positive")
    precondition(
      learningRate > 0 && batchSize > 0 && maxEpochs > 0, "learning rate, batch size and epochs must be positive")
    precondition(
      weightDecay >= 0 && (0..<1).contains(dropout) && patience > 0, "weight decay ≥ 0, 0 ≤ dropout < 1, patience > 0")
    self.hiddenLayers = hiddenLayers
    self.loss = loss
    self.learningRate = learningRate
    self.batchSize = batchSize
    self.maxEpochs = maxEpochs
    self.weightDecay = weightDecay
    self.dropout = dropout
    self.patience = patience
    self.minImprovement = minImprovement
    self.threads = threads
  }

  /// Trains on `(x, y)`, stopping early on the loss over `(validationX, validationY)`
  /// (an empty validation set monitors the training loss instead). All randomness
  /// (initialisation, shuffles, dropout) comes from `rng`.
  ///
  /// x: (rows, features), y: (rows); labels ≤ 0 mean "no purchase" for ZILN.
  package func fit(
    x: Matrix, y: [Double], validationX: Matrix, validationY: [Double],
    using rng: inout some RandomNumberGenerator
  ) -> MLPModel {
    fit(x: FloatMatrix(x), y: y, validationX: FloatMatrix(validationX), validationY: validationY, using: &rng)
  }

  /// ``fit(x:y:validationX:validationY:using:)-(Matrix,_,_,_,_)`` on Float32 rows (the
  /// precision training runs in: the same model as from the Double rows they round from).
  package func fit(
    x: FloatMatrix, y: [Double], validationX: FloatMatrix, validationY: [Double],
    using rng: inout some RandomNumberGenerator
  ) -> MLPModel {
    precondition(x.rows == y.count && validationX.rows == validationY.count, "one label per row")
    precondition(x.rows > 0, "cannot train on zero rows")
    precondition(validationX.rows == 0 || validationX.columns == x.columns, "validation features ≠ training features")
    var trainer = MLPTrainer(configuration: self, x: x, y: y, validationX: validationX, validationY: validationY)
    // Subnormals flushed on this thread too (Adam moments decay towards them).
    return FlushToZero.run { trainer.run(using: &rng) }
  }
}
