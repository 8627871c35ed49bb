import Testing

@testable import CLVData

/// The row semantics through the transaction loader, on small files whose expected
/// orders, values and counts are worked out by hand in the comments.
@Suite struct OrderAssemblerTests {
  static func load(
    _ text: String, columns: TransactionColumns = .init(), read: FileReadSettings = .init(), rules: OrderRules = .init()
  ) throws -> (log: TransactionLog, summary: IngestSummary) {
    var settings = read
    settings.maxBadRowFraction = 0.5
    var loader = TransactionLoader(columns: columns, settings: settings)
    loader.rules = rules
    return try loader.load(bytes: Array(text.utf8), path: "mem.csv")
  }

  static func invariantHolds(_ s: IngestSummary) -> Bool {
    s.dataRows == s.keptRows + s.duplicateRowsDropped + s.duplicateIDsDropped + s.noCustomerIDRows + s.quarantinedRows
      + s.excludedRows
  }

  @Test func lineItemsSumToOneOrderPerInvoice() throws {
    // Online Retail shape: invoice 536365 has 3 lines (2×2.55 + 6×3.39 + 1×7.65 = 33.09),
    // 536366 one line (6×1.85 = 11.10); the second customer's id is a pandas float.
    let text = """
      InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
      536365,85123A,WHITE HANGING HEART,2,12/1/2010 8:26,2.55,17850.0,United Kingdom
      536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850.0,United Kingdom
      536365,84406B,CREAM CUPID HEARTS,1,12/1/2010 8:26,7.65,17850.0,United Kingdom
      536366,22633,HAND WARMER UNION JACK,6,12/1/2010 8:28,1.85,13085,United Kingdom

      """
    var rules = OrderRules()
    rules.quantityColumn = "Quantity"
    rules.priceColumn = "UnitPrice"
    let columns = TransactionColumns(order: "InvoiceNo")
    let read = FileReadSettings(customerColumn: "CustomerID", dateColumn: "InvoiceDate", dateFormat: "%m/%d/%Y %H:%M")
    let (log, s) = try Self.load(text, columns: columns, read: read, rules: rules)
    #expect(log.customerIDs == ["17850", "13085"])
    #expect(log.amount.count == 2)
    #expect(abs(log.amount[0] - 33.09) < 1e-9 && abs(log.amount[1] - 11.10) < 1e-9)
    #expect(s.orders == 2 && s.keptRows == 4 && s.dataRows == 4 && s.duplicateRowsDropped == 0)
    #expect(s.columnMapping["quantity"] == "Quantity" && s.columnMapping["price"] == "UnitPrice")
    #expect(s.columnMapping["amount"] == nil)
  }

  @Test func cancellationsNetAndAreNoPurchase() throws {
    // C536379 cancels 1×27.50 of customer 14527's order: spend 39.50 − 27.50, one purchase.
    let text = """
      InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID
      536378,22386,10,2010-12-01 09:37:00,1.95,14527
      536378,85099C,10,2010-12-01 09:37:00,2.00,14527
      C536379,D,-1,2010-12-01 09:41:00,27.50,14527
      C536380,D,0,2010-12-01 09:41:00,27.50,14527

      """
    var rules = OrderRules()
    rules.quantityColumn = "Quantity"
    rules.priceColumn = "UnitPrice"
    rules.cancellationPrefix = "C"
    let columns = TransactionColumns(order: "InvoiceNo")
    let read = FileReadSettings(customerColumn: "CustomerID", dateColumn: "InvoiceDate")
    let (log, s) = try Self.load(text, columns: columns, read: read, rules: rules)
    #expect(log.amount == [39.5, -27.5])
    #expect(s.orders == 1 && s.cancelledOrders == 2 && s.cancelledTotal == -27.5)
    #expect(s.refundRows == 1 && s.refundTotal == -27.5)
    #expect(s.keptRows == 4 && Self.invariantHolds(s))
  }

