import CLVMath
import Foundation

/// A trained ``MLPRegressor``: predicts customer value (and, for ZILN, the purchase
/// probability). `Codable`: a JSON round trip reproduces predictions bit for bit.
package struct MLPModel: Sendable, Codable {
  /// The hyperparameters it was trained with.
  package let configuration: MLPRegressor
  /// Layers and Float weights.
  let network: MLPNetwork
  /// Label scaling used in training.
  let scaling: MLPTargetScaling
  /// Training and validation loss per epoch.
  package let history: [EpochLoss]
  /// The epoch whose weights were kept (lowest validation loss); 0 if none was finite.
  package let bestEpoch: Int
  /// False if the loss became non-finite (training stopped there; the best finite
  /// weights are kept).
  package let converged: Bool

  init(
    configuration: MLPRegressor, network: MLPNetwork, scaling: MLPTargetScaling,
    history: [EpochLoss], bestEpoch: Int, converged: Bool
  ) {
    self.configuration = configuration
    self.network = network
    self.scaling = scaling
    self.history = history
    self.bestEpoch = bestEpoch
    self.converged = converged
  }

  /// Number of weights and biases.
  package var parameterCount: Int { network.parameters.count }
  /// Multiplies and adds of one training sample's forward and backward pass: forward
  /// `2·Σ fanIn·fanOut`, backward the weight gradient (the same) plus the input gradient
  /// of every layer but the first. Training FLOPs = this × rows × epochs.
  package var trainingFLOPPerSample: Double { Self.trainingFLOPPerSample(widths: network.widths) }

  /// ``trainingFLOPPerSample`` of a network with layer widths `widths` (inputs … outputs).
  package static func trainingFLOPPerSample(widths: [Int]) -> Double {
    var total = 0.0
    for l in 0..<(widths.count - 1) {
      total += 2 * Double(widths[l] * widths[l + 1]) * (l == 0 ? 2 : 3)
    }
    return total
  }

  /// Number of input features expected by ``predict(_:)``.
  package var inputCount: Int { network.layers[0].fanIn }

  /// Predictions for the rows of `x` (rows, inputCount). Each row's result depends
  /// only on that row (not on batch position or thread count).
  package func predict(_ x: Matrix) -> MLPPrediction {
    precondition(x.columns == inputCount, "model expects \(inputCount) features, got \(x.columns)")
    return x.values.withUnsafeBufferPointer { v in
      predict(rows: x.rows) { range, out in
        for (k, i) in (range.lowerBound * x.columns..<range.upperBound * x.columns).enumerated() {
          out[k] = Float(v[i])
        }
      }
    }
  }

  /// ``predict(_:)-(Matrix)`` of Float32 rows.
  package func predict(_ x: FloatMatrix) -> MLPPrediction {
    precondition(x.columns == inputCount, "model expects \(inputCount) features, got \(x.columns)")
    return x.values.withUnsafeBufferPointer { v in
      predict(rows: x.rows) { range, out in
        out.update(from: v.baseAddress! + range.lowerBound * x.columns, count: range.count * x.columns)
      }
    }
  }

  /// Predictions for `rows` input rows that `input(range, destination)` writes on
  /// demand, a block at a time (inputCount Float32 values per row, row-major), so no
  /// matrix of every row is ever built. Blocks may be asked for concurrently, from
  /// several threads, each with its own destination.
  package func predict(rows: Int, input: (Range<Int>, UnsafeMutablePointer<Float>) -> Void) -> MLPPrediction {
    let outputs = network.layers.last!.fanOut
    var raw = [Float](repeating: 0, count: rows * outputs)
    let shards = MLPShards(threads: configuration.threads)
    let workspaces = (0..<MLPShards.count).map { _ in
      MLPWorkspace(widths: network.widths, capacity: 512, parameterCount: 0)
    }
    raw.withUnsafeMutableBufferPointer { raw in
      network.parameters.withUnsafeBufferPointer { p in
        guard rows > 0 else { return }
        shards.forwardAll(
          network: network, parameters: p.baseAddress!, rows: rows, workspaces: workspaces, input: input
        ) {
          _, first, count, ws in
          (raw.baseAddress! + first * outputs).update(
            from: ws.activations[network.layers.count], count: count * outputs)
        }
      }
    }
    switch configuration.loss {
    case .mse:
      return MLPPrediction(value: raw.map { scaling.unscaled(Double($0)) }, purchaseProbability: nil)
    case .ziln:
      var value = [Double](repeating: 0, count: rows)
      var probability = [Double](repeating: 0, count: rows)
      for i in 0..<rows {
        let r = ZILNLoss.prediction(
          logit: Double(raw[3 * i]), mu: Double(raw[3 * i + 1]), s: Double(raw[3 * i + 2]))
        value[i] = r.value
        probability[i] = r.probability
      }
      return MLPPrediction(value: value, purchaseProbability: probability)
    }
  }
}
