import CLVMath
import Dispatch

/// Runs work on the two fixed shards of a batch, in parallel when allowed.
///
/// Every batch is split into the same two halves whatever the thread count, and
/// their results are combined in shard order, so outputs are bit-identical with one
/// thread or two.
enum MLPShards {
  /// Number of shards a batch is split into.
  static let count = 2

  /// Calls `body(0)` and `body(1)`, on two threads if `threads >= 2`, each with
  /// subnormals flushed to zero (``FlushToZero``) whichever thread runs it.
  static func run(threads: Int, _ body: (Int) -> Void) {
    if threads >= 2 {
      // The shards touch disjoint buffers and `body` does not outlive this call, which
      // the compiler cannot see through `concurrentPerform`'s `@Sendable` signature.
      withoutActuallyEscaping(body) { body in
        let box = UncheckedSendableBox(body)
        DispatchQueue.concurrentPerform(iterations: count) { s in FlushToZero.run { box.value(s) } }
      }
    } else {
      for s in 0..<count { FlushToZero.run { body(s) } }
    }
  }

  /// Rows `[start, end)` of shard `s` in a batch of `rows` rows.
  static func range(shard s: Int, rows: Int) -> Range<Int> {
    let half = (rows + 1) / 2
    return s == 0 ? 0..<half : half..<rows
  }

  /// Forward passes (no dropout) over all `rows` rows of `x` (rows, inputs), in chunks
  /// of `workspaces[s].capacity` rows; chunk c goes to shard c mod 2. `visit(shard,
  /// firstRow, rowCount, workspace)` sees each chunk's outputs in
  /// `workspace.activations.last`, chunks of a shard in increasing order.
  static func forwardAll(
    network: MLPNetwork, parameters: UnsafePointer<Float>, x: UnsafePointer<Float>, rows: Int,
    workspaces: [MLPWorkspace], threads: Int,
    visit: (_ shard: Int, _ firstRow: Int, _ rowCount: Int, _ workspace: MLPWorkspace) -> Void
  ) {
    let inputs = network.layers[0].fanIn
    let chunk = workspaces[0].capacity
    run(threads: threads) { s in
      let ws = workspaces[s]
      var unusedRNG = SplitMix64(seed: 0)
      var start = s * chunk
      while start < rows {
        let n = min(chunk, rows - start)
        ws.activations[0].update(from: x + start * inputs, count: n * inputs)
        network.forward(rows: n, parameters: parameters, workspace: ws, rng: &unusedRNG)
        visit(s, start, n, ws)
        start += count * chunk
      }
    }
  }
}

/// Carries a non-`Sendable` value across `concurrentPerform` (see ``MLPShards/run(threads:_:)``).
private struct UncheckedSendableBox<T>: @unchecked Sendable {
  let value: T
  init(_ value: T) { self.value = value }
}
