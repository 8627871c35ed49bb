/// Which columns of a transactions file hold what, and how dates are written.
///
/// Defaults match the bundled sample data: `customer_id, order_id, order_date, amount`.
/// If the date column is left at its default and the file has no `order_date`, the
/// loader uses the first present of ``dateFallbacks`` and says so in the summary.
public struct TransactionColumns: Sendable, Equatable, Codable {
  /// Customer identifier column (required).
  public var customer: String
  /// Order date or timestamp column (required).
  public var date: String
  /// Order value column (required; negative = refund).
  public var amount: String
  /// Order identifier column (optional; recorded in the column mapping when present).
  public var order: String?
  /// strftime-style date format, or nil to recognise ISO-8601 and `yyyyMMdd`.
  public var dateFormat: String?

  /// The default date column name.
  public static let defaultDate = "order_date"
  /// Date columns tried, in order, when the default one is absent.
  public static let dateFallbacks = ["date", "timestamp", "order_date", "purchase_date"]

  /// Creates a column mapping.
  public init(
    customer: String = "customer_id", date: String = TransactionColumns.defaultDate,
    amount: String = "amount", order: String? = "order_id", dateFormat: String? = nil
  ) {
    self.customer = customer
    self.date = date
    self.amount = amount
    self.order = order
    self.dateFormat = dateFormat
  }
}
