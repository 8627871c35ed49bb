import Foundation
import Testing

@testable import CLVData

/// The export-shaped fixtures of `Fixtures/exports` (written by `make_fixtures.py`, which
/// also writes what each must read as, from its generating values): every kept row is checked
/// field by field, the row counts by outcome, and what was detected. Where rows become
/// orders, placeholder ids or lower-case e-mails (#12), the log is checked against
/// `expected_orders.py`'s pandas computation instead (`NAME.orders.*`).
@Suite struct ExportFixtureTests {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/exports")

  static func path(_ name: String) -> String { folder.appendingPathComponent(name).path }

  struct Counts: Decodable, Equatable {
    var dataRows: Int
    var kept: Int
    var noCustomerID: Int
    var duplicates: Int
    var quarantined: [String: Int]
  }

  static func expected(_ stem: String) throws -> (rows: [[String]], counts: Counts) {
    let tsv = try String(contentsOfFile: path(stem + ".expected.tsv"), encoding: .utf8)
    let rows = tsv.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
      .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
    let counts = try JSONDecoder().decode(
      Counts.self, from: Data(contentsOf: URL(fileURLWithPath: path(stem + ".expected.json"))))
    return (rows, counts)
  }

  static func counts(_ s: IngestSummary) -> Counts {
    Counts(
      dataRows: s.dataRows, kept: s.keptRows, noCustomerID: s.noCustomerIDRows,
      duplicates: s.duplicateRowsDropped + s.duplicateIDsDropped, quarantined: s.quarantineCounts)
  }

  /// Loads a transactions-shaped fixture and checks each kept row against the expected file.
  static func checkTransactions(
    _ stem: String, file: String? = nil, columns: TransactionColumns = .init()
  )
    throws -> IngestSummary
  {
    let (log, s) = try TransactionLoader(columns: columns).load(path: path(file ?? stem + ".csv"))
    let (rows, counts) = try expected(stem)
    #expect(Self.counts(s) == counts)
    #expect(log.count == rows.count)
    for (i, row) in rows.enumerated() where i < log.count {
      let got = [log.customerIDs[Int(log.customer[i])], CivilDate(day: Int(log.day[i])).iso, "\(log.amount[i])"]
      #expect(got == row, "\(stem) kept row \(i)")
    }
    return s
  }

  /// What a shop counts in a fixture (`NAME.orders.json`, from `expected_orders.py`).
  struct OrderCounts: Decodable, Equatable {
    var dataRows: Int
    var kept: Int
    var noCustomerID: Int
    var duplicates: Int
    var orders: Int
    var cancelledOrders: Int
    var customers: Int
    var net: String
  }

  /// Loads a transactions-shaped fixture with `rules` and checks the log, row by row, and
  /// its counts against what `expected_orders.py` computed with pandas from the CSV file:
  /// the orders a shop counts (#12), not the lines as read one by one.
  static func checkOrders(
    _ stem: String, columns: TransactionColumns = .init(), rules: OrderRules = .init()
  )
    throws -> IngestSummary
  {
    var loader = TransactionLoader(columns: columns)
    loader.rules = rules
    let (log, s) = try loader.load(path: path(stem + ".csv"))
    let tsv = try String(contentsOfFile: path(stem + ".orders.tsv"), encoding: .utf8)
    let rows = tsv.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
    let want = try JSONDecoder().decode(
      OrderCounts.self, from: Data(contentsOf: URL(fileURLWithPath: path(stem + ".orders.json"))))
    let net = log.amount.reduce(0, +)
    let got = OrderCounts(
      dataRows: s.dataRows, kept: s.keptRows, noCustomerID: s.noCustomerIDRows,
      duplicates: s.duplicateRowsDropped, orders: s.orders, cancelledOrders: s.cancelledOrders,
      customers: log.customerIDs.count, net: want.net)
    #expect(got == want)
    #expect(abs(net - Double(want.net)!) < 1e-6, "\(stem) net \(net) vs \(want.net)")
    #expect(log.count == rows.count)
    for (i, row) in rows.enumerated() where i < log.count {
      let who = log.customerIDs[Int(log.customer[i])]
      let day = CivilDate(day: Int(log.day[i])).iso
      #expect(who == row[0] && day == row[1], "\(stem) log row \(i): \(who) \(day) vs \(row)")
      #expect(abs(log.amount[i] - Double(row[2])!) < 1e-9, "\(stem) log row \(i): \(log.amount[i]) vs \(row[2])")
    }
    return s
  }

