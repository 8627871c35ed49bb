import CLVMath
import Testing

@testable import CLVModels

/// Training fuses the ReLU (forward) and its gradient (backward) into the matrix
/// products' stores; the network must give exactly the bits of the plain passes —
/// product, then ``ReLU``, then ``Dropout`` — with dropout on.
@Suite struct MLPFusionTests {
  @Test func fusedNetworkEqualsProductThenReLUPasses() {
    var rng = SplitMix64(seed: 21)
    let network = MLPNetwork(widths: [7, 16, 11, 3])
    let rows = 13, keep: Float = 0.8
    let p = (0..<network.parameters.count).map { _ in Float(rng.nextNormal()) }
    var t = [Float](repeating: 0, count: p.count)
    let input = (0..<(rows * 7)).map { _ in Float(rng.nextNormal()) }
    let fused = MLPWorkspace(widths: network.widths, capacity: rows, parameterCount: p.count)
    let plain = MLPWorkspace(widths: network.widths, capacity: rows, parameterCount: p.count)
    for ws in [fused, plain] { ws.activations[0].update(from: input, count: input.count) }
    p.withUnsafeBufferPointer { p in
      t.withUnsafeMutableBufferPointer { network.transposeWeights(p.baseAddress!, into: $0.baseAddress!) }
      var dropout = SplitMix64(seed: 5)
      network.forward(rows: rows, parameters: p.baseAddress!, workspace: fused, dropoutKeep: keep, rng: &dropout)
      dropout = SplitMix64(seed: 5)
      for (l, layer) in network.layers.enumerated() {
        let y = plain.activations[l + 1]
        layer.forward(rows: rows, x: plain.activations[l], parameters: p.baseAddress!, y: y)
        if l < network.layers.count - 1 {
          ReLU.forward(y, count: rows * layer.fanOut)
          Dropout.forward(y, count: rows * layer.fanOut, keep: keep, using: &dropout)
        }
      }
    }
    for l in 1...3 {
      let count = rows * network.widths[l]
      #expect(
        Array(UnsafeBufferPointer(start: fused.activations[l], count: count)).map(\.bitPattern)
          == Array(UnsafeBufferPointer(start: plain.activations[l], count: count)).map(\.bitPattern))
    }

    for ws in [fused, plain] {
      for i in 0..<(rows * 3) { ws.deltas[3][i] = Float(i % 7) - 3.5 }
      ws.gradient.update(repeating: 0, count: p.count)
    }
    t.withUnsafeBufferPointer { t in
      network.backward(rows: rows, weightsTransposed: t.baseAddress!, workspace: fused, dropoutKeep: keep)
      for l in stride(from: 2, through: 0, by: -1) {
        let layer = network.layers[l]
        layer.backward(
          rows: rows, x: plain.activations[l], dy: plain.deltas[l + 1], weightsTransposed: t.baseAddress!,
          gradient: plain.gradient, dx: l > 0 ? plain.deltas[l] : nil)
        if l > 0 {
          ReLU.backward(plain.deltas[l], output: plain.activations[l], count: rows * layer.fanIn, scale: 1 / keep)
        }
      }
    }
    #expect(
      Array(UnsafeBufferPointer(start: fused.gradient, count: p.count)).map(\.bitPattern)
        == Array(UnsafeBufferPointer(start: plain.gradient, count: p.count)).map(\.bitPattern))
  }
}
