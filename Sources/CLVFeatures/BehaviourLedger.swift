/// Every customer's behaviour events (views, carts, support contacts, …), sorted
/// by day, for "as of" window counts.
///
/// Entries of customer `c` are `start[c] ..< start[c + 1]`, ascending by day.
package struct BehaviourLedger: Sendable {
  /// Customer ids; index = customer number of this ledger.
  package let customerIDs: [String]
  /// Event type names; `type` values index into it.
  package let eventTypes: [String]
  /// Offsets into `day` and `type`, `customerIDs.count + 1` values.
  package let start: [Int]
  /// Day of each event (days since 1970-01-01).
  package let day: [Int32]
  /// Event type index of each event.
  package let type: [Int32]

  /// Builds the ledger from struct-of-arrays events (any order).
  ///
  /// - Parameters:
  ///   - customerIDs: distinct customer ids; `customer` values index into it.
  ///   - eventTypes: distinct event type names; `type` values index into it.
  package init(customerIDs: [String], eventTypes: [String], customer: [Int32], day: [Int32], type: [Int32]) {
    precondition(customer.count == day.count && day.count == type.count, "event columns differ in length")
    let n = customer.count
    let customers = customerIDs.count
    var counts = [Int](repeating: 0, count: customers + 1)
    for c in customer { counts[Int(c) + 1] += 1 }
    for i in 0..<customers { counts[i + 1] += counts[i] }
    var order = [Int](repeating: 0, count: n)
    var next = counts
    for r in 0..<n {
      let c = Int(customer[r])
      order[next[c]] = r
      next[c] += 1
    }
    var sortedDay = [Int32](repeating: 0, count: n)
    var sortedType = [Int32](repeating: 0, count: n)
    for c in 0..<customers {
      var rows = Array(order[counts[c]..<counts[c + 1]])
      rows.sort { (day[$0], type[$0], $0) < (day[$1], type[$1], $1) }
      for (k, r) in rows.enumerated() {
        sortedDay[counts[c] + k] = day[r]
        sortedType[counts[c] + k] = type[r]
      }
    }
    self.customerIDs = customerIDs
    self.eventTypes = eventTypes
    self.start = counts
    self.day = sortedDay
    self.type = sortedType
  }

  /// The end of customer `c`'s events strictly before `cutoff` (binary search).
  package func end(of c: Int, before cutoff: Int32) -> Int {
    var lo = start[c]
    var hi = start[c + 1]
    while lo < hi {
      let mid = (lo + hi) / 2
      if day[mid] < cutoff { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }
}
