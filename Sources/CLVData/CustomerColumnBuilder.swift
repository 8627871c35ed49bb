/// Builds the per-row customer column of a table: interns each kept row's id (views into
/// the input bytes) to a dense index in first-appearance order.
///
/// Ids wait in a small batch so their hash-table lookups overlap (see
/// ``ByteInterner/touch(hash:)``); the column is appended at each flush, in row order.
/// An id that does not point into the input (it had `""` escapes and lives in the
/// reader's scratch buffer) is interned at once, after the batch before it.
struct CustomerColumnBuilder {
  private(set) var ids: ByteInterner
  private(set) var customer: [Int32] = []
  private var batch: InternBatch

  /// A builder for about `estimatedRows` rows of the file `bytes`.
  init(fileBytes: UnsafeBufferPointer<UInt8>, estimatedRows: Int, rowsPerCustomer: Int) {
    ids = ByteInterner(capacity: max(1024, estimatedRows / rowsPerCustomer))
    customer.reserveCapacity(estimatedRows)
    batch = InternBatch(fileBytes: fileBytes)
  }

  /// Appends the next row's id.
  @inline(__always)
  mutating func append(_ id: UnsafeBufferPointer<UInt8>) {
    if !batch.add(id) {
      batch.flush(into: &customer, using: &ids)
      customer.append(ids.intern(id).id)
    }
    if batch.isFull { batch.flush(into: &customer, using: &ids) }
  }

  /// Flushes the batch; returns the distinct ids and the per-row indices.
  mutating func finish() -> (ids: [String], customer: [Int32]) {
    batch.flush(into: &customer, using: &ids)
    return (ids.strings, customer)
  }
}

extension Array {
  /// Removes the elements whose flag is true, keeping order (`flags.count == count`).
  mutating func removeFlagged(_ flags: [Bool]) {
    precondition(flags.count == count, "one flag per element")
    var w = 0
    for r in 0..<flags.count where !flags[r] {
      self[w] = self[r]
      w += 1
    }
    removeLast(count - w)
  }
}
