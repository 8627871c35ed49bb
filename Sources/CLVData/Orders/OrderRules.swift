/// The business meaning of a transaction file's rows, beyond which columns hold the
/// customer, date and amount: line items, order status, cancellations, refunds,
/// currencies and customer-id rules. Defaults change nothing for a file with one row
/// per order and no such columns.
package struct OrderRules: Sendable, Equatable, Codable {
  /// Line quantity column: with ``priceColumn``, a line's value is quantity × price
  /// (instead of the amount column).
  package var quantityColumn: String?
  /// Unit price column (see ``quantityColumn``).
  package var priceColumn: String?
  /// Order status column (read from an order's first line that has one).
  package var statusColumn: String?
  /// Which statuses count.
  package var status = StatusFilter()
  /// Orders whose id starts with this prefix are cancellations (Online Retail's `C`):
  /// their value is netted against the customer's spend and they are not purchases.
  package var cancellationPrefix: String?
  /// Amount refunded on an order (order-level): netted against the order, which stays a purchase.
  package var refundColumn: String?
  /// Currency column (order-level).
  package var currencyColumn: String?
  /// What to do with several currencies.
  package var currency = CurrencyRule()
  /// The currency the amounts are in when there is no currency column (for the report).
  package var currencyLabel: String?
  /// How ids are compared.
  package var ids = CustomerIDRules()
  /// When one id is a bucket for many customers.
  package var dominant = DominantCustomerRule()

  package init() {}

  /// Whether line values are quantity × price.
  package var usesLineItems: Bool { quantityColumn != nil || priceColumn != nil }
}
