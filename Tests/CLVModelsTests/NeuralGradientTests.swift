import CLVMath
import Foundation
import Testing

@testable import CLVModels

/// Back-propagation of every layer and of whole networks against central finite
/// differences of an independent Double-precision forward pass written here.
///
/// Tolerance: the analytic gradients are computed in Float (relative rounding ≈ 1e-6
/// for these tiny sums); the Double differences use h = 1e-6 (error ≈ 1e-9), so
/// `|analytic − numeric| ≤ 2e-4 · max(1, |numeric|)`.
@Suite struct NeuralGradientTests {
  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 2e-4 * max(1, abs(b)) }

  /// Forward pass in Double: ReLU hidden layers, linear output. x: (rows, widths[0]).
  static func referenceOutputs(_ net: MLPNetwork, _ p: [Double], _ x: [Double], rows: Int) -> [Double] {
    var a = x
    for (l, layer) in net.layers.enumerated() {
      var z = [Double](repeating: 0, count: rows * layer.fanOut)
      for i in 0..<rows {
        for j in 0..<layer.fanOut {
          var s = p[layer.biasOffset + j]
          for k in 0..<layer.fanIn { s += a[i * layer.fanIn + k] * p[layer.weightOffset + k * layer.fanOut + j] }
          z[i * layer.fanOut + j] = l < net.layers.count - 1 ? max(s, 0) : s
        }
      }
      a = z
    }
    return a
  }

  static func referenceLoss(_ loss: MLPLoss, _ net: MLPNetwork, _ p: [Double], _ x: [Double], _ y: [Double]) -> Double {
    let o = referenceOutputs(net, p, x, rows: y.count)
    var total = 0.0
    for i in 0..<y.count {
      switch loss {
      case .ziln:
        total += ZILNLoss.lossAndGradient(logit: o[3 * i], mu: o[3 * i + 1], s: o[3 * i + 2], label: y[i]).loss
      case .mse: total += (o[i] - y[i]) * (o[i] - y[i])
      }
    }
    return total / Double(y.count)
  }

  /// Mean loss gradient by the Float forward/backward used in training.
  static func analyticGradient(_ loss: MLPLoss, _ net: MLPNetwork, _ x: [Float], _ y: [Double]) -> [Float] {
    let rows = y.count, n = net.parameters.count, last = net.layers.count
    let ws = MLPWorkspace(widths: net.widths, capacity: rows, parameterCount: n)
    ws.activations[0].update(from: x, count: x.count)
    var transposed = [Float](repeating: 0, count: n)
    net.parameters.withUnsafeBufferPointer { p in
      transposed.withUnsafeMutableBufferPointer { net.transposeWeights(p.baseAddress!, into: $0.baseAddress!) }
      var rng = SplitMix64(seed: 0)
      net.forward(rows: rows, parameters: p.baseAddress!, workspace: ws, rng: &rng)
      _ = loss.evaluate(
        rows: rows, outputs: ws.activations[last], labels: y, gradientScale: 1 / Double(rows),
        dOutputs: ws.deltas[last])
      transposed.withUnsafeBufferPointer { net.backward(rows: rows, weightsTransposed: $0.baseAddress!, workspace: ws) }
    }
    return Array(UnsafeBufferPointer(start: ws.gradient, count: n))
  }

  @Test(arguments: [MLPLoss.ziln, .mse], [[3, 5, 4], [4, 9]])
  func networkGradientMatchesFiniteDifferences(loss: MLPLoss, hidden: [Int]) {
    var rng = SplitMix64(seed: 11)
    let inputs = hidden[0] == 3 ? 3 : 10  // 10 inputs exercise the 4-row tiles of the dW product
    var net = MLPNetwork(widths: [inputs] + hidden + [loss.outputCount])
    net.initialiseHe(using: &rng)
    for i in net.parameters.indices { net.parameters[i] += Float(rng.nextNormal(standardDeviation: 0.1)) }
    let rows = 7
    let x = (0..<(rows * inputs)).map { _ in Float(rng.nextNormal()) }
    let y: [Double] = (0..<rows).map { i in i % 3 == 0 ? 0 : exp(rng.nextNormal()) }
    let g = Self.analyticGradient(loss, net, x, y)
    let p = net.parameters.map(Double.init), xd = x.map(Double.init)
    let h = 1e-6
    var worst = 0.0
    for i in p.indices {
      var plus = p, minus = p
      plus[i] += h
      minus[i] -= h
      let numeric = (Self.referenceLoss(loss, net, plus, xd, y) - Self.referenceLoss(loss, net, minus, xd, y)) / (2 * h)
      worst = max(worst, abs(Double(g[i]) - numeric) / max(1, abs(numeric)))
      #expect(Self.close(Double(g[i]), numeric), "parameter \(i): analytic \(g[i]) vs numeric \(numeric)")
    }
    #expect(worst < 2e-4)
  }

  @Test func denseLayerBackwardMatchesFiniteDifferences() {
    // L = Σ G ⊙ (x·W + b) for a random G: dW = xᵀG, db = Σ_rows G, dx = G·Wᵀ.
    var rng = SplitMix64(seed: 3)
    let layer = DenseLayer(fanIn: 6, fanOut: 11, weightOffset: 0)  // 11 = one 8-wide tile + scalar tail
    let rows = 5
    let p = (0..<layer.parameterCount).map { _ in Float(rng.nextNormal()) }
    let x = (0..<(rows * 6)).map { _ in Float(rng.nextNormal()) }
    let G = (0..<(rows * 11)).map { _ in Float(rng.nextNormal()) }
    var grad = [Float](repeating: 0, count: p.count)
    var dx = [Float](repeating: 0, count: x.count)
    var t = [Float](repeating: 0, count: p.count)
    p.withUnsafeBufferPointer { pp in
      t.withUnsafeMutableBufferPointer { layer.transposeWeights(from: pp.baseAddress!, into: $0.baseAddress!) }
    }
    t.withUnsafeBufferPointer { t in
      layer.backward(rows: rows, x: x, dy: G, weightsTransposed: t.baseAddress!, gradient: &grad, dx: &dx)
    }
    func L(_ p: [Double], _ x: [Double]) -> Double {
      var s = 0.0
      for i in 0..<rows {
        for j in 0..<11 {
          var z = p[layer.biasOffset + j]
          for k in 0..<6 { z += x[i * 6 + k] * p[k * 11 + j] }
          s += Double(G[i * 11 + j]) * z
        }
      }
      return s
    }
    let pd = p.map(Double.init), xd = x.map(Double.init), h = 1e-6
    for i in pd.indices {
      var a = pd, b = pd
      a[i] += h
      b[i] -= h
      #expect(Self.close(Double(grad[i]), (L(a, xd) - L(b, xd)) / (2 * h)))
    }
    for i in xd.indices {
      var a = xd, b = xd
      a[i] += h
      b[i] -= h
      #expect(Self.close(Double(dx[i]), (L(pd, a) - L(pd, b)) / (2 * h)))
    }
  }

  @Test func reluBackwardMatchesFiniteDifferencesWithDropoutScale() {
    // a = relu(z)·scale (a kept unit under inverted dropout): ∂a/∂z = scale·1[z>0].
    let z: [Float] = [-1.5, -0.2, 0.3, 2.0, 0.7]
    var a = z
    ReLU.forward(&a, count: a.count)
    #expect(a == [0, 0, 0.3, 2.0, 0.7])
    let scale: Float = 2
    let kept = a.map { $0 * scale }
    var d: [Float] = [1, 1, 1, 1, 1]
    ReLU.backward(&d, output: kept, count: d.count, scale: scale)
    let h: Float = 1e-3
    for i in z.indices {
      let numeric = (max(z[i] + h, 0) - max(z[i] - h, 0)) * scale / (2 * h)
      #expect(abs(d[i] - numeric) < 1e-3)
    }
  }

  @Test func dropoutKeepsTheStatedShareAndRescales() {
    var a = [Float](repeating: 1, count: 40_000)
    var rng = SplitMix64(seed: 5)
    Dropout.forward(&a, count: a.count, keep: 0.75, using: &rng)
    let kept = a.filter { $0 != 0 }
    #expect(kept.allSatisfy { $0 == Float(1 / 0.75) })
    // Binomial(40000, 0.75): sd = 86.6 rows; allow 5 sd.
    #expect(abs(Double(kept.count) - 30_000) < 433)
  }
}
