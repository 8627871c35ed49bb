import CLVMath
import Foundation

/// A trained ``TemporalConvRegressor``: predicts spend `p·exp(μ + σ²/2)` and the purchase
/// probability p (``ZILNLoss``). `Codable`: a JSON round trip reproduces predictions bit
/// for bit.
package struct TemporalConvModel: Sendable, Codable {
  /// The hyperparameters it was trained with.
  package let configuration: TemporalConvRegressor
  let network: TemporalConvNetwork
  /// Training and validation loss per epoch.
  package let history: [EpochLoss]
  /// The epoch whose weights were kept; 0 if none was finite.
  package let bestEpoch: Int
  /// False if the loss became non-finite.
  package let converged: Bool

  /// Number of weights and biases.
  package var parameterCount: Int { network.parameters.count }
  /// Static features expected.
  package var staticCount: Int { network.statics }
  /// Window positions of the convolution.
  package var positions: Int { network.positions }

  /// Predictions for `rows` customers. `fill(first, count, sequences)` writes the
  /// activity grids of rows `first ..< first + count` (count × weeks·channels) into the
  /// buffer; `statics` is (rows, staticCount). Rows are predicted in chunks, so grids
  /// for all customers are never held at once; each row's result depends only on that
  /// row.
  package func predict(
    rows: Int, statics: Matrix, fill: (_ first: Int, _ count: Int, _ into: UnsafeMutablePointer<Float>) -> Void
  ) -> MLPPrediction {
    precondition(statics.rows == rows && statics.columns == network.statics, "static features do not fit the model")
    let chunk = 512
    let grid = network.weeks * network.channels
    let workspace = TemporalConvWorkspace(network: network, capacity: chunk)
    let buffer = UnsafeMutablePointer<Float>.allocate(capacity: chunk * grid)
    defer { buffer.deallocate() }
    let staticFloats = statics.columns == 0 ? [Float](repeating: 0, count: 1) : statics.values.map { Float($0) }
    var value = [Double](repeating: 0, count: rows)
    var probability = [Double](repeating: 0, count: rows)
    let outputs = network.head.layers.count
    FlushToZero.run {
      network.parameters.withUnsafeBufferPointer { p in
        staticFloats.withUnsafeBufferPointer { st in
          var first = 0
          while first < rows {
            let count = min(chunk, rows - first)
            fill(first, count, buffer)
            network.forward(
              rows: count, sequences: buffer, statics: st.baseAddress! + first * network.statics,
              parameters: p.baseAddress!, workspace: workspace)
            let o = workspace.head.activations[outputs]
            for i in 0..<count {
              let r = ZILNLoss.prediction(logit: Double(o[3 * i]), mu: Double(o[3 * i + 1]), s: Double(o[3 * i + 2]))
              value[first + i] = r.value
              probability[first + i] = r.probability
            }
            first += count
          }
        }
      }
    }
    return MLPPrediction(value: value, purchaseProbability: probability)
  }
}
