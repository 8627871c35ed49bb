/// The three kinds of input file, and telling them apart by their columns (for
/// `clv inspect FILE`, where the user names no kind).
package enum TableKind: String, Sendable, CaseIterable {
  case transactions, profiles, events

  /// The kind `input`'s header looks like: transactions when an amount column is found (by
  /// name or a recognised one, see ``ColumnRoles``) or an order id (first-tier names such as
  /// `InvoiceNo`) with an order date — a line-item export such as UCI Online Retail, whose
  /// amount is quantity × price; events when an event-type and a time column are, else
  /// profiles (a customer table needs only an id).
  package static func guess(_ input: InputText, settings: FileReadSettings) throws -> TableKind {
    var probe = settings
    probe.hashFile = false
    let session = try IngestSession(input: input, kind: "probe", settings: probe)
    let r = session.resolver
    func has(_ defaultName: String, _ tiers: [[String]]) -> Bool {
      let found = try? r.resolve(
        named: nil, defaultName: defaultName, tiers: tiers, role: "", option: SettingHint(flag: "", fileFlag: ""),
        required: false)
      // A note without an index: several candidates, which still means the file has such a column.
      return found?.index != nil || found?.note != nil
    }
    if has(TransactionColumns.defaultAmount, ColumnRoles.amount) { return .transactions }
    if has(TransactionColumns.defaultOrder, [ColumnRoles.order[0]])
      && has(TransactionColumns.defaultDate, ColumnRoles.orderDate)
    {
      return .transactions
    }
    if has("event_type", ColumnRoles.eventType) && has(EventLoader.defaultTimestamp, ColumnRoles.eventTime) {
      return .events
    }
    return .profiles
  }
}
