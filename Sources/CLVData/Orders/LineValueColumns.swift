/// Where a line's value comes from: the amount column, or quantity × unit price
/// (``OrderRules/quantityColumn`` and ``OrderRules/priceColumn``, e.g. Online Retail's
/// `Quantity` and `UnitPrice`).
struct LineValueColumns {
  /// The amount column, when values are not quantity × price.
  let amount: Int?
  /// Quantity and price columns, for line items.
  let quantity: Int?
  let price: Int?

  /// Resolves the columns.
  /// - Throws: ``IngestError/missingColumn(path:role:column:available:suggestion:)``;
  ///   ``OrderRulesError/conflictingSettings(_:)`` for a quantity without a price or the reverse.
  init(columns: TransactionColumns, rules: OrderRules, resolver r: ColumnResolver) throws {
    switch (rules.quantityColumn, rules.priceColumn) {
    case (let q?, let p?):
      quantity = try r.require(q, role: "quantity")
      price = try r.require(p, role: "price")
      amount = nil
    case (nil, nil):
      amount = try r.require(columns.amount, role: "amount")
      quantity = nil
      price = nil
    default:
      throw OrderRulesError.conflictingSettings(
        "a line's value is quantity × price: give both --quantity-column and --price-column, or neither "
          + "(then --amount-column is the value)")
    }
  }

  /// Role → column index, for the summary's column mapping.
  var mapping: [(String, Int)] {
    if let amount { return [("amount", amount)] }
    return [("quantity", quantity!), ("price", price!)]
  }

  /// The line's value: a number; NaN when the field(s) are empty and the value is not
  /// `required` (a continuation line of an order whose amount is on its first line);
  /// nil after quarantining the row.
  @inline(__always)
  func read(_ record: CSVRecord, session: inout IngestSession, required: Bool) -> Double? {
    if let amount {
      let f = record.trimmedField(amount)
      if f.count == 0 {
        if !required { return .nan }
        session.quarantine(.badAmount, "amount is empty")
        return nil
      }
      guard let v = DecimalParser.parse(f) else {
        session.quarantine(.badAmount, "cannot read \(session.quoted(f)) as a number")
        return nil
      }
      return v
    }
    let q = record.trimmedField(quantity!)
    let p = record.trimmedField(price!)
    if q.count == 0 && p.count == 0 && !required { return .nan }
    guard q.count > 0 else {
      session.quarantine(.badAmount, "quantity is empty")
      return nil
    }
    guard p.count > 0 else {
      session.quarantine(.badAmount, "price is empty")
      return nil
    }
    guard let qv = DecimalParser.parse(q) else {
      session.quarantine(.badAmount, "cannot read \(session.quoted(q)) as a quantity")
      return nil
    }
    guard let pv = DecimalParser.parse(p) else {
      session.quarantine(.badAmount, "cannot read \(session.quoted(p)) as a price")
      return nil
    }
    return qv * pv
  }
}
