import CLVMath
import Foundation

/// The training loop behind ``TemporalConvRegressor/fit``: shuffle, mini-batches split
/// over two shards, one AdamW step per batch from both shards' gradients, validation,
/// early stopping.
struct TemporalConvTrainer {
  let settings: TemporalConvRegressor
  let sequences: [Float]
  let statics: [Float]
  let labels: [Double]
  let validationSequences: [Float]
  let validationStatics: [Float]
  let validationLabels: [Double]
  let staticCount: Int

  init(
    settings: TemporalConvRegressor, sequences: [Float], statics: Matrix, labels: [Double],
    validationSequences: [Float], validationStatics: Matrix, validationLabels: [Double]
  ) {
    self.settings = settings
    self.sequences = sequences
    // One dummy value when there are no static features, so the buffer has an address.
    self.statics = statics.columns == 0 ? [0] : statics.values.map { Float($0) }
    self.labels = labels
    self.validationSequences = validationSequences
    self.validationStatics = validationStatics.columns == 0 ? [0] : validationStatics.values.map { Float($0) }
    self.validationLabels = validationLabels
    staticCount = statics.columns
  }

  mutating func run(using rng: inout SplitMix64) -> TemporalConvModel {
    let c = settings
    var network = TemporalConvNetwork(
      weeks: c.weeks, channels: c.channels, kernel: c.kernel, stride: c.stride, filters: c.filters,
      statics: staticCount, hidden: c.hiddenLayers)
    network.initialiseHe(using: &rng)
    Self.initialiseOutputBias(&network, labels: labels)
    let n = network.parameters.count
    let rows = labels.count
    let grid = c.weeks * c.channels
    let half = (c.batchSize + 1) / 2
    let workspaces = (0..<MLPShards.count).map { _ in TemporalConvWorkspace(network: network, capacity: max(half, 256))
    }
    let shards = MLPShards(threads: c.threads)
    let adam = AdamOptimizer(parameterCount: n, learningRate: Float(c.learningRate), weightDecay: Float(c.weightDecay))
    let decayed = network.weightRanges
    let parameters = UnsafeMutablePointer<Float>.allocate(capacity: n)
    parameters.initialize(from: network.parameters, count: n)
    let transposed = UnsafeMutablePointer<Float>.allocate(capacity: n)
    transposed.initialize(repeating: 0, count: n)
    let gradients = (0..<MLPShards.count).map { _ in
      let g = UnsafeMutablePointer<Float>.allocate(capacity: n)
      g.initialize(repeating: 0, count: n)
      return g
    }
    let batchSequences = (0..<MLPShards.count).map { _ in UnsafeMutablePointer<Float>.allocate(capacity: half * grid) }
    let batchStatics = (0..<MLPShards.count).map { _ in
      UnsafeMutablePointer<Float>.allocate(capacity: max(1, half * staticCount))
    }
    let batchLabels = (0..<MLPShards.count).map { _ in UnsafeMutablePointer<Double>.allocate(capacity: half) }
    defer {
      parameters.deallocate()
      transposed.deallocate()
      for p in gradients + batchSequences + batchStatics { p.deallocate() }
      for p in batchLabels { p.deallocate() }
    }
    network.transposeWeights(parameters, into: transposed)
    var order = Array(0..<rows)
    var history = [EpochLoss]()
    var best = (loss: Double.infinity, epoch: 0, parameters: network.parameters)
    var converged = true
    var sinceBest = 0
    let shardLoss = UnsafeMutablePointer<Double>.allocate(capacity: MLPShards.count)
    shardLoss.initialize(repeating: 0, count: MLPShards.count)
    defer { shardLoss.deallocate() }
    for epoch in 1...c.maxEpochs {
      MLPTrainer.shuffle(&order, using: &rng)
      var trainingSum = 0.0
      var start = 0
      while start < rows {
        let batch = min(c.batchSize, rows - start)
        sequences.withUnsafeBufferPointer { seq in
          statics.withUnsafeBufferPointer { st in
            shards.run { s in
              let part = MLPShards.range(shard: s, rows: batch)
              for (k, i) in part.enumerated() {
                let row = order[start + i]
                (batchSequences[s] + k * grid).update(from: seq.baseAddress! + row * grid, count: grid)
                (batchStatics[s] + k * staticCount).update(
                  from: st.baseAddress! + row * staticCount, count: staticCount)
                batchLabels[s][k] = labels[row]
              }
              let ws = workspaces[s]
              network.forward(
                rows: part.count, sequences: batchSequences[s], statics: batchStatics[s], parameters: parameters,
                workspace: ws)
              let last = network.head.layers.count
              let l = MLPLoss.ziln.evaluate(
                rows: part.count, outputs: ws.head.activations[last], labels: batchLabels[s],
                gradientScale: 1 / Double(batch), dOutputs: ws.head.deltas[last])
              shardLoss[s] = l
              network.backward(rows: part.count, transposed: transposed, gradient: gradients[s], workspace: ws)
            }
          }
        }
        trainingSum += shardLoss[0] + shardLoss[1]
        adam.update(parameters, gradients: gradients[0], gradients[1], decayed: decayed)
        network.transposeWeights(parameters, into: transposed)
        start += batch
      }
      let training = trainingSum / Double(rows)
      let validation =
        validationLabels.isEmpty
        ? nil
        : Self.meanLoss(
          network: network, parameters: parameters, sequences: validationSequences, statics: validationStatics,
          labels: validationLabels, workspaces: workspaces, shards: shards)
      history.append(EpochLoss(epoch: epoch, training: training, validation: validation))
      let monitored = validation ?? training
      guard monitored.isFinite else {
        converged = false
        break
      }
      if monitored < best.loss {
        best = (monitored, epoch, Array(UnsafeBufferPointer(start: parameters, count: n)))
        sinceBest = 0
      } else {
        sinceBest += 1
        if sinceBest >= c.patience { break }
      }
    }
    if best.epoch == 0 { best.parameters = Array(UnsafeBufferPointer(start: parameters, count: n)) }
    network.parameters = best.parameters
    return TemporalConvModel(
      configuration: c, network: network, history: history, bestEpoch: best.epoch, converged: converged)
  }

