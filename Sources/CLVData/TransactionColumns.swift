/// The columns only a transactions file has. The customer id and date columns, the date
/// format and how the file is read are the file's ``FileReadSettings``.
///
/// Defaults match the bundled sample data: `customer_id, order_id, order_date, amount`.
/// A column left nil is the default name if the file has it, else a recognised name
/// (``ColumnRoles``), said in the summary.
package struct TransactionColumns: Sendable, Equatable, Codable {
  /// Order value column (required; negative = refund); nil: `amount` or a recognised one.
  package var amount: String?
  /// Order identifier column (optional; when present, exact duplicate rows are dropped);
  /// nil: `order_id` or a recognised one.
  package var order: String?

  /// The default date column name.
  package static let defaultDate = "order_date"
  /// The default amount column name.
  package static let defaultAmount = "amount"
  /// The default order id column name.
  package static let defaultOrder = "order_id"

  /// Creates a column mapping.
  package init(amount: String? = nil, order: String? = nil) {
    self.amount = amount
    self.order = order
  }
}
