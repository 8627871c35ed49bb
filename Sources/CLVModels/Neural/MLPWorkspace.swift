/// Scratch buffers for forward and backward passes over up to `capacity` rows: one
/// per shard of a batch, reused for every batch so training allocates nothing per step.
final class MLPWorkspace {
  /// Maximum rows per pass.
  let capacity: Int
  /// `activations[l]`: (capacity, widths[l]); `[0]` is the input, the last the output.
  let activations: [UnsafeMutablePointer<Float>]
  /// `deltas[l] = ∂L/∂activations[l]`, same shapes (`[0]` unused).
  let deltas: [UnsafeMutablePointer<Float>]
  /// `∂L/∂θ` accumulated over the pass: (parameterCount).
  let gradient: UnsafeMutablePointer<Float>
  /// Number of parameters.
  let parameterCount: Int

  init(widths: [Int], capacity: Int, parameterCount: Int) {
    self.capacity = capacity
    self.parameterCount = parameterCount
    activations = widths.map { w in
      let p = UnsafeMutablePointer<Float>.allocate(capacity: max(1, capacity * w))
      p.initialize(repeating: 0, count: max(1, capacity * w))
      return p
    }
    deltas = widths.map { w in
      let p = UnsafeMutablePointer<Float>.allocate(capacity: max(1, capacity * w))
      p.initialize(repeating: 0, count: max(1, capacity * w))
      return p
    }
    gradient = .allocate(capacity: max(1, parameterCount))
    gradient.initialize(repeating: 0, count: max(1, parameterCount))
  }

  deinit {
    for p in activations { p.deallocate() }
    for p in deltas { p.deallocate() }
    gradient.deallocate()
  }
}
