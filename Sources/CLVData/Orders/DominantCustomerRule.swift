/// Finds a customer id that is really a bucket for many customers: one id holding more
/// than ``maxOrderShare`` of all orders **and** more than ``maxMedianMultiple`` times the
/// median customer's order count. A shop's best customer does not place 5% of all
/// orders; a guest bucket (`0`, a shared test account, a POS default) does, and as one
/// "customer" it distorts every model (in a WooCommerce export the guest id held 78.8%
/// of predicted value and slowed the Pareto/NBD fit 800-fold).
///
/// Both conditions must hold, so a small shop where one customer legitimately places
/// 10 of 150 orders (median 1) is left alone: 10 is not above 100 × 1.
package struct DominantCustomerRule: Sendable, Equatable, Codable {
  /// Share of all orders above which an id is suspicious (0.05).
  package var maxOrderShare = 0.05
  /// Multiple of the median customer's orders above which an id is suspicious (100).
  package var maxMedianMultiple = 100.0

  package init() {}

  /// The customers (indices into `orders`) that break both limits, in index order.
  /// - Parameter orders: orders per customer.
  package func dominant(orders: [Int]) -> [Int] {
    let total = orders.reduce(0, +)
    guard total > 0, !orders.isEmpty else { return [] }
    let median = Self.median(orders)
    return orders.indices.filter {
      Double(orders[$0]) > maxOrderShare * Double(total) && Double(orders[$0]) > maxMedianMultiple * median
    }
  }

  /// The median of the counts (mean of the middle two for an even count).
  static func median(_ counts: [Int]) -> Double {
    let s = counts.sorted()
    let n = s.count
    return n % 2 == 1 ? Double(s[n / 2]) : Double(s[n / 2 - 1] + s[n / 2]) / 2
  }
}
