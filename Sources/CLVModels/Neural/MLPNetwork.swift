import CLVMath
import Foundation

/// The weights of a multilayer perceptron: dense layers with ReLU between them and a
/// linear output, all parameters in one flat Float vector.
///
/// Shapes: widths `[inputs, hidden…, outputs]`; layer `l` maps `widths[l] → widths[l+1]`.
struct MLPNetwork: Sendable, Codable, Equatable {
  /// The dense layers, input to output.
  let layers: [DenseLayer]
  /// Every weight and bias, layer by layer (see ``DenseLayer`` for the layout).
  var parameters: [Float]

  /// A network with all parameters zero.
  init(widths: [Int]) {
    precondition(widths.count >= 2 && widths.allSatisfy { $0 > 0 }, "an MLP needs positive layer widths")
    var layers: [DenseLayer] = []
    var offset = 0
    for l in 0..<(widths.count - 1) {
      let layer = DenseLayer(fanIn: widths[l], fanOut: widths[l + 1], weightOffset: offset)
      layers.append(layer)
      offset += layer.parameterCount
    }
    self.layers = layers
    self.parameters = [Float](repeating: 0, count: offset)
  }

  /// `[inputs, hidden…, outputs]`.
  var widths: [Int] { [layers[0].fanIn] + layers.map(\.fanOut) }

  /// He initialisation: `W ~ N(0, 2/fanIn)`, `b = 0`.
  /// He et al. (2015), "Delving deep into rectifiers", ICCV.
  mutating func initialiseHe(using rng: inout some RandomNumberGenerator) {
    for layer in layers {
      let sd = (2 / Double(layer.fanIn)).squareRoot()
      for i in layer.weightRange { parameters[i] = Float(rng.nextNormal(standardDeviation: sd)) }
      for i in layer.biasOffset..<(layer.biasOffset + layer.fanOut) { parameters[i] = 0 }
    }
  }

  /// Forward pass over `rows` input rows — `input` (rows, inputs), by default
  /// `workspace.activations[0]`; the outputs land in `workspace.activations[layers.count]`
  /// (rows, outputs). With `dropoutKeep < 1` each hidden activation is dropped with
  /// probability `1 − dropoutKeep`.
  func forward(
    rows: Int, parameters p: UnsafePointer<Float>, workspace ws: MLPWorkspace,
    input: UnsafePointer<Float>? = nil, dropoutKeep: Float = 1, rng: inout SplitMix64
  ) {
    for (l, layer) in layers.enumerated() {
      let y = ws.activations[l + 1]
      let x = l == 0 ? input ?? UnsafePointer(ws.activations[0]) : UnsafePointer(ws.activations[l])
      let hidden = l < layers.count - 1
      layer.forward(rows: rows, x: x, parameters: p, y: y, relu: hidden)
      if hidden && dropoutKeep < 1 { Dropout.forward(y, count: rows * layer.fanOut, keep: dropoutKeep, using: &rng) }
    }
  }

  /// Backward pass after ``forward(rows:parameters:workspace:input:dropoutKeep:rng:)``
  /// (same `input`), from `workspace.deltas[layers.count] = ∂L/∂outputs`; accumulates
  /// `∂L/∂θ` into `gradient` (default `workspace.gradient`), or overwrites it with
  /// `accumulate: false` (the same bits as accumulating into zeros). With `inputGradient`
  /// it also writes `∂L/∂input` (rows, inputs) there, for a layer that feeds the network.
  func backward(
    rows: Int, weightsTransposed: UnsafePointer<Float>, workspace ws: MLPWorkspace,
    input: UnsafePointer<Float>? = nil, gradient: UnsafeMutablePointer<Float>? = nil, accumulate: Bool = true,
    dropoutKeep: Float = 1, inputGradient: UnsafeMutablePointer<Float>? = nil
  ) {
    let gradient = gradient ?? ws.gradient
    for l in stride(from: layers.count - 1, through: 0, by: -1) {
      let layer = layers[l]
      layer.backward(
        rows: rows, x: l == 0 ? input ?? UnsafePointer(ws.activations[0]) : UnsafePointer(ws.activations[l]),
        dy: ws.deltas[l + 1], weightsTransposed: weightsTransposed,
        gradient: gradient, dx: l > 0 ? ws.deltas[l] : inputGradient, accumulate: accumulate, reluInput: l > 0,
        dropoutScale: 1 / dropoutKeep)
    }
  }

  /// Writes every layer's `Wᵀ` into `destination` (same offsets as `parameters`).
  func transposeWeights(_ p: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>) {
    for layer in layers { layer.transposeWeights(from: p, into: destination) }
  }
}
