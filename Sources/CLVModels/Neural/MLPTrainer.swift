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

  init(configuration: MLPRegressor, x: FloatMatrix, y: [Double], validationX: FloatMatrix, validationY: [Double]) {
    self.configuration = configuration
    let scaling = MLPTargetScaling(loss: configuration.loss, labels: y)
    self.scaling = scaling
    inputs = x.columns
    self.x = x.values
    self.y = y.map { scaling.scaled($0) }
    self.validationX = validationX.values
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

    let capacity = (c.batchSize + 1) / 2
    let workspaces = (0..<MLPShards.count).map { _ in
      MLPWorkspace(widths: network.widths, capacity: capacity, parameterCount: 0)
    }
    let replicas = (0..<MLPShards.count).map { _ in
      MLPReplica(network: network, learningRate: Float(c.learningRate), weightDecay: Float(c.weightDecay))
    }
    let shards = MLPShards(threads: c.threads)
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
    // Step t's Adam update of replica s, from both replicas' gradients of parity t.
    let finishStep = { (s: Int, t: Int) in
      replicas[s].applyStep(
        network: network, gradients: replicas[0].gradient(parity: t), replicas[1].gradient(parity: t))
    }

    // The training rows in this epoch's order, copied once per epoch (both threads,
    // half each) so every mini-batch is a contiguous block read in place: gathering
    // random rows of a matrix larger than L2 per batch cost ~10% of the time.
    let shuffledX = UnsafeMutablePointer<Float>.allocate(capacity: max(1, rows * inputs))
    let shuffledY = UnsafeMutablePointer<Double>.allocate(capacity: max(1, rows))
    defer { shuffledX.deallocate(); shuffledY.deallocate() }

    var step = 0  // mini-batches whose gradient has been computed
    for epoch in 1...c.maxEpochs {
      Self.shuffle(&order, using: &rng)
      order.withUnsafeBufferPointer { order in
        x.withUnsafeBufferPointer { x in
          y.withUnsafeBufferPointer { y in
            shards.run { s in
              for i in MLPShards.range(shard: s, rows: rows) {
                let row = order[i]
                copyRow(from: x.baseAddress! + row * inputs, to: shuffledX + i * inputs, count: inputs)
                shuffledY[i] = y[row]
              }
            }
          }
        }
      }
      var trainingSum = 0.0
      var start = 0
      while start < rows {
        let batch = min(c.batchSize, rows - start)
        let seeds = (rng.next(), rng.next())  // dropout streams of the two shards
        let pending = start > 0  // the previous batch's update, not yet applied
        shards.run { s in
          if pending { finishStep(s, step - 1) }
          let ws = workspaces[s]
          let replica = replicas[s]
          let part = MLPShards.range(shard: s, rows: batch)
          // The shard's rows: input (part, inputs) and labels (part), in place.
          let input = UnsafePointer(shuffledX + (start + part.lowerBound) * inputs)
          let labels = UnsafePointer(shuffledY + start + part.lowerBound)
          let gradient = replica.gradient(parity: step)
          var shardRNG = SplitMix64(seed: s == 0 ? seeds.0 : seeds.1)
          network.forward(
            rows: part.count, parameters: replica.parameters, workspace: ws, input: input, dropoutKeep: keep,
            rng: &shardRNG)
          shardLoss[s] = c.loss.evaluate(
            rows: part.count, outputs: ws.activations[network.layers.count], labels: labels,
            gradientScale: 1 / Double(batch), dOutputs: ws.deltas[network.layers.count])
          network.backward(
            rows: part.count, weightsTransposed: replica.transposed, workspace: ws, input: input,
            gradient: gradient, accumulate: false, dropoutKeep: keep)
        }
        trainingSum += shardLoss[0] + shardLoss[1]
        step += 1
        start += batch
      }
      // The epoch's last update, so both replicas hold the epoch's final parameters.
      if rows > 0 { shards.run { s in finishStep(s, step - 1) } }
      let params = replicas[0].parameters

      let training = trainingSum / Double(rows) * lossScale
      let validation =
        validationY.isEmpty
        ? nil : meanLoss(network: network, parameters: params, workspaces: workspaces, shards: shards) * lossScale
      history.append(EpochLoss(epoch: epoch, training: training, validation: validation))
      let monitored = validation ?? training
      guard monitored.isFinite else {
        converged = false
        break
      }
      if monitored < best.loss - configuration.minImprovement {
        best = (monitored, epoch, replicas[0].parameterArray)
        sinceBest = 0
      } else {
        sinceBest += 1
        if sinceBest >= c.patience { break }
      }
    }
    if best.epoch == 0 { best.parameters = replicas[0].parameterArray }
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
      d.storeBytes(
        of: s.loadUnaligned(fromByteOffset: 4 * j, as: SIMD8<Float>.self), toByteOffset: 4 * j, as: SIMD8<Float>.self)
      j += 8
    }
    while j < count {
      dst[j] = src[j]
      j += 1
    }
  }

  /// Mean loss (scaled units) over the validation rows, without dropout. The chunks'
  /// losses are added as two running sums (even chunks, odd chunks), each in chunk order,
  /// and the two sums then added: the same bits whichever thread computed which chunk.
  private func meanLoss(
    network: MLPNetwork, parameters: UnsafePointer<Float>, workspaces: [MLPWorkspace], shards: MLPShards
  ) -> Double {
    let loss = configuration.loss
    let chunks = MLPShards.chunkCount(rows: validationY.count, capacity: workspaces[0].capacity)
    var partial = [Double](repeating: 0, count: chunks)
    partial.withUnsafeMutableBufferPointer { partial in
      validationX.withUnsafeBufferPointer { vx in
        validationY.withUnsafeBufferPointer { vy in
          shards.forwardAll(
            network: network, parameters: parameters, x: vx.baseAddress!, rows: vy.count, workspaces: workspaces
          ) { c, first, count, ws in
            partial[c] = loss.evaluate(
              rows: count, outputs: ws.activations[network.layers.count], labels: vy.baseAddress! + first,
              gradientScale: 0, dOutputs: nil)
          }
        }
      }
    }
    var sums = [0.0, 0.0]
    for (c, value) in partial.enumerated() { sums[c % 2] += value }
    return (sums[0] + sums[1]) / Double(validationY.count)
  }
}
