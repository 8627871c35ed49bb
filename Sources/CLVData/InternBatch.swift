/// Ids awaiting interning, so a batch's hash-table lookups overlap (see
/// ``ByteInterner/touch(hash:)``): views into the input file, which outlives them.
/// Callers append the interned indices at each ``flush(into:using:)``, in row order.
struct InternBatch {
  static let size = 64
  let fileStart: UnsafePointer<UInt8>?
  let fileEnd: UnsafePointer<UInt8>?
  var keys: [UnsafeBufferPointer<UInt8>] = []
  var hashes: [UInt64] = []

  init(fileBytes: UnsafeBufferPointer<UInt8>) {
    fileStart = fileBytes.baseAddress
    fileEnd = fileBytes.baseAddress.map { $0 + fileBytes.count }
    keys.reserveCapacity(Self.size)
    hashes.reserveCapacity(Self.size)
  }

  var isFull: Bool { keys.count >= Self.size }

  /// Queues `id`; false when it does not point into the file (caller interns it).
  @inline(__always)
  mutating func add(_ id: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let p = id.baseAddress, let lo = fileStart, let hi = fileEnd, p >= lo, p < hi else {
      return false
    }
    keys.append(id)
    hashes.append(ByteHash.hash(id))
    return true
  }

  /// Interns the queued ids in order, appending their indices to `customer`.
  @inline(__always)
  mutating func flush(into customer: inout [Int32], using ids: inout ByteInterner) {
    for h in hashes { ids.touch(hash: h) }
    for k in 0..<keys.count { customer.append(ids.intern(keys[k], hash: hashes[k]).id) }
    keys.removeAll(keepingCapacity: true)
    hashes.removeAll(keepingCapacity: true)
  }
}
