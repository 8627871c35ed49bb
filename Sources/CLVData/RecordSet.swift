/// The set of raw records seen so far, for exact-duplicate detection.
///
/// Stores only pointers into the input (which outlives the set during a load), so a
/// million records cost two small arrays rather than a copy of the file. Open
/// addressing with linear probing, kept below half full; equality is byte equality.
struct RecordSet {
  private var keys: [UnsafeBufferPointer<UInt8>]
  private var hashes: [UInt64]
  private var mask: Int
  private(set) var count = 0

  init(capacity: Int = 1 << 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    keys = Array(repeating: UnsafeBufferPointer<UInt8>(start: nil, count: 0), count: size)
    hashes = Array(repeating: 0, count: size)
    mask = size - 1
  }

  /// Adds `record` (bytes that stay alive as long as the set); true when it is new.
  @inline(__always)
  mutating func insert(_ record: UnsafeBufferPointer<UInt8>) -> Bool {
    // Slot empty ⇔ baseAddress == nil; an empty record never reaches here (blank lines
    // are skipped by the reader), but map it to a non-nil pointer anyway.
    let h = ByteHash.hash(record)
    var i = Int(truncatingIfNeeded: h) & mask
    while let _ = keys[i].baseAddress {
      if hashes[i] == h && ByteHash.equal(keys[i], record) { return false }
      i = (i + 1) & mask
    }
    guard record.baseAddress != nil else { return true }
    keys[i] = record
    hashes[i] = h
    count += 1
    if count * 2 > keys.count { grow() }
    return true
  }

  private mutating func grow() {
    let size = keys.count * 2
    var newKeys = Array(repeating: UnsafeBufferPointer<UInt8>(start: nil, count: 0), count: size)
    var newHashes = Array(repeating: UInt64(0), count: size)
    let newMask = size - 1
    for j in 0..<keys.count where keys[j].baseAddress != nil {
      var i = Int(truncatingIfNeeded: hashes[j]) & newMask
      while newKeys[i].baseAddress != nil { i = (i + 1) & newMask }
      newKeys[i] = keys[j]
      newHashes[i] = hashes[j]
    }
    keys = newKeys
    hashes = newHashes
    mask = newMask
  }
}
