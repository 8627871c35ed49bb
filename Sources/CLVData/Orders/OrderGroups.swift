/// The lines of each order, after duplicates are set aside; groups in the order of their
/// first lines. Three layouts, so the common files cost nothing:
/// every line an order of its own and no duplicate (group g is line g, no arrays); one
/// line per order with duplicates skipped (group g is `members[g]`); the general case
/// (group g is `members[start[g] ..< start[g + 1]]`).
struct OrderGroups {
  /// Number of groups (orders).
  let count: Int
  private let start: [Int32]
  private let members: [Int32]

  /// Groups the lines that are not `duplicate` by their order numbers. Order numbers
  /// never decrease along the lines (``OrderKeys`` numbers consecutive runs), so an
  /// order's kept lines are contiguous: one pass, no sort.
  init(_ lines: OrderLines, skipping duplicate: [Bool]) {
    let n = lines.count
    let hasDuplicates = duplicate.contains(true)
    if lines.order.isEmpty || lines.orderCount == n {
      start = []
      var kept = [Int32]()
      if hasDuplicates {
        kept.reserveCapacity(n)
        for l in 0..<n where !duplicate[l] { kept.append(Int32(l)) }
      }
      members = kept
      count = hasDuplicates ? members.count : n
      return
    }
    var members = [Int32]()
    members.reserveCapacity(n)
    var start: [Int32] = []
    var previous: Int32 = -1
    for l in 0..<n where !duplicate[l] {
      let k = lines.order[l]
      if k != previous {
        start.append(Int32(members.count))
        previous = k
      }
      members.append(Int32(l))
    }
    let groups = start.count
    start.append(Int32(members.count))
    if groups == members.count {
      // Every order kept one line.
      self.start = []
    } else {
      self.start = start
    }
    self.members = members
    self.count = groups
  }

  /// Whether every order has exactly one line.
  var oneLinePerOrder: Bool { start.isEmpty }

  /// Whether group g is line g (one line per order, no duplicates).
  var isIdentity: Bool { start.isEmpty && members.isEmpty }

  /// Calls `body` with group g's line indices, ascending.
  @inline(__always)
  func forEachLine(of g: Int, _ body: (Int) throws -> Void) rethrows {
    if start.isEmpty { return try body(members.isEmpty ? g : Int(members[g])) }
    for m in Int(start[g])..<Int(start[g + 1]) { try body(Int(members[m])) }
  }

  /// Group g's first line.
  @inline(__always)
  func firstLine(of g: Int) -> Int {
    start.isEmpty ? (members.isEmpty ? g : Int(members[g])) : Int(members[Int(start[g])])
  }

  /// Group g's number of lines.
  @inline(__always)
  func size(of g: Int) -> Int { start.isEmpty ? 1 : Int(start[g + 1] - start[g]) }

  /// Number of orders with two lines on the same day (a continuation line, without a
  /// date, counts as on its order's day). A later line under an order's id on another day
  /// (a refund) does not count.
  func ordersWithSeveralLinesOnADay(day: [Int32]) -> Int {
    guard !start.isEmpty else { return 0 }
    var n = 0
    var seen = Set<Int32>()
    for g in 0..<count where size(of: g) > 1 {
      seen.removeAll(keepingCapacity: true)
      var first = OrderLines.noDay
      for m in Int(start[g])..<Int(start[g + 1]) {
        var d = day[Int(members[m])]
        if first == OrderLines.noDay { first = d }
        if d == OrderLines.noDay { d = first }
        if !seen.insert(d).inserted {
          n += 1
          break
        }
      }
    }
    return n
  }

  /// Whether the file is line-level: at least `share` of its orders have two (distinct)
  /// lines on one day. An order-level export with a few stray second lines (a planted or
  /// re-exported row that differs in one field) is not.
  func isLineLevel(day: [Int32], share: Double) -> Bool {
    let n = ordersWithSeveralLinesOnADay(day: day)
    return n > 0 && Double(n) >= share * Double(count)
  }
}
