/// Maps byte strings to dense ids 0, 1, 2, … in first-appearance order, without
/// building a `String` for ids already seen.
///
/// Open addressing with linear probing over a power-of-two table kept below half full.
/// Each 32-byte slot holds a hash tag, the key's length, its id and — for keys of up to
/// 24 bytes, i.e. nearly all customer ids — the key bytes themselves, so a lookup costs
/// one cache line instead of chasing pointers (this table is the ingest's hottest
/// random access: one lookup per row). Longer keys are compared against an arena. The
/// slots live in a ``ZeroedTable`` (huge pages for a large table: no TLB miss per probe),
/// copied on write when a copy of the interner shares it.
struct ByteInterner {
  /// One table entry; `meta == 0` means empty.
  private struct Slot: BitwiseCopyable {
    /// tag (24 bits) << 40 | length (8 bits, 255 = long) << 32 | (id + 1).
    var meta: UInt64 = 0
    var k0: UInt64 = 0
    var k1: UInt64 = 0
    var k2: UInt64 = 0
  }

  /// Distinct keys in first-appearance order.
  private(set) var strings: [String] = []
  private var arena: [UInt8] = []
  /// Key k is `arena[offsets[k] ..< offsets[k + 1]]`.
  private var offsets: [Int] = [0]
  private var slots: ZeroedTable<Slot>
  private var hashes: [UInt64] = []
  private var mask: Int

  init(capacity: Int = 1024) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = ZeroedTable(count: size)
    mask = size - 1
  }

  /// Number of distinct keys.
  var count: Int { offsets.count - 1 }

  /// The key's first 24 bytes as three zero-padded little-endian words.
  @inline(__always)
  private static func words(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64) {
    var w: (UInt64, UInt64, UInt64) = (0, 0, 0)
    let n = min(key.count, 24)
    if n > 0, let base = key.baseAddress {
      withUnsafeMutableBytes(of: &w) { $0.baseAddress?.copyMemory(from: base, byteCount: n) }
    }
    return w
  }

  /// Sum of prefetched slot words; kept so the optimiser cannot drop ``touch(hash:)``.
  private(set) var touched: UInt64 = 0

  /// Loads the slot where a key with hash `h` would start probing, without using it.
  /// Called for a batch of keys before interning them, so the batch's cache misses are
  /// in flight together instead of one after another (memory-level parallelism).
  @inline(__always)
  mutating func touch(hash h: UInt64) {
    touched &+= slots.base[Int(truncatingIfNeeded: h) & mask].meta
  }

  /// The id of `key`, adding it if new; `isNew` tells which.
  @inline(__always)
  mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
    intern(key, hash: ByteHash.hash(key))
  }

  /// ``intern(_:)`` with the key's ``ByteHash`` already computed.
  @inline(__always)
  mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64) -> (id: Int32, isNew: Bool) {
    intern(key, hash: h, spelling: nil)
  }

  /// ``intern(_:hash:)``; a new key's string is `spelling` when given (the key's text,
  /// already made), else decoded from the key.
  @inline(__always)
  private mutating func intern(_ key: UnsafeBufferPointer<UInt8>, hash h: UInt64, spelling: String?) -> (
    id: Int32, isNew: Bool
  ) {
    let length = UInt64(min(key.count, 255))
    let probe = (h >> 40) << 40 | length << 32  // meta without the id
    let (w0, w1, w2) = ByteInterner.words(key)
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots.base[i]
      if s.meta == 0 { break }
      if s.meta & ~0xFFFF_FFFF == probe, s.k0 == w0, s.k1 == w1, s.k2 == w2 {
        let id = Int(s.meta & 0xFFFF_FFFF) - 1
        if key.count <= 24 || equalsKey(id, key) { return (Int32(id), false) }
      }
      i = (i + 1) & mask
    }
    let id = count
    if !isKnownUniquelyReferenced(&slots) { slots = slots.copy() }
    slots.base[i] = Slot(meta: probe | UInt64(id + 1), k0: w0, k1: w1, k2: w2)
    hashes.append(h)
    if key.count > 24 { arena.append(contentsOf: key) }
    offsets.append(arena.count)
    strings.append(spelling ?? String(decoding: key, as: UTF8.self))
    if count * 2 > slots.count { grow() }
    return (Int32(id), true)
  }

  /// Adds the keys of `later` — an interner of the ids that came after this one's — in
  /// their order, and returns, per id of `later`, its id here: keys already here keep
  /// theirs, the others get the next ids in `later`'s order. So ids stay in first-appearance
  /// order over both, exactly as if one interner had seen every key (each key is looked up
  /// once, with its stored hash; a batch's slots are touched first, as in ``InternBatch``).
  mutating func absorb(_ later: ByteInterner) -> [Int32] {
    var map = [Int32]()
    map.reserveCapacity(later.count)
    var start = 0
    while start < later.count {
      let end = min(later.count, start + InternBatch.size)
      for k in start..<end { touch(hash: later.hashes[k]) }
      for k in start..<end {
        let lo = later.offsets[k]
        let hi = later.offsets[k + 1]
        let id: Int32
        if hi > lo {
          // A long key: its bytes are in the arena.
          id = later.arena.withUnsafeBufferPointer { a in
            intern(UnsafeBufferPointer(rebasing: a[lo..<hi]), hash: later.hashes[k], spelling: later.strings[k]).id
          }
        } else {
          var s = later.strings[k]
          id = s.withUTF8 { intern($0, hash: later.hashes[k], spelling: later.strings[k]).id }
        }
        map.append(id)
      }
      start = end
    }
    return map
  }

  /// Compares a long key (> 24 bytes) with the arena copy of key `k`.
  private func equalsKey(_ k: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    let lo = offsets[k]
    let hi = offsets[k + 1]
    guard hi - lo == key.count else { return false }
    return arena.withUnsafeBufferPointer { a in
      ByteHash.equal(UnsafeBufferPointer(rebasing: a[lo..<hi]), key)
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    let newSlots = ZeroedTable<Slot>(count: size)
    let newMask = size - 1
    for k in 0..<slots.count where slots.base[k].meta != 0 {
      let s = slots.base[k]
      let id = Int(s.meta & 0xFFFF_FFFF) - 1
      var i = Int(truncatingIfNeeded: hashes[id]) & newMask
      while newSlots.base[i].meta != 0 { i = (i + 1) & newMask }
      newSlots.base[i] = s
    }
    slots = newSlots
    mask = newMask
  }

}
