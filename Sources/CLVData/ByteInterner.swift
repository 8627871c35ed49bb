/// Maps byte strings to dense ids 0, 1, 2, … in first-appearance order, without
/// building a `String` for ids already seen.
///
/// Open addressing with linear probing over a power-of-two table kept below half full;
/// the bytes of every distinct key live in one arena. Used for customer ids (hundreds
/// of thousands of distinct keys per million rows) and small vocabularies (event types).
/// Also serves as an exact set of records (``insert(_:)`` reports whether a key is new).
struct ByteInterner {
  /// Distinct keys in first-appearance order.
  private(set) var strings: [String] = []
  private var arena: [UInt8] = []
  private var offsets: [Int] = [0]  // key k is arena[offsets[k]..<offsets[k+1]]
  private var slots: [Int32]  // -1 empty, else key id
  private var slotHashes: [UInt64]
  private var mask: Int
  /// Whether to keep `strings` (off for duplicate detection, which only needs yes/no).
  private let keepStrings: Bool

  init(capacity: Int = 1024, keepStrings: Bool = true) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = Array(repeating: -1, count: size)
    slotHashes = Array(repeating: 0, count: size)
    mask = size - 1
    self.keepStrings = keepStrings
  }

  /// Number of distinct keys.
  var count: Int { offsets.count - 1 }

  /// The id of `key`, adding it if new; `isNew` tells which.
  @inline(__always)
  mutating func intern(_ key: UnsafeBufferPointer<UInt8>) -> (id: Int32, isNew: Bool) {
    let h = ByteHash.hash(key)
    var i = Int(truncatingIfNeeded: h) & mask
    while true {
      let s = slots[i]
      if s < 0 { break }
      if slotHashes[i] == h && equalsKey(Int(s), key) { return (s, false) }
      i = (i + 1) & mask
    }
    let id = Int32(count)
    slots[i] = id
    slotHashes[i] = h
    arena.append(contentsOf: key)
    offsets.append(arena.count)
    if keepStrings { strings.append(String(decoding: key, as: UTF8.self)) }
    if count * 2 > slots.count { grow() }
    return (id, true)
  }

  /// Adds `key`; true when it was not there before.
  @inline(__always)
  mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> Bool { intern(key).isNew }

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
    var newSlots = Array(repeating: Int32(-1), count: size)
    var newHashes = Array(repeating: UInt64(0), count: size)
    let newMask = size - 1
    for j in 0..<slots.count where slots[j] >= 0 {
      var i = Int(truncatingIfNeeded: slotHashes[j]) & newMask
      while newSlots[i] >= 0 { i = (i + 1) & newMask }
      newSlots[i] = slots[j]
      newHashes[i] = slotHashes[j]
    }
    slots = newSlots
    slotHashes = newHashes
    mask = newMask
  }
}
