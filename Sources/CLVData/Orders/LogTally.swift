/// What the summary says about a transaction log's rows, tallied as they are written:
/// kept lines, purchase rows (zero-value ones among them), refund rows and their total,
/// and the date range.
struct LogTally {
  var keptLines = 0
  private(set) var purchases = 0
  private(set) var zeros = 0
  private(set) var refunds = 0
  private(set) var refundTotal = 0.0
  private(set) var firstDay = Int32.max
  private(set) var lastDay = Int32.min

  /// Counts a log row on day `d` of value `v`; returns whether it is a purchase (v ≥ 0).
  @inline(__always) @discardableResult
  mutating func add(day d: Int32, value v: Double) -> Bool {
    firstDay = min(firstDay, d)
    lastDay = max(lastDay, d)
    if v < 0 {
      refunds += 1
      refundTotal += v
      return false
    }
    purchases += 1
    if v == 0 { zeros += 1 }
    return true
  }

  /// Adds the counts to `summary` and sets its date range and number of customers.
  func write(into summary: inout IngestSummary, customers: Int) {
    summary.keptRows += keptLines
    summary.orders += purchases
    summary.zeroAmountRows += zeros
    summary.refundRows += refunds
    summary.refundTotal += refundTotal
    if firstDay <= lastDay {
      summary.firstDay = Int(firstDay)
      summary.lastDay = Int(lastDay)
    }
    summary.distinctCustomers = customers
  }
}
