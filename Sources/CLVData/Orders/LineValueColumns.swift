/// Where a line's value comes from: the amount column, or quantity × unit price
/// (``OrderRules/quantityColumn`` and ``OrderRules/priceColumn``, e.g. Online Retail's
/// `Quantity` and `UnitPrice`). Numbers are read by a ``NumberColumn`` each (decimal
/// mark, grouping and currency signs detected per column); a value whose notation is
/// not decided yet waits for ``resolve(path:option:_:)``.
struct LineValueColumns {
  /// The amount column, when values are not quantity × price.
  let amount: Int?
  /// Quantity and price columns, for line items.
  let quantity: Int?
  let price: Int?
  private var amounts: NumberColumn?
  private var quantities: NumberColumn?
  private var prices: NumberColumn?
  /// The cells of the last ``read(_:session:required:)``.
  private var last: (IngestSession.Cell<Double>?, IngestSession.Cell<Double>?) = (nil, nil)
  /// Per row with a deferred quantity or price: (quantity, price), NaN where deferred.
  private var pending: [Int: (Double, Double)] = [:]

  /// Resolves the columns.
  /// - Throws: ``IngestError`` for a missing column; ``OrderRulesError/conflictingSettings(_:)``
  ///   for a quantity without a price or the reverse.
  init(columns: TransactionColumns, rules: OrderRules, session: inout IngestSession, mark: DecimalMark?) throws {
    let r = session.resolver
    switch (rules.quantityColumn, rules.priceColumn) {
    case (let q?, let p?):
      let qi = try r.require(q, role: "quantity")
      let pi = try r.require(p, role: "price")
      quantity = qi
      price = pi
      amount = nil
      quantities = NumberColumn(name: r.header[qi], role: "quantity", mark: mark)
      prices = NumberColumn(name: r.header[pi], role: "price", mark: mark)
    case (nil, nil):
      let a = try session.column(
        named: columns.amount, defaultName: TransactionColumns.defaultAmount, tiers: ColumnRoles.amount,
        role: "amount", key: "amount-column")!
      amount = a
      amounts = NumberColumn(name: r.header[a], role: "amount", mark: mark)
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
  /// `required` (a continuation line of an order whose amount is on its first line), or a
  /// placeholder when it waits for its column's notation (then call ``deferIfNeeded(_:row:)``
  /// once the row is kept); nil after quarantining the row.
  @inline(__always)
  mutating func read(_ record: CSVRecord, session: inout IngestSession, required: Bool) -> Double? {
    last = (nil, nil)
    if let amount {
      if record.trimmedField(amount).count == 0 {
        if !required { return .nan }
        session.quarantine(.badAmount, "amount is empty")
        return nil
      }
      guard let a = session.number(amount, &amounts!) else { return nil }
      last.0 = a
      return a.value
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
    guard let qc = session.number(quantity!, &quantities!), let pc = session.number(price!, &prices!) else {
      return nil
    }
    last = (qc, pc)
    return qc.value * pc.value
  }

  /// Whether the last ``read(_:session:required:)`` returned a placeholder (a field waits
  /// for its column's notation), so its value cannot be checked yet.
  var lastReadDeferred: Bool { last.0?.deferred == true || last.1?.deferred == true }

  /// Hands the last read's deferred fields to their columns, for the kept line `row`.
  mutating func deferIfNeeded(_ record: CSVRecord, row: Int) {
    if let amount {
      if last.0?.deferred == true { amounts!.deferValue(record.trimmedField(amount), row: row, line: record.line) }
      return
    }
    guard let qc = last.0, let pc = last.1, qc.deferred || pc.deferred else { return }
    if qc.deferred { quantities!.deferValue(record.trimmedField(quantity!), row: row, line: record.line) }
    if pc.deferred { prices!.deferValue(record.trimmedField(price!), row: row, line: record.line) }
    pending[row] = (qc.deferred ? .nan : qc.value, pc.deferred ? .nan : pc.value)
  }

  /// Decides the deferred values and sets each (row, value).
  /// - Throws: ``IngestError`` when a column's notation stays ambiguous.
  mutating func resolve(path: String, option: SettingHint, _ set: (Int, Double) -> Void) throws {
    if amount != nil {
      try amounts!.resolve(path: path, option: option, set)
      return
    }
    var rows = pending
    try quantities!.resolve(path: path, option: option) { rows[$0]?.0 = $1 }
    try prices!.resolve(path: path, option: option) { rows[$0]?.1 = $1 }
    for (row, qp) in rows { set(row, qp.0 * qp.1) }
  }

  /// Whether every number column reads as `other`'s does (``NumberColumn/readsAlike(_:)``).
  func readsAlike(_ other: LineValueColumns) -> Bool {
    func alike(_ a: NumberColumn?, _ b: NumberColumn?) -> Bool {
      switch (a, b) {
      case (nil, nil): return true
      case (let a?, let b?): return a.readsAlike(b)
      default: return false
      }
    }
    return alike(amounts, other.amounts) && alike(quantities, other.quantities) && alike(prices, other.prices)
  }

  /// These columns without their deferred values: the state a chunk read apart starts from.
  var withoutDeferred: LineValueColumns {
    var c = self
    c.amounts = amounts?.withoutDeferred
    c.quantities = quantities?.withoutDeferred
    c.prices = prices?.withoutDeferred
    c.pending = [:]
    c.last = (nil, nil)
    return c
  }

  /// `later` (these columns read on over the next chunk's rows) with these columns'
  /// deferred values before its own, whose rows move up by `rowOffset`.
  func followed(by later: LineValueColumns, rowOffset: Int) -> LineValueColumns {
    var c = later
    c.amounts = amounts.map { $0.followed(by: later.amounts!, rowOffset: rowOffset) }
    c.quantities = quantities.map { $0.followed(by: later.quantities!, rowOffset: rowOffset) }
    c.prices = prices.map { $0.followed(by: later.prices!, rowOffset: rowOffset) }
    c.pending = pending
    for (row, qp) in later.pending { c.pending[row + rowOffset] = qp }
    return c
  }

  /// How each number column was read, by role (for the summary's dialect).
  var shown: [(String, String)] {
    if let amounts { return [("amount", amounts.shown)] }
    return [("quantity", quantities!.shown), ("price", prices!.shown)]
  }

  /// Currency signs seen in the value column, when more than one.
  var severalCurrencies: [String]? { amounts?.severalCurrencies ?? prices?.severalCurrencies }
}
