/// A transaction file's lines with their fields read, before they are put together into
/// orders (``OrderAssembler``). Struct of arrays, one entry per line that passed the
/// line-level checks, in file order; an empty field is a sentinel, because in a
/// line-item export an order-level field (Shopify's `Email`, `Total`, `Financial
/// Status`) is filled on an order's first line only and empty on the others.
///
/// The optional columns (status, refund, currency) have empty arrays when the file has
/// no such column, so a plain file costs 24 bytes per line.
struct OrderLines {
  /// "No value" for index fields.
  static let none: Int32 = -1
  /// "No date".
  static let noDay = Int32.min

  /// Physical line number where the record starts.
  var line: [Int32] = []
  /// Index into ``orderIDs``, or ``none`` (no order id: the line is an order by itself).
  /// Empty when the file has no order id column.
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

  /// Distinct order ids as written.
  var orderIDs: [String] = []
  /// Distinct customer ids as written (trimmed).
  var customerSpellings: [String] = []
  /// Distinct statuses as written.
  var statuses: [String] = []
  /// Distinct currencies as written.
  var currencies: [String] = []

  /// Number of lines.
  var count: Int { line.count }

  mutating func reserveCapacity(_ n: Int) {
    line.reserveCapacity(n)
    customer.reserveCapacity(n)
    day.reserveCapacity(n)
    value.reserveCapacity(n)
  }
}
