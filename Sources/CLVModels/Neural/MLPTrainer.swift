import CLVMath
import Foundation

/// The training loop behind ``MLPRegressor/fit(x:y:validationX:validationY:using:)``:
/// shuffle, mini-batches split over two shards, Adam, validation, early stopping.
struct MLPTrainer {
  let configuration: MLPRegressor
  let scaling: MLPTargetScaling
  /// Training rows as Float: (rows, inputs), and labels (scaled for MSE).
  let x: [Float]
  let y: [Double]
  let validationX: [Float]
  let validationY: [Double]
  let inputs: Int

  init(configuration: MLPRegressor, x: Matrix, y: [Double], validationX: Matrix, validationY: [Double]) {
    self.configuration = configuration
    let scaling = MLPTargetScaling(loss: configuration.loss, labels: y)
    self.scaling = scaling
    inputs = x.columns
    self.x = x.values.map { Float($0) }
    self.y = y.map { scaling.scaled($0) }
    self.validationX = validationX.values.map { Float($0) }
    self.validationY = validationY.map { scaling.scaled($0) }
  }

  mutating func run(using generator: inout some RandomNumberGenerator) -> MLPModel {
    // One draw from the caller's generator seeds a concrete SplitMix64 for everything
    // else: the generic generator would cost a witness call per draw in this loop.
    var rng = SplitMix64(seed: generator.next())
    let c = configuration
    var network = MLPNetwork(widths: [inputs] + c.hiddenLayers + [c.loss.outputCount])
    network.initialiseHe(using: &rng)
    scaling.initialiseOutputBias(of: &network, labels: y)

    let n = network.parameters.count
    let params = UnsafeMutablePointer<Float>.allocate(capacity: n)
    let transposed = UnsafeMutablePointer<Float>.allocate(capacity: n)
    defer { params.deallocate(); transposed.deallocate() }
    params.initialize(from: network.parameters, count: n)
    transposed.initialize(repeating: 0, count: n)
    network.transposeWeights(params, into: transposed)

    let capacity = (c.batchSize + 1) / 2
    let workspaces = (0..<MLPShards.count).map { _ in
      MLPWorkspace(widths: network.widths, capacity: capacity, parameterCount: n)
    }
    var adam = AdamOptimizer(
      parameterCount: n, learningRate: Float(c.learningRate), weightDecay: Float(c.weightDecay))
    let decayed = network.layers.map(\.weightRange)
    let keep = Float(1 - c.dropout)
    let rows = y.count
    var order = Array(0..<rows)
    var history: [EpochLoss] = []
    var best = (loss: Double.infinity, epoch: 0, parameters: network.parameters)
    var converged = true
    var sinceBest = 0
    let lossScale = scaling.lossScale
    let shardLoss = UnsafeMutablePointer<Double>.allocate(capacity: MLPShards.count)
    shardLoss.initialize(repeating: 0, count: MLPShards.count)
    defer { shardLoss.deallocate() }

    for epoch in 1...c.maxEpochs {
      Self.shuffle(&order, using: &rng)
      var trainingSum = 0.0
      var start = 0
      while start < rows {
        let batch = min(c.batchSize, rows - start)
        let seeds = (rng.next(), rng.next())  // dropout streams of the two shards
        order.withUnsafeBufferPointer { order in
          x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
              MLPShards.run(threads: c.threads) { s in
                let ws = workspaces[s]
                let part = MLPShards.range(shard: s, rows: batch)
                // Gather the shard's rows: input (part, inputs), labels (part).
                for (r, i) in part.enumerated() {
                  let row = order[start + i]
                  copyRow(from: x.baseAddress! + row * inputs, to: ws.activations[0] + r * inputs, count: inputs)
                  ws.labels[r] = y[row]
                }
                ws.gradient.update(repeating: 0, count: n)
                var shardRNG = SplitMix64(seed: s == 0 ? seeds.0 : seeds.1)
                network.forward(rows: part.count, parameters: params, workspace: ws, dropoutKeep: keep, rng: &shardRNG)
                shardLoss[s] = c.loss.evaluate(
                  rows: part.count, outputs: ws.activations[network.layers.count], labels: ws.labels,
                  gradientScale: 1 / Double(batch), dOutputs: ws.deltas[network.layers.count])
                network.backward(rows: part.count, weightsTransposed: transposed, workspace: ws, dropoutKeep: keep)
              }
            }
          }
        }
        // One Adam step on the shard gradients summed in a fixed order (g0 + g1).
        adam.update(params, gradients: workspaces[0].gradient, workspaces[1].gradient, decayed: decayed)
        network.transposeWeights(params, into: transposed)
        trainingSum += shardLoss[0] + shardLoss[1]
        start += batch
      }

      let training = trainingSum / Double(rows) * lossScale
      let validation = validationY.isEmpty
        ? nil : meanLoss(network: network, parameters: params, workspaces: workspaces) * lossScale
      history.append(EpochLoss(epoch: epoch, training: training, validation: validation))
      let monitored = validation ?? training
      guard monitored.isFinite else {
        converged = false
        break
      }
      if monitored < best.loss - configuration.minImprovement {
        best = (monitored, epoch, Array(UnsafeBufferPointer(start: params, count: n)))
        sinceBest = 0
      } else {
        sinceBest += 1
        if sinceBest >= c.patience { break }
      }
    }
    if best.epoch == 0 { best.parameters = Array(UnsafeBufferPointer(start: params, count: n)) }
    network.parameters = best.parameters
    return MLPModel(
      configuration: c, network: network, scaling: scaling, history: history,
      bestEpoch: best.epoch, converged: converged)
  }

  /// Fisher–Yates with the same draws as `seededShuffle(using:)` (j = next() mod (i+1)),
  /// non-generic so it compiles to a tight loop.
  static func shuffle(_ order: inout [Int], using rng: inout SplitMix64) {
    order.withUnsafeMutableBufferPointer { o in
      var i = o.count - 1
      while i > 0 {
        let j = Int(rng.next() % UInt64(i + 1))
        o.swapAt(i, j)
        i -= 1
      }
    }
  }

  /// Copies one input row 8 floats at a time (a `memcpy` call per short row costs
  /// more than the copy).
  @inline(__always)
  private func copyRow(from src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>, count: Int) {
    var j = 0
    let (s, d) = (UnsafeRawPointer(src), UnsafeMutableRawPointer(dst))
    while j + 8 <= count {
      d.storeBytes(of: s.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self), toByteOffset: 4 * j, as: SIMD8<Float>.self)
      j += 8
    }
    while j < count {
      dst[j] = src[j]
      j += 1
    }
  }

  /// Mean loss (scaled units) over the validation rows, without dropout.
  private func meanLoss(network: MLPNetwork, parameters: UnsafePointer<Float>, workspaces: [MLPWorkspace]) -> Double {
    var sums = [0.0, 0.0]
    let loss = configuration.loss
    sums.withUnsafeMutableBufferPointer { sums in
      validationX.withUnsafeBufferPointer { vx in
        validationY.withUnsafeBufferPointer { vy in
          MLPShards.forwardAll(
            network: network, parameters: parameters, x: vx.baseAddress!, rows: vy.count,
            workspaces: workspaces, threads: configuration.threads
          ) { s, first, count, ws in
            sums[s] += loss.evaluate(
              rows: count, outputs: ws.activations[network.layers.count], labels: vy.baseAddress! + first,
              gradientScale: 0, dOutputs: nil)
          }
        }
      }
    }
    return (sums[0] + sums[1]) / Double(validationY.count)
  }
}
