import CLVMath
import Foundation

/// Runs work on the two fixed shards of a batch, in parallel when allowed.
///
/// Every batch is split into the same two halves whatever the thread count, and
/// their results are combined in shard order, so outputs are bit-identical with one
/// thread or two. With two threads, shard 1 runs on a ``ShardWorker`` that lives as
/// long as this object.
final class MLPShards {
  /// Number of shards a batch is split into.
  static let count = 2

  private let worker: ShardWorker?

  /// Shards for `threads` threads: a worker thread when `threads >= 2` and the
  /// machine has a second core (the worker spins while it waits, which would only
  /// steal time from the caller on one core). Results are the same either way.
  init(threads: Int) {
    worker = threads >= 2 && ProcessInfo.processInfo.activeProcessorCount >= 2 ? ShardWorker() : nil
  }

  deinit { worker?.shutdown() }

  /// Calls `body(0)` and `body(1)` (on two threads when there is a worker), each with
  /// subnormals flushed to zero (``FlushToZero``), and returns when both are done.
  func run(_ body: (Int) -> Void) {
    if let worker {
      FlushToZero.run { worker.run(body) }
    } else {
      for s in 0..<Self.count { FlushToZero.run { body(s) } }
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
  func forwardAll(
    network: MLPNetwork, parameters: UnsafePointer<Float>, x: UnsafePointer<Float>, rows: Int,
    workspaces: [MLPWorkspace],
    visit: (_ shard: Int, _ firstRow: Int, _ rowCount: Int, _ workspace: MLPWorkspace) -> Void
  ) {
    let inputs = network.layers[0].fanIn
    let chunk = workspaces[0].capacity
    run { s in
      let ws = workspaces[s]
      var unusedRNG = SplitMix64(seed: 0)
      var start = s * chunk
      while start < rows {
        let n = min(chunk, rows - start)
        ws.activations[0].update(from: x + start * inputs, count: n * inputs)
        network.forward(rows: n, parameters: parameters, workspace: ws, rng: &unusedRNG)
        visit(s, start, n, ws)
        start += Self.count * chunk
      }
    }
  }
}
