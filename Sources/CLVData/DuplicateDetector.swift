/// Finds exact duplicate records after a pass, by sorting instead of hashing into a
/// table: for a million rows a hash set costs one cache miss per row, while a radix
/// sort of (hash tag, row) keys streams through memory.
///
/// Method: key = 32-bit hash tag << 32 | row. A stable LSD radix sort on the tag
/// (four 8-bit passes) groups equal tags with rows in ascending order; within each
/// group, a row is a duplicate when its bytes equal an earlier row's. Exact: tags
/// only group candidates, bytes decide. Cost O(n) plus byte comparisons for groups.
struct DuplicateDetector {
  private var keys: [UInt64] = []
  private var records: [UnsafeBufferPointer<UInt8>] = []

  init(capacity: Int) {
    keys.reserveCapacity(capacity)
    records.reserveCapacity(capacity)
  }

  /// Number of records added.
  var count: Int { records.count }

  /// Adds the next record (bytes that stay alive until ``duplicateFlags()``).
  @inline(__always)
  mutating func add(_ record: UnsafeBufferPointer<UInt8>) {
    let tag = ByteHash.hash(record) >> 32
    keys.append(tag << 32 | UInt64(records.count))
    records.append(record)
  }

  /// Adds the records of `later` after this one's, in their order.
  mutating func append(_ later: DuplicateDetector) {
    let shift = UInt64(records.count)
    keys.reserveCapacity(keys.count + later.keys.count)
    for k in later.keys { keys.append(k + shift) }
    records += later.records
  }

  /// Per added record (in order): true when an earlier record has the same bytes.
  func duplicateFlags() -> [Bool] {
    precondition(records.count < Int(UInt32.max), "DuplicateDetector handles < 2^32 rows")
    var flags = [Bool](repeating: false, count: records.count)
    let sorted = DuplicateDetector.radixSortedByTag(keys)
    var start = 0
    while start < sorted.count {
      var end = start + 1
      let tag = sorted[start] >> 32
      while end < sorted.count, sorted[end] >> 32 == tag { end += 1 }
      if end - start > 1 {
        for j in (start + 1)..<end {
          let row = Int(sorted[j] & 0xFFFF_FFFF)
          for i in start..<j {
            let earlier = Int(sorted[i] & 0xFFFF_FFFF)
            if !flags[earlier], ByteHash.equal(records[earlier], records[row]) {
              flags[row] = true
              break
            }
          }
        }
      }
      start = end
    }
    return flags
  }

  /// Stable LSD radix sort of `keys` by their upper 32 bits (four 8-bit digits).
  static func radixSortedByTag(_ keys: [UInt64]) -> [UInt64] {
    var a = keys
    var b = [UInt64](repeating: 0, count: keys.count)
    a.withUnsafeMutableBufferPointer { pa in
      b.withUnsafeMutableBufferPointer { pb in
        var src = pa
        var dst = pb
        for pass in 0..<4 {
          let shift = UInt64(32 + 8 * pass)
          var counts = [Int](repeating: 0, count: 257)
          for k in src { counts[Int((k >> shift) & 0xFF) + 1] += 1 }
          for d in 0..<256 { counts[d + 1] += counts[d] }
          for k in src {
            let d = Int((k >> shift) & 0xFF)
            dst[counts[d]] = k
            counts[d] += 1
          }
          swap(&src, &dst)
        }
        // Four passes: the result is back in `a`'s storage.
      }
    }
    return a
  }
}
