/// The cleaned transactions as a struct of arrays: one entry per kept row, in file
/// order, with customers interned to dense indices.
///
/// Shapes: `customer`, `day` and `amount` all have ``count`` entries;
/// `customerIDs[Int(customer[i])]` is row i's customer id. Refunds are rows with a
/// negative amount (the feature builder nets them against spend); zero amounts are
/// kept as orders.
package struct TransactionLog: Sendable, Equatable, Codable {
  /// Distinct customer ids in order of first appearance.
  package var customerIDs: [String]
  /// Per row: index into ``customerIDs``.
  package var customer: [Int32]
  /// Per row: days since 1970-01-01 (the date as written; see ``DayParser``).
  package var day: [Int32]
  /// Per row: order value in the file's currency (negative for refunds).
  package var amount: [Double]

  /// Creates a log; the three row arrays must have equal lengths and valid indices.
  package init(customerIDs: [String], customer: [Int32], day: [Int32], amount: [Double]) {
    precondition(
      customer.count == day.count && day.count == amount.count,
      "TransactionLog columns must have equal lengths")
    self.customerIDs = customerIDs
    self.customer = customer
    self.day = day
    self.amount = amount
  }

  /// Number of rows.
  package var count: Int { amount.count }

  /// Earliest and latest day, or nil when empty.
  package var dayRange: ClosedRange<Int32>? {
    guard let lo = day.min(), let hi = day.max() else { return nil }
    return lo...hi
  }
}