  /// Online Retail's rules (the `online-retail` preset's): value = Quantity × price, `C`
  /// invoices are cancellations.
  static func onlineRetailRules(price: String) -> OrderRules {
    var rules = OrderRules()
    rules.quantityColumn = "Quantity"
    rules.priceColumn = price
    rules.cancellationPrefix = "C"
    return rules
  }

  @Test func germanExcelExport() throws {
    let s = try Self.checkTransactions("german_excel_orders")
    #expect(
      s.columnMapping == [
        "customer": "Kundennummer", "date": "Bestelldatum", "amount": "Betrag", "order": "Bestellnummer",
      ])
    #expect(s.dialect.encoding == "UTF-8 with byte-order mark")
    #expect(s.dialect.delimiter == "';' (detected)")
    #expect(s.dialect.lineEnding == "CRLF")
    #expect(s.dialect.dates["date"] == "numeric d.m.y, day first (dotted dates) (detected)")
    #expect(s.dialect.numbers["amount"] == "decimal comma (detected from line 2: '81,29'); thousands separator '.'")
  }

  @Test func onlineRetailI() throws {
    let s = try Self.checkOrders("online_retail_i", rules: Self.onlineRetailRules(price: "UnitPrice"))
    #expect(
      s.columnMapping == [
        "customer": "CustomerID", "date": "InvoiceDate", "quantity": "Quantity", "price": "UnitPrice",
        "order": "InvoiceNo",
      ])
    #expect(s.dialect.encoding == "Windows-1252 (detected: the bytes are not valid UTF-8)")
    #expect(s.dialect.dates["date"]?.hasPrefix("numeric m/d/y, month first (from line ") == true, "\(s.dialect.dates)")
  }

  @Test func onlineRetailIDescriptionsAreDecoded() throws {
    let text = try InputText(path: Self.path("online_retail_i.csv"))
    let decoded = String(decoding: text.text, as: UTF8.self)
    #expect(decoded.contains("CRÈME BRÛLÉE RAMEKIN") && decoded.contains("PAPIER MÂCHÉ BOWL"))
    #expect(!decoded.contains("\u{FFFD}"))
  }

  @Test func onlineRetailII() throws {
    let s = try Self.checkOrders("online_retail_ii", rules: Self.onlineRetailRules(price: "Price"))
    #expect(
      s.columnMapping == [
        "customer": "Customer ID", "date": "InvoiceDate", "quantity": "Quantity", "price": "Price",
        "order": "Invoice",
      ])
    #expect(s.dialect.dates["date"] == "ISO-8601 (detected)")
  }

  @Test func shopifyOrdersExport() throws {
    // Order-level fields are on an order's first line only: the other lines have no Email, so
    // without the shopify preset (no order column: two candidates) they are rows without a
    // customer id; the e-mails compare in lower case (the preset's meaning is in
    // ExportAcceptanceTests).
    let s = try Self.checkOrders("shopify_orders_export")
    #expect(s.columnMapping == ["customer": "Email", "date": "Created at", "amount": "Total"])
    #expect(s.notes.contains { $0.contains("several could be the order id column ('Name', 'Id')") })
    #expect(s.dialect.dates["date"] == "ISO-8601 (detected)")
  }

  @Test func wooCommerceExport() throws {
    // Guests are Customer User ID 0, a placeholder: their 125 orders are left out, with a warning.
    let s = try Self.checkOrders("woocommerce_orders")
    #expect(s.exclusions.map { "\($0.rule)=\($0.value):\($0.orders)" } == ["placeholder_id=0:125"])
    #expect(s.warnings.contains { $0.contains("'0'") && $0.contains("--keep-id 0") })
    #expect(
      s.columnMapping == [
        "customer": "Customer User ID", "date": "Order Date", "amount": "Order Total", "order": "Order ID",
      ])
  }

  @Test func stripePaymentsExport() throws {
    let s = try Self.checkTransactions("stripe_payments")
    #expect(
      s.columnMapping == ["customer": "Customer ID", "date": "Created date (UTC)", "amount": "Amount", "order": "id"])
    #expect(s.dialect.numbers["amount"]?.hasPrefix("decimal point (detected from line ") == true)
    #expect(s.dialect.numbers["amount"]?.hasSuffix("; thousands separator ','") == true)
  }

  @Test func ga4EventsExport() throws {
    let (log, s) = try EventLoader().load(path: Self.path("ga4_events.csv"))
    let (rows, counts) = try Self.expected("ga4_events")
    #expect(Self.counts(s) == counts)
    #expect(log.count == rows.count)
    for (i, row) in rows.enumerated() where i < log.count {
      let got = [
        log.customerIDs[Int(log.customer[i])], CivilDate(day: Int(log.day[i])).iso,
        log.eventTypes[Int(log.eventType[i])],
      ]
      #expect(got == row, "ga4 kept row \(i)")
    }
    #expect(s.columnMapping == ["customer": "user_id", "timestamp": "event_timestamp", "event_type": "event_name"])
    #expect(s.dialect.dates["timestamp"] == "epoch microseconds (from 16-digit values, line 2) (detected)")
    // 58% of the events are anonymous: not one is a bad row.
    #expect(s.quarantinedRows == 0 && s.noCustomerIDRows == 232)
  }

  @Test(arguments: ["crm_customers.csv", "crm_customers_unicode.txt"])
  func crmCustomerTable(_ file: String) throws {
    let (table, s) = try ProfileLoader().load(path: Self.path(file))
    let (rows, counts) = try Self.expected("crm_customers")
    #expect(Self.counts(s) == counts)
    #expect(table.count == rows.count)
    for (i, row) in rows.enumerated() where i < table.count {
      var got = [table.customerIDs[i], table.signupDay[i].map { CivilDate(day: Int($0)).iso } ?? ""]
      got += table.attributes.map { $0.values[i] }
      #expect(got == row, "\(file) row \(i)")
    }
    #expect(
      table.attributes.map(\.name) == ["first_name", "last_name", "email", "newsletter", "birth_year", "country"])
    #expect(s.dialect.dates["signup"]?.hasPrefix("numeric d/m/y, day first (from line ") == true, "\(s.dialect.dates)")
    if file.hasSuffix(".txt") {
      #expect(s.dialect.encoding == "UTF-16LE with byte-order mark" && s.dialect.delimiter == "tab (detected)")
    } else {
      #expect(s.dialect.encoding == "Windows-1252 (detected: the bytes are not valid UTF-8)")
    }
  }

  /// A `.csv.gz` of each fixture reads exactly as the plain file (the summary too, but for
  /// the compression it states).
  @Test func gzippedFixturesReadTheSame() throws {
    for name in ["german_excel_orders.csv", "stripe_payments.csv", "online_retail_i.csv"] {
      let plain = try [UInt8](Data(contentsOf: URL(fileURLWithPath: Self.path(name))))
      let columns = name.hasPrefix("online") ? TransactionColumns(amount: "UnitPrice") : TransactionColumns()
      let loader = TransactionLoader(columns: columns)
      let (a, s) = try loader.load(bytes: plain, path: name)
      var (b, t) = try loader.load(bytes: try InputTextTests.gzip(plain), path: name)
      #expect(a == b)
      #expect(t.dialect.compression == "gzip")
      t.dialect.compression = nil
      #expect(s == t)
    }
  }

  /// `clv inspect FILE` guesses each export's kind from its header; the line-item exports
  /// (Online Retail: invoice number and date, no amount column) are transactions.
  @Test(arguments: [
    ("german_excel_orders.csv", TableKind.transactions), ("online_retail_i.csv", .transactions),
    ("online_retail_ii.csv", .transactions), ("shopify_orders_export.csv", .transactions),
    ("woocommerce_orders.csv", .transactions), ("stripe_payments.csv", .transactions),
    ("ga4_events.csv", .events), ("crm_customers.csv", .profiles), ("crm_customers_unicode.txt", .profiles),
  ])
  func kindGuessedFromTheHeader(_ name: String, _ kind: TableKind) throws {
    let text = try InputText(path: Self.path(name))
    #expect(try TableKind.guess(text, settings: FileReadSettings()) == kind)
  }
}