  @Test func shopifyOrderLevelFieldsComeFromTheFirstLine() throws {
    // #1001: 2 lines, Total 55.00, paid, refunded 10.00 → purchase 55 and refund −10;
    // #1002: voided (excluded: 1 order, 3 lines); #1003: by the same e-mail in another case.
    let text = """
      Name,Email,Financial Status,Created at,Currency,Total,Refunded Amount,Lineitem quantity,Lineitem name
      #1001,Ann@Shop.com,partially_refunded,2023-01-05 10:21:33 -0500,USD,55.00,10.00,1,Mug
      #1001,,,,,,,2,Tea
      #1002,bob@shop.com,voided,2023-01-06 11:00:00 -0500,USD,20.00,,1,Mug
      #1002,,,,,,,1,Tea
      #1002,,,,,,,1,Cup
      #1003,ann@shop.com,paid,2023-02-01 09:00:00 -0500,USD,12.50,,1,Tea

      """
    var rules = OrderRules()
    rules.statusColumn = "Financial Status"
    rules.status = StatusFilter(include: ["paid", "partially_paid", "partially_refunded", "refunded"])
    rules.refundColumn = "Refunded Amount"
    rules.currencyColumn = "Currency"
    let columns = TransactionColumns(amount: "Total", order: "Name")
    let read = FileReadSettings(customerColumn: "Email", dateColumn: "Created at", dateFormat: "%Y-%m-%d %H:%M:%S %z")
    let (log, s) = try Self.load(text, columns: columns, read: read, rules: rules)
    #expect(log.customerIDs == ["ann@shop.com"])
    #expect(log.amount == [55, -10, 12.5])
    #expect(log.day.map { CivilDate(day: Int($0)).iso } == ["2023-01-05", "2023-01-05", "2023-02-01"])
    #expect(s.quarantinedRows == 0)
    #expect(s.exclusions == [Exclusion(rule: "status", value: "voided", rows: 3, orders: 1, amount: 20)])
    #expect(s.orders == 2 && s.refundedOrders == 1 && s.refundTotal == -10 && s.keptRows == 3)
    #expect(s.currency == "USD" && s.distinctCustomers == 1 && Self.invariantHolds(s))
  }

  @Test func aContinuationLineWithoutItsOrderIsQuarantined() throws {
    let text = "order_id,customer_id,order_date,amount\nA1,c1,2024-01-01,5\nB9,,,3\n"
    let (_, s) = try Self.load(text)
    #expect(s.quarantineCounts == ["missing_value": 1])
    #expect(s.quarantineSamples.first?.detail == "customer id is empty")
    #expect(s.quarantineSamples.first?.line == 3)
  }

