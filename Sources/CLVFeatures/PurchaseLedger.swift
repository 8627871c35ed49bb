import CLVData

/// Every customer's transactions, merged by day and sorted by day, ready for
/// fast "as of" queries.
///
/// Purchases on the same day are merged into one purchase day, the convention of
/// the buy-till-you-die literature (Fader, Hardie & Lee 2005): a day is a
/// *purchase day* when it has at least one order (a row with a non-negative
/// amount; a free order is still an order). Refunds (negative amounts) are kept
/// per day in `refund`; a refund-only day is not a purchase day but its amount
/// still counts in net spend. Built once; features for any cutoff
/// then cost one binary search per customer.
///
/// Storage is struct-of-arrays: entries of customer `c` are
/// `start[c] ..< start[c + 1]`, sorted by `day`.
package struct PurchaseLedger: Sendable {
  /// Customer ids; index = customer number (as in the transaction log).
  package let customerIDs: [String]
  /// Offsets into the entry arrays, `customerIDs.count + 1` values.
  package let start: [Int]
  /// Day of each entry (days since 1970-01-01), ascending within a customer.
  package let day: [Int32]
  /// Sum of positive amounts on that day.
  package let gross: [Double]
  /// Sum of negative amounts (refunds) on that day, ≤ 0.
  package let refund: [Double]
  /// Orders (rows with a non-negative amount) on that day.
  package let orders: [Int32]
  /// Each customer's first purchase day (``noPurchase`` when none), read by
  /// ``firstPurchaseDay(of:)`` once per customer and origin.
  let firstPurchase: [Int32]

  /// Whether entry `i` is a purchase day.
  @inlinable package func isPurchase(_ i: Int) -> Bool { orders[i] > 0 }

  /// Builds the ledger from a cleaned transaction log. O(n log n) in the rows.
  package init(_ log: TransactionLog) {
    let customers = log.customerIDs.count
    let n = log.customer.count
    // Counting sort by customer, then sort each customer's rows by day.
    var counts = [Int](repeating: 0, count: customers + 1)
    for c in log.customer { counts[Int(c) + 1] += 1 }
    for i in 0..<customers { counts[i + 1] += counts[i] }
    var order = [Int](repeating: 0, count: n)
    var next = counts
    for r in 0..<n {
      let c = Int(log.customer[r])
      order[next[c]] = r
      next[c] += 1
    }
    var start = [Int](repeating: 0, count: customers + 1)
    var day = [Int32]()
    var gross = [Double]()
    var refund = [Double]()
    var orders = [Int32]()
    var firstPurchase = [Int32](repeating: Self.noPurchase, count: customers)
    day.reserveCapacity(n)
    gross.reserveCapacity(n)
    refund.reserveCapacity(n)
    order.withUnsafeMutableBufferPointer { order in
      log.day.withUnsafeBufferPointer { days in
        log.amount.withUnsafeBufferPointer { amounts in
          for c in 0..<customers {
            start[c] = day.count
            var rows = UnsafeMutableBufferPointer(rebasing: order[counts[c]..<counts[c + 1]])
            // By day, then amount: a day's amounts are summed in the same order whatever the
            // order of the rows in the file (a Spark partition shuffles them). The key ends
            // with the row, so the order is unique; rows already in it (a file in time
            // order) are not sorted again.
            if !Self.isSorted(rows, days, amounts) {
              rows.sort { (days[$0], amounts[$0], $0) < (days[$1], amounts[$1], $1) }
            }
            for r in rows {
              let d = days[r]
              let a = amounts[r]
              if day.count == start[c] || day[day.count - 1] != d {
                day.append(d)
                gross.append(0)
                refund.append(0)
                orders.append(0)
              }
              if a >= 0 {
                gross[gross.count - 1] += a
                orders[orders.count - 1] += 1
                if firstPurchase[c] == Self.noPurchase { firstPurchase[c] = d }
              } else {
                refund[refund.count - 1] += a
              }
            }
          }
        }
      }
    }
    start[customers] = day.count
    self.customerIDs = log.customerIDs
    self.start = start
    self.day = day
    self.gross = gross
    self.refund = refund
    self.orders = orders
    self.firstPurchase = firstPurchase
  }

  /// ``firstPurchase`` of a customer without any purchase day.
  static let noPurchase = Int32.max

  /// Whether `rows` are in (day, amount, row) order already.
  @inline(__always)
  static func isSorted(
    _ rows: UnsafeMutableBufferPointer<Int>, _ days: UnsafeBufferPointer<Int32>, _ amounts: UnsafeBufferPointer<Double>
  ) -> Bool {
    guard rows.count > 1 else { return true }
    for k in 1..<rows.count {
      let (p, q) = (rows[k - 1], rows[k])
      guard (days[p], amounts[p], p) < (days[q], amounts[q], q) else { return false }
    }
    return true
  }

  /// Number of customers.
  package var customerCount: Int { customerIDs.count }

  /// The end of customer `c`'s entries strictly before `cutoff` (binary search).
  @inlinable
  package func end(of c: Int, before cutoff: Int32) -> Int {
    var lo = start[c]
    var hi = start[c + 1]
    while lo < hi {
      let mid = (lo + hi) / 2
      if day[mid] < cutoff { lo = mid + 1 } else { hi = mid }
    }
    return lo
  }

  /// Net spend (purchases plus refunds) of customer `c` on days in `from ..< to`.
  package func netSpend(of c: Int, from: Int32, to: Int32) -> Double {
    var s = 0.0
    var i = end(of: c, before: from)
    let e = start[c + 1]
    while i < e && day[i] < to {
      s += gross[i] + refund[i]
      i += 1
    }
    return s
  }

  /// The first purchase day of customer `c`, if any purchase exists at all.
  package func firstPurchaseDay(of c: Int) -> Int32? {
    let d = firstPurchase[c]
    return d == Self.noPurchase ? nil : d
  }
}
