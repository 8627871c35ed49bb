/// Order ids of a file's lines, turned into dense order numbers without a hash table:
/// consecutive lines with the same id are one order (a byte comparison with the previous
/// line). Every platform export writes an order's lines together; an id that comes back
/// after other lines — a refund booked later under the order's id — is an order number
/// of its own (its line is a row of its own on its day, which is what a later refund is).
/// A line with an empty id is an order by itself. Order numbers never decrease along
/// the lines.
///
/// Cost: one comparison per line; memory: 4 bytes per line, plus one flag per order when
/// a cancellation prefix is looked for.
struct OrderKeys {
  /// Per line: its order number.
  private(set) var orderOfLine: [Int32] = []
  /// Number of orders.
  private(set) var count = 0
  /// Per order, when a prefix was given: whether its id starts with it.
  private(set) var hasPrefix: [Bool] = []
  /// Ids of the orders whose first line is a continuation line (for messages).
  private(set) var names: [Int32: String] = [:]
  private let prefix: [UInt8]?
  private var last = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
  /// The last id when it did not live in the file's bytes (it had `""` escapes).
  private var lastCopy: [UInt8] = []
  private var lastIsCopy = false
  private let fileStart: UnsafePointer<UInt8>?
  private let fileEnd: UnsafePointer<UInt8>?
  /// The first line's id, copied (for joining a chunk read apart onto the one before it).
  private var firstID: [UInt8] = []

  init(fileBytes: UnsafeBufferPointer<UInt8>, capacity: Int, cancellationPrefix: String?) {
    fileStart = fileBytes.baseAddress
    fileEnd = fileBytes.baseAddress.map { $0 + fileBytes.count }
    prefix = cancellationPrefix.flatMap { $0.isEmpty ? nil : Array($0.utf8) }
    orderOfLine.reserveCapacity(capacity)
  }

  /// Adds the next line's (trimmed) order id; `continuation` when the line names neither
  /// customer nor date.
  @inline(__always)
  mutating func add(_ id: UnsafeBufferPointer<UInt8>, continuation: Bool) {
    if id.count > 0, count > 0,
      lastIsCopy ? lastCopy.withUnsafeBufferPointer({ ByteHash.equal($0, id) }) : ByteHash.equal(last, id)
    {
      orderOfLine.append(Int32(count - 1))
      return
    }
    if count == 0 { firstID = Array(id) }
    orderOfLine.append(Int32(count))
    if let prefix { hasPrefix.append(id.count >= prefix.count && prefix.indices.allSatisfy { id[$0] == prefix[$0] }) }
    if continuation { names[Int32(count)] = String(decoding: id, as: UTF8.self) }
    count += 1
    lastIsCopy = false
    if id.count == 0 {
      // Never equal to the next line's id (ids of length 0 do not continue an order).
      last = UnsafeBufferPointer(start: nil, count: 0)
    } else if let p = id.baseAddress, let lo = fileStart, let hi = fileEnd, p >= lo, p < hi {
      last = id
    } else {
      lastCopy = Array(id)
      lastIsCopy = true
    }
  }

  /// Adds the lines of `later`, the keys of the lines right after this one's, as if this
  /// value had gone on adding them: when `later`'s first line has the id of this value's
  /// last line (an order whose lines straddle the two), that line continues the order,
  /// and every later order number moves up by one less.
  mutating func append(_ later: OrderKeys) {
    guard later.count > 0 else { return }
    if count == 0 { firstID = later.firstID }
    let joins =
      count > 0 && !later.firstID.isEmpty
      && later.firstID.withUnsafeBufferPointer { first in
        lastIsCopy ? lastCopy.withUnsafeBufferPointer({ ByteHash.equal($0, first) }) : ByteHash.equal(last, first)
      }
    let shift = Int32(joins ? count - 1 : count)
    orderOfLine.reserveCapacity(orderOfLine.count + later.orderOfLine.count)
    for o in later.orderOfLine { orderOfLine.append(o + shift) }
    if prefix != nil { hasPrefix += joins ? later.hasPrefix.dropFirst() : later.hasPrefix[...] }
    for (order, name) in later.names where !(joins && order == 0) { names[order + shift] = name }
    count = later.count + Int(shift)
    if !(joins && later.count == 1) {
      // On a join with one order only, `last` stays this value's (the same bytes).
      last = later.last
      lastCopy = later.lastCopy
      lastIsCopy = later.lastIsCopy
    }
  }
}