  @Test func mixedCurrenciesAreAnErrorUnlessARuleSaysWhat() throws {
    let text = """
      id,customer_id,order_date,amount,currency
      1,a,2023-01-01,10,usd
      2,b,2023-01-02,20,eur
      3,c,2023-01-03,30,usd
      4,c,2023-01-04,5,

      """
    let columns = TransactionColumns(order: "id")
    var rules = OrderRules()
    rules.currencyColumn = "currency"
    #expect {
      _ = try Self.load(text, columns: columns, rules: rules)
    } throws: { e in
      let m = "\(e)"
      return m.contains("USD (2 orders), EUR (1 orders)") && m.contains("--currency USD") && m.contains("--fx")
    }
    rules.currency = CurrencyRule(keep: "USD")
    let (log, s) = try Self.load(text, columns: columns, rules: rules)
    #expect(log.amount == [10, 30])
    #expect(s.currency == "USD")
    #expect(s.exclusions.map { "\($0.value):\($0.orders):\($0.amount)" } == ["(empty):1:5.0", "EUR:1:20.0"])
    #expect(s.warnings.contains { $0.contains("no currency") })
    rules.currency = CurrencyRule(rates: FXRates(target: "EUR", rates: ["USD": 0.5]))
    let (fx, fs) = try Self.load(text, columns: columns, rules: rules)
    #expect(fx.amount == [5, 20, 15])
    #expect(fs.currency == "EUR")
    rules.currency = CurrencyRule(rates: FXRates(target: "GBP", rates: ["USD": 0.5]))
    #expect(
      throws: OrderRulesError.missingRate(path: "mem.csv", ratesPath: "the rates file", currency: "EUR", orders: 1)
    ) {
      _ = try Self.load(text, columns: columns, rules: rules)
    }
    rules.currency = CurrencyRule(keep: "CHF")
    #expect(throws: OrderRulesError.currencyAbsent(path: "mem.csv", currency: "CHF", present: ["EUR", "USD"])) {
      _ = try Self.load(text, columns: columns, rules: rules)
    }
  }

  @Test func placeholderAndDominantIDsAreLeftOutWithAWarning() throws {
    // 300 customers with one order each, guest id "0" with 40 orders (8.7% of 460), a POS
    // default "9999" with 120 (28.6% of the 420 left, over 5%, and 120× the median 1, over 100×).
    var text = "order_id,customer_id,order_date,amount\n"
    var n = 0
    func row(_ c: String) {
      n += 1
      text += "O\(n),\(c),2024-01-\(String(format2: n % 28 + 1)),10\n"
    }
    for i in 0..<300 { row("C\(i)") }
    for _ in 0..<40 { row("0") }
    for _ in 0..<120 { row("9999") }
    let (log, s) = try Self.load(text)
    #expect(log.customerIDs.count == 300 && s.orders == 300)
    #expect(
      s.exclusions.map { "\($0.rule)=\($0.value):\($0.orders)" } == ["dominant_id=9999:120", "placeholder_id=0:40"])
    #expect(
      s.warnings.contains { $0.contains("'0'") && $0.contains("8.7% of all orders") && $0.contains("--keep-id 0") })
    #expect(
      s.warnings.contains {
        $0.contains("'9999'") && $0.contains("--keep-id 9999") && $0.contains("120×") && $0.contains("28.6%")
      })
    var keep = OrderRules()
    keep.ids.keep = ["0", "9999"]
    let (kept, ks) = try Self.load(text, rules: keep)
    #expect(kept.customerIDs.count == 302 && ks.exclusions.isEmpty && ks.warnings.isEmpty)
  }

  @Test func duplicatesOfAProjectionAreKeptAndStated() throws {
    // A line-level file cut to the columns clv reads: two lines of order 1 are equal
    // (two items of 2.50), which cannot be told from a duplicate.
    let cut = "order_id,customer_id,order_date,amount\n1,a,2024-01-01,2.50\n1,a,2024-01-01,2.50\n1,a,2024-01-01,4\n"
    let (log, s) = try Self.load(cut)
    #expect(log.amount == [9] && s.duplicateRowsDropped == 0)
    #expect(s.warnings.contains { $0.contains("1 lines are identical") && $0.contains("full export") })
    // The full lines carry a SKU: the equal lines are a real duplicate, found on whole lines.
    let full =
      "order_id,sku,customer_id,order_date,amount\n1,X,a,2024-01-01,2.50\n1,Y,a,2024-01-01,2.50\n"
      + "1,Y,a,2024-01-01,2.50\n1,Z,a,2024-01-01,4\n"
    let (flog, fs) = try Self.load(full)
    #expect(flog.amount == [9] && fs.duplicateRowsDropped == 1 && fs.warnings.isEmpty)
    // One row per order (the sample's shape): an equal row is a duplicate.
    let orders =
      "order_id,customer_id,order_date,amount\n1,a,2024-01-01,2.50\n1,a,2024-01-01,2.50\n"
      + "1,a,2024-01-09,-2.50\n"
    let (olog, os) = try Self.load(orders)
    #expect(olog.amount == [2.5, -2.5] && os.duplicateRowsDropped == 1 && os.warnings.isEmpty)
  }

  @Test func aGuestsLineItemOrderIsCountedAsTheGuestsLines() throws {
    // Shopify: a guest checkout (no e-mail) of three lines; the continuation lines carry
    // only the order name. All three are the guest's lines, none is a bad row; an orphan
    // continuation line (its first line missing) still is.
    let text =
      "Name,Email,Created at,Total,Lineitem name\n#1,a@x.test,2024-01-02,30,Tea\n#1,,,,Cup\n"
      + "#2,,2024-01-03,40,Tea\n#2,,,,Cup\n#2,,,,Pot\n#3,b@x.test,2024-01-04,5,Tea\n#9,,,,Lid\n"
    var read = FileReadSettings()
    read.customerColumn = "Email"
    read.dateColumn = "Created at"
    let (log, s) = try Self.load(text, columns: TransactionColumns(amount: "Total", order: "Name"), read: read)
    #expect(s.noCustomerIDRows == 3 && s.quarantineCounts == ["missing_value": 1])
    #expect(log.amount == [30, 5] && s.keptRows == 3)
  }

  @Test func anOrderLevelFileWithAStraySecondLineStillDropsItsCopies() throws {
    // The bundled sample's shape: one line per order, exact copies planted next to their
    // originals, and (1 order in 200) a second line that differs in its amount (a planted
    // '$12' read as 12). That one order does not make the file line-level: the copies are
    // duplicates, the odd line is part of its order.
    var text = "customer_id,order_id,order_date,amount\n"
    for i in 1...200 {
      let line = "C\(i % 37),O\(i),2024-02-\(String(format2: i % 28 + 1)),\(i).25\n"
      text += line
      if i % 10 == 0 { text += line }
      if i == 77 { text += "C\(i % 37),O\(i),2024-02-\(String(format2: i % 28 + 1)),$12\n" }
    }
    let (log, s) = try Self.load(text)
    #expect(s.duplicateRowsDropped == 20 && s.warnings.isEmpty)
    #expect(log.count == 200 && s.orders == 200 && s.keptRows == 201)
    // Order O77 is its two lines: 77.25 + 12; the others their own amount.
    #expect(log.amount[76] == 89.25)
    let expected = (1...200).reduce(0.0) { $0 + Double($1) + 0.25 } + 12
    #expect(abs(log.amount.reduce(0, +) - expected) < 1e-9)
  }
}

