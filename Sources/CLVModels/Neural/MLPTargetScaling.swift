import Foundation

/// How labels are scaled for training and how the output layer's bias starts.
///
/// MSE: the network fits `(y − mean)/sd` (sd 0 → 1) so the loss is O(1) whatever the
/// currency; predictions are mapped back to label units. ZILN: labels are used as
/// they are (the lognormal part already works on `log y`), and the output biases
/// start at the training data's logit of the purchase share, mean of `log y` and
/// softplus⁻¹ of the sd of `log y`, so the first epochs need not learn the scale.
struct MLPTargetScaling: Sendable, Codable, Equatable {
  let loss: MLPLoss
  /// Subtracted from MSE labels.
  let shift: Double
  /// MSE labels are divided by it.
  let scale: Double

  init(loss: MLPLoss, labels: [Double]) {
    self.loss = loss
    guard loss == .mse, !labels.isEmpty else {
      shift = 0
      scale = 1
      return
    }
    let mean = labels.reduce(0, +) / Double(labels.count)
    let variance = labels.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(labels.count)
    shift = mean
    scale = variance > 0 ? variance.squareRoot() : 1
  }

  /// A label in training units.
  func scaled(_ y: Double) -> Double { (y - shift) / scale }

  /// A network output in label units (MSE).
  func unscaled(_ o: Double) -> Double { o * scale + shift }

  /// Factor from the training loss to the reported loss (MSE in squared label units).
  var lossScale: Double { loss == .mse ? scale * scale : 1 }

  /// Sets the output-layer biases from the labels (ZILN only; MSE labels have mean 0).
  func initialiseOutputBias(of network: inout MLPNetwork, labels: [Double]) {
    guard loss == .ziln, let last = network.layers.last else { return }
    let logs = labels.filter { $0 > 0 }.map { log($0) }
    let share = min(max(Double(logs.count) / Double(max(labels.count, 1)), 1e-4), 1 - 1e-4)
    let mean = logs.isEmpty ? 0 : logs.reduce(0, +) / Double(logs.count)
    let sd = logs.count < 2 ? 1 : (logs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(logs.count)).squareRoot()
    network.parameters[last.biasOffset] = Float(log(share / (1 - share)))
    network.parameters[last.biasOffset + 1] = Float(mean)
    network.parameters[last.biasOffset + 2] = Float(ZILNLoss.inverseSoftplus(max(sd, 0.05)))
  }
}
