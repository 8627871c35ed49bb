import CLVMath

/// Sums per-pattern likelihood terms over fixed-size chunks, optionally on all cores
/// (the chunks are units of a ``WorkPool`` loop).
///
/// The patterns are cut into chunks of `chunkSize` whatever the thread count; each chunk
/// fills its own accumulators, and the chunks are added in index order. So the result is
/// bit-identical whether the chunks ran on one thread or several (deterministic
/// reduction order), and only the wall time changes.
enum BTYDChunkedSum {
  /// Patterns per chunk: large enough to amortise dispatch, small enough to balance 2 cores.
  static let chunkSize = 8192
  /// Below this many patterns the work runs on the calling thread (dispatch costs more).
  static let parallelThreshold = 32_768

  /// Runs `body(range, accumulators)` for every chunk and returns the `width` sums.
  /// `body` must only add into its `width` accumulators (they start at zero).
  static func sum(
    count: Int, width: Int, parallel: Bool,
    _ body: (Range<Int>, UnsafeMutablePointer<Double>) -> Void
  ) -> [Double] {
    let chunks = (count + chunkSize - 1) / chunkSize
    var partial = [Double](repeating: 0, count: max(chunks, 1) * width)
    partial.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else { return }
      withoutActuallyEscaping(body) { body in
        // Each chunk writes only its own `width` accumulators, and `body` only reads
        // shared data, so handing both to other threads is race-free.
        let shared = BTYDSendableBox(value: (body, base))
        let run = { @Sendable (chunk: Int) in
          let (body, base) = shared.value
          let range = (chunk * chunkSize)..<min(count, (chunk + 1) * chunkSize)
          body(range, base + chunk * width)
        }
        if parallel && count >= parallelThreshold {
          WorkPool.shared.forEach(chunks) { chunk, _ in run(chunk) }
        } else {
          for chunk in 0..<chunks { run(chunk) }
        }
      }
    }
    var total = [Double](repeating: 0, count: width)
    for chunk in 0..<chunks {
      for j in 0..<width { total[j] += partial[chunk * width + j] }
    }
    return total
  }
}

/// Carries a value the compiler cannot prove thread-safe across a concurrency boundary;
/// used only where the caller guarantees disjoint writes (see ``BTYDChunkedSum``).
struct BTYDSendableBox<Value>: @unchecked Sendable {
  let value: Value
}