extension String {
  fileprivate init(format2 n: Int) { self = n < 10 ? "0\(n)" : "\(n)" }
}

@Suite struct OrderKeysTests {
  @Test func consecutiveLinesOfAnIdAreOneOrderAndALaterOneIsItsOwn() throws {
    // Order A"1 (quoted, with an escaped quote) has two lines; B one; A"1 again later
    // (a refund booked under the order's id) is a row of its own on its day.
    let text = """
      order_id,sku,customer_id,order_date,amount
      "A""1",x,c1,2024-01-01,5
      "A""1",z,c1,2024-01-01,3
      B,y,c2,2024-01-01,7
      "A""1",r,c1,2024-01-09,-3

      """
    let (log, s) = try OrderAssemblerTests.load(text)
    #expect(log.amount == [8, 7, -3])
    #expect(s.orders == 2 && s.refundRows == 1 && s.keptRows == 4)
  }
}

@Suite struct PlainPathTests {
  /// The one-pass path for plain files gives exactly what the general path gives (forced
  /// here by a cancellation prefix no order id has), on random files with duplicates,
  /// refunds, zero amounts, float ids and mixed-case e-mails.
  @Test(arguments: [1, 2, 3, 4, 5])
  func plainPathEqualsTheGeneralPath(seed: UInt64) throws {
    var rng = SeededGenerator(seed: seed)
    var text = "order_id,customer_id,order_date,amount\n"
    var rows = [String]()
    for k in 0..<400 {
      let i = Int.random(in: 0..<30, using: &rng)
      let c = ["1\(i).0", "1\(i)", "A\(i)@X.com", "a\(i)@x.com"][Int.random(in: 0..<4, using: &rng)]
      let amount = [0, -5, 12.5, 30, 7.25][Int.random(in: 0..<5, using: &rng)]
      rows.append(
        "O\(k),\(c),2024-0\(Int.random(in: 1...9, using: &rng))-1\(Int.random(in: 0...9, using: &rng)),\(amount)")
      if Int.random(in: 0..<20, using: &rng) == 0 { rows.append(rows.last!) }
    }
    text += rows.joined(separator: "\n") + "\n"
    let (plain, ps) = try OrderAssemblerTests.load(text)
    var forced = OrderRules()
    forced.cancellationPrefix = "\u{1}"
    let (general, gs) = try OrderAssemblerTests.load(text, rules: forced)
    #expect(plain == general)
    #expect(ps == gs)
    #expect(ps.duplicateRowsDropped > 0 && ps.refundRows > 0 && plain.customerIDs.count <= 60)
  }
}

/// SplitMix64 for reproducible test data.
struct SeededGenerator: RandomNumberGenerator {
  var state: UInt64
  init(seed: UInt64) { state = seed }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
