/// A transaction file's lines with their fields read, before they are put together into
/// orders (``OrderAssembler``). Struct of arrays, one entry per line that passed the
/// line-level checks, in file order; an empty field is a sentinel, because in a
/// line-item export an order-level field (Shopify's `Email`, `Total`, `Financial
/// Status`) is filled on an order's first line only and empty on the others.
///
/// The optional columns (status, refund, currency) have empty arrays when the file has
/// no such column, so a plain file costs 20 bytes per line (24 with an order column).
struct OrderLines {
  /// "No value" for index fields.
  static let none: Int32 = -1
  /// "No date".
  static let noDay = Int32.min

  /// The line's order number (see ``OrderKeys``; a line without an id has a number of
  /// its own). Empty when the file has no order id column: every line is an order.
  var order: [Int32] = []
  /// Index into ``customerSpellings`` (ids as written, trimmed), or ``none``.
  var customer: [Int32] = []
  /// Days since 1970-01-01, or ``noDay``.
  var day: [Int32] = []
  /// The line's value (amount, or quantity × price), NaN when empty.
  var value: [Double] = []
  /// Index into ``statuses``, or ``none``; empty without a status column.
  var status: [Int32] = []
  /// Amount refunded (sign ignored), NaN when empty; empty without a refund column.
  var refund: [Double] = []
  /// Index into ``currencies``, or ``none``; empty without a currency column.
  var currency: [Int32] = []

  /// Number of orders (lines when there is no order column).
  var orderCount = 0
  /// Per order, when a cancellation prefix is set: whether its id starts with it.
  var cancelled: [Bool] = []
  /// Ids of the orders whose first line is a continuation line (for messages).
  var orderNames: [Int32: String] = [:]
  /// Distinct customer ids as written (trimmed).
  var customerSpellings: [String] = []
  /// Distinct statuses as written.
  var statuses: [String] = []
  /// Distinct currencies as written.
  var currencies: [String] = []

  /// Number of lines.
  var count: Int { day.count }

  mutating func reserveCapacity(_ n: Int) {
    customer.reserveCapacity(n)
    day.reserveCapacity(n)
    value.reserveCapacity(n)
  }
}
