/// The set of raw records seen so far, for exact-duplicate detection.
///
/// Stores only pointers into the input (which outlives the set during a load), so a
/// million records cost a few small arrays rather than a copy of the file. Open
/// addressing with linear probing over one `UInt64` per slot — a 32-bit hash tag and
/// the record's index — so a lookup touches one cache line; bytes are compared only
/// when the tag matches (true duplicates, or one in 4 billion otherwise).
struct RecordSet {
  /// 0 = empty; else `tag << 32 | (index + 1)`.
  private var slots: [UInt64]
  private var records: [UnsafeBufferPointer<UInt8>] = []
  private var mask: Int

  init(capacity: Int = 1 << 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: 0, count: size)
    mask = size - 1
    records.reserveCapacity(capacity)
  }

  /// Number of distinct records.
  var count: Int { records.count }

  /// Adds `record` (bytes that stay alive as long as the set); true when it is new.
  @inline(__always)
  mutating func insert(_ record: UnsafeBufferPointer<UInt8>) -> Bool {
    let h = ByteHash.hash(record)
    let tag = h >> 32
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[i]
      if s == 0 { break }
      if s >> 32 == tag && ByteHash.equal(records[Int(s & 0xFFFF_FFFF) - 1], record) { return false }
      i = (i + 1) & mask
    }
    records.append(record)
    slots[i] = tag << 32 | UInt64(records.count)
    if records.count * 2 > slots.count { grow() }
    return true
  }

  private mutating func grow() {
    let size = slots.count * 2
    var newSlots = Array(repeating: UInt64(0), count: size)
    let newMask = size - 1
    for s in slots where s != 0 {
      // The low hash bits are gone; rehash the record to find its new home.
      let h = ByteHash.hash(records[Int(s & 0xFFFF_FFFF) - 1])
      var i = Int(truncatingIfNeeded: h) & newMask
      while newSlots[i] != 0 { i = (i + 1) & newMask }
      newSlots[i] = s
    }
    slots = newSlots
    mask = newMask
  }
}
