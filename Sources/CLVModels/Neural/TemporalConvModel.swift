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
    let grid = network.weeks * network.channels
    let buffer = UnsafeMutablePointer<Float>.allocate(capacity: Self.chunk * grid)
    defer { buffer.deallocate() }
    return predict(rows: rows, statics: statics) { first, count, workspace, parameters in
      fill(first, count, buffer)
      network.convolve(rows: count, sequences: buffer, parameters: parameters, workspace: workspace)
    }
  }

  /// Rows per pass through the network.
  static let chunk = 512

  /// The convolution outputs of `rows` customers (rows × ``convolvedWidth``), from the
  /// activity grids `fill` writes as in ``predict(rows:statics:fill:)``. The convolution
  /// reads no static feature: with ``predict(rows:statics:convolved:)`` a caller that
  /// changes only static features (permutation importance) convolves once.
  package func convolved(
    rows: Int, fill: (_ first: Int, _ count: Int, _ into: UnsafeMutablePointer<Float>) -> Void
  ) -> [Float] {
    let grid = network.weeks * network.channels
    let width = convolvedWidth
    let workspace = TemporalConvWorkspace(network: network, capacity: Self.chunk)
    let buffer = UnsafeMutablePointer<Float>.allocate(capacity: Self.chunk * grid)
    defer { buffer.deallocate() }
    var out = [Float](repeating: 0, count: rows * width)
    FlushToZero.run {
      network.parameters.withUnsafeBufferPointer { p in
        out.withUnsafeMutableBufferPointer { o in
          var first = 0
          while first < rows {
            let count = min(Self.chunk, rows - first)
            fill(first, count, buffer)
            network.convolve(rows: count, sequences: buffer, parameters: p.baseAddress!, workspace: workspace)
            (o.baseAddress! + first * width).update(from: workspace.convolved, count: count * width)
            first += count
          }
        }
      }
    }
    return out
  }

  /// Floats of one row's convolution output (positions × filters).
  package var convolvedWidth: Int { network.positions * network.filters }

  /// ``predict(rows:statics:fill:)`` from the rows' ``convolved(rows:fill:)``, bit for bit.
  package func predict(rows: Int, statics: Matrix, convolved: [Float]) -> MLPPrediction {
    precondition(convolved.count == rows * convolvedWidth, "one convolution output per row")
    let width = convolvedWidth
    return convolved.withUnsafeBufferPointer { c in
      predict(rows: rows, statics: statics) { first, count, workspace, _ in
        workspace.convolved.update(from: c.baseAddress! + first * width, count: count * width)
      }
    }
  }

  /// The shared loop: `convolve(first, count, workspace, parameters)` leaves rows
  /// `first ..< first + count` convolved in `workspace.convolved`; the head does the rest,
  /// ``chunk`` rows at a time from row 0.
  private func predict(
    rows: Int, statics: Matrix,
    convolve: (_ first: Int, _ count: Int, _ workspace: TemporalConvWorkspace, _ parameters: UnsafePointer<Float>) ->
      Void
  ) -> MLPPrediction {
    precondition(statics.rows == rows && statics.columns == network.statics, "static features do not fit the model")
    let workspace = TemporalConvWorkspace(network: network, capacity: Self.chunk)
    let staticFloats = statics.columns == 0 ? [Float](repeating: 0, count: 1) : statics.values.map { Float($0) }
    var value = [Double](repeating: 0, count: rows)
    var probability = [Double](repeating: 0, count: rows)
    let outputs = network.head.layers.count
    FlushToZero.run {
      network.parameters.withUnsafeBufferPointer { p in
        staticFloats.withUnsafeBufferPointer { st in
          var first = 0
          while first < rows {
            let count = min(Self.chunk, rows - first)
            convolve(first, count, workspace, p.baseAddress!)
            network.forwardHead(
              rows: count, statics: st.baseAddress! + first * network.statics, parameters: p.baseAddress!,
              workspace: workspace)
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
