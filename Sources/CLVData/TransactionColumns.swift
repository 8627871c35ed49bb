/// The columns only a transactions file has. The customer id and date columns, the date
/// format and how the file is read are the file's ``FileReadSettings``.
///
/// Defaults match the bundled sample data: `customer_id, order_id, order_date, amount`.
public struct TransactionColumns: Sendable, Equatable, Codable {
  /// Order value column (required; negative = refund).
  public var amount: String
  /// Order identifier column (optional; recorded in the column mapping when present).
  public var order: String?

  /// The default date column name.
  public static let defaultDate = "order_date"
  /// Date columns tried, in order, when the date column is not named and the default one
  /// is absent.
  public static let dateFallbacks = ["date", "timestamp", "order_date", "purchase_date"]

  /// Creates a column mapping.
  public init(amount: String = "amount", order: String? = "order_id") {
    self.amount = amount
    self.order = order
  }
}
