import CLVMath
import Foundation

/// Runs work on the two fixed shards of a batch, in parallel when a helper is free.
///
/// Every batch is split into the same two halves whatever the thread count, and
/// their results are combined in shard order, so outputs are bit-identical with one
/// thread or two. The halves are units of a ``WorkPool`` loop: the caller claims one,
/// and the other too unless a free helper thread claimed it first, so a batch never
/// waits for a helper that is not running (another process holding a core, or the
/// helper busy training another model).
final class MLPShards {
  /// Number of shards a batch is split into.
  static let count = 2

  /// Threads a batch may use (1: always the caller alone).
  let threads: Int

  /// Shards for up to `threads` threads (results are the same for any value).
  init(threads: Int) {
    self.threads = max(1, min(threads, Self.count))
  }

  /// Calls `body(0)` and `body(1)` (possibly on two threads), each with subnormals
  /// flushed to zero (``FlushToZero``), and returns when both are done.
  func run(_ body: (Int) -> Void) {
    FlushToZero.run { WorkPool.shared.forEach(Self.count, maxThreads: threads) { s, _ in body(s) } }
  }

  /// Rows `[start, end)` of shard `s` in a batch of `rows` rows.
  static func range(shard s: Int, rows: Int) -> Range<Int> {
    let half = (rows + 1) / 2
    return s == 0 ? 0..<half : half..<rows
  }

  /// Forward passes (no dropout) over all `rows` rows of `x` (rows, inputs), in chunks
  /// of `workspaces[0].capacity` rows. `visit(chunk, firstRow, rowCount, workspace)`
  /// sees each chunk's outputs in `workspace.activations.last`; chunks run in any order
  /// and on any thread (a thread uses its own workspace; `workspaces` needs ``count``),
  /// so `visit` must write only what belongs to its chunk.
  func forwardAll(
    network: MLPNetwork, parameters: UnsafePointer<Float>, x: UnsafePointer<Float>, rows: Int,
    workspaces: [MLPWorkspace],
    visit: (_ chunk: Int, _ firstRow: Int, _ rowCount: Int, _ workspace: MLPWorkspace) -> Void
  ) {
    let inputs = network.layers[0].fanIn
    forwardAll(
      network: network, parameters: parameters, rows: rows, workspaces: workspaces,
      input: { range, out in out.update(from: x + range.lowerBound * inputs, count: range.count * inputs) },
      visit: visit)
  }

  /// ``forwardAll(network:parameters:x:rows:workspaces:visit:)`` with each chunk's input
  /// rows written by `input(rowRange, destination)` (called from any thread).
  func forwardAll(
    network: MLPNetwork, parameters: UnsafePointer<Float>, rows: Int, workspaces: [MLPWorkspace],
    input: (Range<Int>, UnsafeMutablePointer<Float>) -> Void,
    visit: (_ chunk: Int, _ firstRow: Int, _ rowCount: Int, _ workspace: MLPWorkspace) -> Void
  ) {
    let chunk = workspaces[0].capacity
    let chunks = Self.chunkCount(rows: rows, capacity: chunk)
    // Units of several chunks when there are very many (the pool's unit limit).
    let perUnit = (chunks + WorkPool.maximumUnits - 1) / WorkPool.maximumUnits
    let units = (chunks + perUnit - 1) / max(perUnit, 1)
    FlushToZero.run {
      WorkPool.shared.forEach(units, maxThreads: min(threads, workspaces.count)) { unit, participant in
        let ws = workspaces[participant]
        var unusedRNG = SplitMix64(seed: 0)
        for c in (unit * perUnit)..<min(chunks, (unit + 1) * perUnit) {
          let start = c * chunk
          let n = min(chunk, rows - start)
          input(start..<(start + n), ws.activations[0])
          network.forward(rows: n, parameters: parameters, workspace: ws, rng: &unusedRNG)
          visit(c, start, n, ws)
        }
      }
    }
  }

  /// Number of chunks of `capacity` rows that cover `rows` rows.
  static func chunkCount(rows: Int, capacity: Int) -> Int { (rows + capacity - 1) / capacity }
}
