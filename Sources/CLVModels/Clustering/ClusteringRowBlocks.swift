import CLVMath

/// Splits `rows` into fixed blocks and runs a body on each block on all cores.
///
/// Determinism: the block boundaries depend only on the row count (never on the number
/// of threads), each block writes only its own output slot, and callers reduce the
/// slots in block order. So sums come out bit-identical however the blocks are
/// scheduled.
struct ClusteringRowBlocks: Sendable {
  /// Rows per block: large enough to amortise scheduling, small enough to balance two
  /// or more cores on a million rows.
  static let defaultBlockSize = 8_192

  /// Total number of rows.
  let rows: Int
  /// Rows per block (the last block may be shorter).
  let blockSize: Int
  /// Whether `forEach` may run blocks concurrently (false when the caller already
  /// runs on every core, e.g. one K-Means restart per core). Never changes results.
  let parallel: Bool

  /// Creates the blocking of `rows` rows.
  init(rows: Int, blockSize: Int = ClusteringRowBlocks.defaultBlockSize, parallel: Bool = true) {
    precondition(rows >= 0 && blockSize > 0, "row blocks need rows ≥ 0 and a positive block size")
    self.rows = rows
    self.blockSize = blockSize
    self.parallel = parallel
  }

  /// Number of blocks (0 when there are no rows).
  var count: Int { (rows + blockSize - 1) / blockSize }

  /// Row range of block `b`.
  func range(_ b: Int) -> Range<Int> {
    (b * blockSize)..<min(rows, (b + 1) * blockSize)
  }

  /// Runs `body(b, rows)` for every block, concurrently when there is more than one.
  ///
  /// `body` must touch shared memory only in slots that belong to block `b`.
  func forEach(_ body: (Int, Range<Int>) -> Void) {
    let n = count
    if n <= 1 || !parallel {
      for b in 0..<n { body(b, range(b)) }
      return
    }
    WorkPool.shared.forEach(n) { b, _ in body(b, range(b)) }
  }

  /// Runs `body(i)` for i in 0..<n on all cores, each unit long (a whole restart: a
  /// ``WorkPool`` coarse loop).
  ///
  /// `body` must write only to slots that belong to its `i`.
  static func concurrentForEach(_ n: Int, _ body: (Int) -> Void) {
    WorkPool.shared.forEach(n, coarse: true) { i, _ in body(i) }
  }
}