  /// ZILN output biases from the labels (as ``MLPTargetScaling/initialiseOutputBias(of:labels:)``).
  static func initialiseOutputBias(_ network: inout TemporalConvNetwork, labels: [Double]) {
    var head = MLPNetwork(widths: network.head.widths)
    MLPTargetScaling(loss: .ziln, labels: labels).initialiseOutputBias(of: &head, labels: labels)
    let last = network.head.layers[network.head.layers.count - 1]
    for j in 0..<last.fanOut {
      network.parameters[network.headOffset + last.biasOffset + j] = head.parameters[last.biasOffset + j]
    }
  }

  /// Mean ZILN loss over rows, forward passes in chunks (chunk k to shard k mod 2).
  static func meanLoss(
    network: TemporalConvNetwork, parameters: UnsafePointer<Float>, sequences: [Float], statics: [Float],
    labels: [Double], workspaces: [TemporalConvWorkspace], shards: MLPShards
  ) -> Double {
    // Heap memory for the halves' sums, written by both threads (see TreeGrower.halfBest).
    let sums = UnsafeMutablePointer<Double>.allocate(capacity: MLPShards.count)
    sums.initialize(repeating: 0, count: MLPShards.count)
    defer { sums.deallocate() }
    let grid = network.weeks * network.channels
    let chunk = workspaces[0].capacity
    sequences.withUnsafeBufferPointer { seq in
      statics.withUnsafeBufferPointer { st in
        labels.withUnsafeBufferPointer { y in
          shards.run { s in
            var total = 0.0
            var first = s * chunk
            while first < labels.count {
              let count = min(chunk, labels.count - first)
              network.forward(
                rows: count, sequences: seq.baseAddress! + first * grid,
                statics: st.baseAddress! + first * network.statics,
                parameters: parameters, workspace: workspaces[s])
              total += MLPLoss.ziln.evaluate(
                rows: count, outputs: workspaces[s].head.activations[network.head.layers.count],
                labels: y.baseAddress! + first, gradientScale: 0, dOutputs: nil)
              first += MLPShards.count * chunk
            }
            sums[s] = total
          }
        }
      }
    }
    return (sums[0] + sums[1]) / Double(labels.count)
  }
}
