/// One shard thread's copy of everything training updates: the parameters, every
/// layer's `Wᵀ`, Adam's moments, and two gradient buffers used on alternate steps.
///
/// Both shard threads apply the same Adam step, from the same summed gradient, to
/// their own replica, so the copies stay bit-identical and a mini-batch needs one
/// meeting point instead of two (gradients ready; parameters updated). In step t a
/// thread first finishes step t − 1 — it reads both replicas' gradient buffers of
/// parity t − 1, written before the last meeting — and then writes its own buffer of
/// parity t, which the other thread last read before that same meeting. Duplicating
/// the update costs ~1% (a few thousand parameters against ~1.8 M multiply-adds per
/// half batch); a meeting costs a few microseconds and both threads' jitter.
final class MLPReplica {
  /// Number of parameters.
  let parameterCount: Int
  /// The parameters, laid out as in ``MLPNetwork/parameters``.
  let parameters: UnsafeMutablePointer<Float>
  /// Every layer's `Wᵀ` at its `W`'s offset (see ``DenseLayer/backward``).
  let transposed: UnsafeMutablePointer<Float>
  /// Adam's state for this copy.
  let adam: AdamOptimizer
  /// The weight ranges (AdamW decays weights, not biases), in increasing order.
  private let decayed: [Range<Int>]
  private let gradients: [UnsafeMutablePointer<Float>]

  /// A replica starting from `network`'s parameters.
  init(network: MLPNetwork, learningRate: Float, weightDecay: Float) {
    let n = network.parameters.count
    parameterCount = n
    parameters = .allocate(capacity: n)
    parameters.initialize(from: network.parameters, count: n)
    transposed = .allocate(capacity: n)
    transposed.initialize(repeating: 0, count: n)
    network.transposeWeights(parameters, into: transposed)
    adam = AdamOptimizer(parameterCount: n, learningRate: learningRate, weightDecay: weightDecay)
    decayed = network.layers.map(\.weightRange)
    gradients = (0..<2).map { _ in
      let g = UnsafeMutablePointer<Float>.allocate(capacity: n)
      g.initialize(repeating: 0, count: n)
      return g
    }
  }

  deinit {
    parameters.deallocate()
    transposed.deallocate()
    for g in gradients { g.deallocate() }
  }

  /// The gradient buffer of steps with parity `parity` (step number mod 2).
  func gradient(parity: Int) -> UnsafeMutablePointer<Float> { gradients[parity & 1] }

  /// One Adam step (AdamW on the weights, plain on the biases) with the gradient
  /// `g0 + g1`, then `Wᵀ` refreshed.
  func applyStep(network: MLPNetwork, gradients g0: UnsafePointer<Float>, _ g1: UnsafePointer<Float>) {
    adam.update(parameters, gradients: g0, g1, decayed: decayed)
    network.transposeWeights(parameters, into: transposed)
  }

  /// The current parameters as an array.
  var parameterArray: [Float] { Array(UnsafeBufferPointer(start: parameters, count: parameterCount)) }
}
