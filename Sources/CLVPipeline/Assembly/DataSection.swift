import CLVData
import CLVReport

/// Data quality: what was read, kept, dropped and quarantined, per file.
enum DataSection {
  /// What the excerpt column shows with --redact-ids (a raw row carries the customer id).
  static let withheld = "withheld (--redact-ids); see quarantine.csv"

  static func make(_ s: RunSummary) -> ReportSection {
    let reasons = Array(Set(s.inputs.flatMap { $0.quarantineCounts.keys })).sorted()
    let rows = s.inputs.map { i -> [String] in
      [
        i.kind, i.fileName, Format.count(i.dataRows), Format.count(i.keptRows),
        i.kind == "transactions" ? Format.count(i.orders) : "–",
        Format.count(i.duplicateRowsDropped + i.duplicateIDsDropped),
        i.kind == "transactions" ? Format.count(i.refundRows) : "–", Format.count(i.noCustomerIDRows),
        Format.count(i.excludedRows), Format.count(i.quarantinedRows),
        i.firstDate.map(\.iso) ?? "–", i.lastDate.map(\.iso) ?? "–",
      ]
    }
    var blocks: [ReportBlock] = []
    let warnings = s.inputs.flatMap { i in i.warnings.map { "\(i.fileName): \($0)" } }
    if !warnings.isEmpty {
      blocks.append(
        .callout(Callout(.warning, title: "Read this before the numbers", .plain(warnings.joined(separator: " ")))))
    }
    blocks.append(
      .table(
        Blocks.table(
          "Rows per input file. Lines that share an order id are one order. Exact duplicate lines are dropped (for transactions only when the file has an order id: without one, identical rows can be two real orders); refunds (negative amounts, cancellations, refund columns) are kept and netted against the customer's spend; rows without a customer id (guest checkouts, anonymous events) are counted and left out of the models, and are not bad rows; excluded orders (by status, currency or customer id) are counted apart; malformed rows are quarantined with their line number, never silently dropped.",
          [
            .text("File"), .text("Path"), .number("Data rows"), .number("Kept"), .number("Orders"),
            .number("Duplicates"), .number("Refunds"), .number("No customer id"), .number("Excluded"),
            .number("Quarantined"), .text("First date"), .text("Last date"),
          ],
          rows)))
    blocks.append(
      .table(
        Blocks.table(
          "How each file was read: detected unless marked as set. Dates and numbers per column (by role).",
          [
            .text("File"), .text("Source"), .text("Encoding"), .text("Delimiter"), .text("Line ends"), .text("Dates"),
            .text("Numbers"),
          ],
          s.inputs.map { i in
            let d = i.dialect
            return [
              i.kind, d.source + (d.compression.map { ", \($0)" } ?? ""), d.encoding, d.delimiter, d.lineEnding,
              d.dates.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "),
              d.numbers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: "; "),
            ]
          })))
    let exclusions = s.inputs.flatMap { i in i.exclusions.map { (i, $0) } }
    if !exclusions.isEmpty {
      blocks.append(
        .table(
          Blocks.table(
            "Orders left out on purpose, by rule and value: read correctly, not counted, not bad rows.",
            [.text("File"), .text("Rule"), .text("Value"), .number("Rows"), .number("Orders"), .number("Amount")],
            exclusions.map { i, e in
              [
                i.kind, e.rule.replacingOccurrences(of: "_", with: " "), e.value, Format.count(e.rows),
                i.kind == "transactions" ? Format.count(e.orders) : "–",
                i.kind == "transactions" ? Format.money(e.amount) : "–",
              ]
            })))
    }
    if let t = s.inputs.first, !t.settings.isEmpty {
      blocks.append(
        .table(
          Blocks.table(
            "How \(t.fileName) was read: the settings in effect and where each came from (a preset, an option, or the default).",
            [.text("Setting"), .text("Value"), .text("From")], t.settings.map { [$0.name, $0.value, $0.source] })))
    }
    if !reasons.isEmpty {
      blocks.append(
        .table(
          Blocks.table(
            "Quarantined rows by reason (all of them are listed in quarantine.csv).",
            [.text("File")] + reasons.map { TableColumn.number($0) },
            s.inputs.map { i in [i.kind] + reasons.map { Format.count(i.quarantineCounts[$0] ?? 0) } })))
      let samples = s.inputs.flatMap { i in i.quarantineSamples.prefix(8).map { (i.kind, $0) } }
      blocks.append(
        .details(
          summary: "First quarantined rows",
          blocks: [
            .table(
              Blocks.table(
                nil, [.text("File"), .number("Line"), .text("Reason"), .text("Detail"), .text("Row as written")],
                samples.map {
                  [
                    $0.0, "\($0.1.line)", $0.1.reason.rawValue, $0.1.detail,
                    s.redaction.isOn ? Self.withheld : $0.1.excerpt,
                  ]
                }))
          ]))
    }
    let notes = s.inputs.flatMap { i in i.notes.map { "\(i.kind): \($0)" } }
    if !notes.isEmpty { blocks.append(.bulletList(notes.map { .plain($0) })) }
    if let t = s.inputs.first {
      let currency =
        t.currency.map { "All amounts are in \($0)." }
        ?? "The transactions name no currency: amounts are added as written."
      var parts = [currency]
      if t.refundRows > 0 {
        parts.append(
          "Refunds: \(Format.count(t.refundRows)) rows totalling \(Format.money(t.refundTotal)) (cancelled orders: \(Format.count(t.cancelledOrders)), orders with a refunded amount: \(Format.count(t.refundedOrders))). A customer's value in a window is floored at zero."
        )
      }
      blocks.append(Blocks.p(parts.joined(separator: " ")))
    }
    for i in s.inputs.dropFirst() {
      if let m = i.matchedCustomers, i.distinctCustomers > 0 {
        blocks.append(
          Blocks.p(
            "\(i.fileName): \(Format.count(m)) of its \(Format.count(i.distinctCustomers)) customer ids (\(Format.pct(Double(m) / Double(i.distinctCustomers)))) match a transaction customer."
          ))
      }
    }
    blocks.append(
      Blocks.kv([
        ("Customers known at the as-of date", Format.count(s.customersKnown)),
        ("… with at least one purchase", Format.count(s.customersWithPurchase)),
        ("… with a profile but no purchase yet (cold start)", Format.count(s.customersKnown - s.customersWithPurchase)),
        (
          "Features per customer",
          "\(s.forwardTable.numeric.count) numeric, \(s.forwardTable.categorical.count) categorical"
        ),
      ]))
    return ReportSection(id: "data", title: "Data quality", blocks: blocks)
  }
}
