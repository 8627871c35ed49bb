import CLVData
import CLVMath
import Testing

@testable import CLVFeatures

/// A hand-computed tiny log. Days are small integers (days since 1970-01-01).
///
/// Customer A: day 10 buys 20 and 5 (same day → one purchase day worth 25),
/// day 40 buys 30, day 70 refunds −10 (refund-only day), day 100 buys 50.
/// Customer B: day 95 buys 12. Customer C: only a purchase at day 200 (after cutoff).
@Suite struct FeatureBuilderTests {
  static let log = TransactionLog(
    customerIDs: ["A", "B", "C"],
    customer: [0, 0, 0, 0, 1, 0, 2],
    day: [10, 10, 40, 70, 95, 100, 200],
    amount: [20, 5, 30, -10, 12, 50, 7])

  let builder = FeatureBuilder(ledger: PurchaseLedger(Self.log))

  func value(_ t: FeatureTable, _ name: String, _ row: Int) -> Double {
    t.numeric(name)!.values[row]
  }

  @Test func ledgerMergesSameDayPurchases() {
    let l = PurchaseLedger(Self.log)
    #expect(l.day[l.start[0]..<l.start[1]] == [10, 40, 70, 100])
    #expect(l.gross[l.start[0]..<l.start[1]] == [25, 30, 0, 50])
    #expect(l.refund[l.start[0]..<l.start[1]] == [0, 0, -10, 0])
  }

  /// A ledger built from rows in any order holds the same entries as one built from rows
  /// in time order (the per-customer sort is skipped only when it would not move a row), and
  /// each customer's first purchase day is the first entry with an order (a refund-only first
  /// day does not count; a customer with refunds only has none).
  @Test func ledgerIsTheSameWhateverTheRowOrder() {
    var customer = [Int32](), day = [Int32](), amount = [Double]()
    var state: UInt64 = 7
    func next(_ n: UInt64) -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (state >> 33) % n
    }
    for c in 0..<200 {
      let rows = Int(next(6))
      for k in 0..<rows {
        customer.append(Int32(c))
        day.append(Int32(k * 3 + Int(next(4))))
        amount.append(c % 17 == 0 ? -Double(next(50) + 1) : Double(next(100)) - 10)
      }
    }
    let ids = (0..<200).map { "c\($0)" }
    let inOrder = (0..<customer.count).sorted { (day[$0], $0) < (day[$1], $1) }
    var shuffled = Array(0..<customer.count)
    for i in shuffled.indices.reversed() { shuffled.swapAt(i, Int(next(UInt64(i + 1)))) }
    func log(_ rows: [Int]) -> TransactionLog {
      TransactionLog(customerIDs: ids, customer: rows.map { customer[$0] }, day: rows.map { day[$0] }, amount: rows.map { amount[$0] })
    }
    let a = PurchaseLedger(log(inOrder)), b = PurchaseLedger(log(shuffled))
    #expect(a.start == b.start && a.day == b.day && a.orders == b.orders)
    #expect(a.gross.map(\.bitPattern) == b.gross.map(\.bitPattern))
    #expect(a.refund.map(\.bitPattern) == b.refund.map(\.bitPattern))
    var withoutPurchase = 0
    for c in 0..<200 {
      let scanned = (a.start[c]..<a.start[c + 1]).first { a.orders[$0] > 0 }.map { a.day[$0] }
      #expect(a.firstPurchaseDay(of: c) == scanned && b.firstPurchaseDay(of: c) == scanned, "customer \(c)")
      if scanned == nil { withoutPurchase += 1 }
    }
    #expect(withoutPurchase > 0 && withoutPurchase < 200)
  }

  /// The directory of a transaction log alone (one sort of the ids' indices) is the join of
  /// the general path (a dictionary of ids, its keys sorted): duplicate ids keep their first
  /// spelling and their last row, canonically equal spellings are one id.
  @Test func directoryFromTheLedgerAloneIsTheJoin() {
    let list = ["b", "a", "é", "c", "a", "e\u{301}", "Z", "ab", "", "b"]
    var index = [String: Int]()
    for (i, id) in list.enumerated() { index[id] = i }
    let expectedIDs = Set(index.keys).sorted()
    let (ids, rows) = CustomerDirectory.sortedIDs(list)
    #expect(ids.count == expectedIDs.count)
    #expect(zip(ids, expectedIDs).allSatisfy { Array($0.utf8) == Array($1.utf8) })
    #expect(rows == expectedIDs.map { index[$0]! })
    #expect(ids.contains { Array($0.utf8) == Array("é".utf8) }, "the first spelling is kept")
  }

  /// A table of 40,000 customers (three blocks of rows filled side by side) holds each
  /// customer's features bit for bit as a table of that customer alone, with one thread or two.
  @Test func featuresFilledSideBySideAreEachRowsOwn() {
    var customer = [Int32](), day = [Int32](), amount = [Double]()
    var state: UInt64 = 11
    func next(_ n: UInt64) -> UInt64 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return (state >> 33) % n
    }
    let customers = 40_000
    for c in 0..<customers {
      for _ in 0..<Int(next(5)) {
        customer.append(Int32(c))
        day.append(Int32(next(700)))
        amount.append(Double(next(20_000)) / 100 - 20)
      }
    }
    let log = TransactionLog(
      customerIDs: (0..<customers).map { "id\($0)" }, customer: customer, day: day, amount: amount)
    let builder = FeatureBuilder(ledger: PurchaseLedger(log))
    let rows = Array(builder.directory.ids.indices)
    let limit = WorkPool.shared.threadLimit
    defer { WorkPool.shared.threadLimit = limit }
    WorkPool.shared.threadLimit = 1
    let one = builder.features(for: rows, asOf: 650)
    WorkPool.shared.threadLimit = 2
    let two = builder.features(for: rows, asOf: 650)
    #expect(one.numeric.map { $0.values.map(\.bitPattern) } == two.numeric.map { $0.values.map(\.bitPattern) })
    var differing = 0
    for r in Swift.stride(from: 0, to: rows.count, by: 37) {
      let alone = builder.features(for: [rows[r]], asOf: 650)
      for (a, b) in zip(alone.numeric, two.numeric) where a.values[0].bitPattern != b.values[r].bitPattern {
        differing += 1
      }
    }
    #expect(differing == 0)
    #expect(two.numeric(FeatureKey.frequency.rawValue)!.values.contains { $0 > 0 })
  }

  @Test func knownCustomersExcludeFutureBuyers() {
    #expect(builder.knownCustomers(before: 150).map { builder.directory.ids[$0] } == ["A", "B"])
    #expect(builder.knownCustomers(before: 96).map { builder.directory.ids[$0] } == ["A", "B"])
    #expect(builder.knownCustomers(before: 95).map { builder.directory.ids[$0] } == ["A"])
  }

  @Test func handComputedFeaturesAsOfDay150() {
    let t = builder.features(for: [0, 1], asOf: 150)
    // A: purchase days 10, 40, 100 → x = 2; last = 100 → recency 50; first = 10 → tenure 140.
    #expect(value(t, "frequency", 0) == 2)
    #expect(value(t, "recency_days", 0) == 50)
    #expect(value(t, "tenure_days", 0) == 140)
    #expect(value(t, "active_span_days", 0) == 90)
    // Net spend 25 + 30 − 10 + 50 = 95; mean per purchase day 95 / 3.
    #expect(value(t, "total_spend", 0) == 95)
    #expect(abs(value(t, "mean_order_value", 0) - 95.0 / 3) < 1e-12)
    // Repeat purchase days are worth 30 and 50 → 40 (the refund day is no purchase).
    #expect(value(t, "mean_repeat_spend", 0) == 40)
    #expect(value(t, "first_purchase_amount", 0) == 25)
    #expect(value(t, "max_order_value", 0) == 50)
    // Gaps 30 and 60: mean 45, sd √((15² + 15²) / 1) = 21.213…
    #expect(value(t, "gap_mean_days", 0) == 45)
    #expect(abs(value(t, "gap_sd_days", 0) - 450.0.squareRoot()) < 1e-9)
    #expect(abs(value(t, "overdue_ratio", 0) - 50.0 / 45) < 1e-12)
    // Windows before 150: day 100 (age 50) and day 70 (age 80) are within 90 days.
    #expect(value(t, "spend_90d", 0) == 40)
    #expect(value(t, "spend_30d", 0) == 0)
    #expect(value(t, "purchases_90d", 0) == 1)
    #expect(value(t, "refund_count", 0) == 1)
    #expect(abs(value(t, "refund_share", 0) - 10.0 / 105) < 1e-12)
    // B: one purchase → x = 0, gaps undefined, repeat spend undefined.
    #expect(value(t, "frequency", 1) == 0)
    #expect(value(t, "recency_days", 1) == 55)
    #expect(value(t, "gap_mean_days", 1).isNaN)
    #expect(value(t, "mean_repeat_spend", 1).isNaN)
  }

  @Test func onlyDataBeforeTheCutoffIsUsed() {
    // As of day 100 (exclusive) the purchase on day 100 is unknown.
    let t = builder.features(for: [0], asOf: 100)
    #expect(value(t, "frequency", 0) == 1)
    #expect(value(t, "total_spend", 0) == 45)
  }

  @Test func labelsAreNetSpendInTheWindowFlooredAtZero() {
    #expect(builder.labels(for: [0, 1, 2], from: 60, to: 150) == [40, 12, 0])
    #expect(builder.labels(for: [0], from: 60, to: 90) == [0])  // −10 refund floored
  }

  @Test func behaviourWindowsCountEventsBeforeTheCutoff() {
    let behaviour = BehaviourLedger(
      customerIDs: ["B", "A"], eventTypes: ["cart", "view"], customer: [1, 1, 1, 0],
      day: [149, 120, 150, 10], type: [1, 0, 1, 1])
    let b = FeatureBuilder(ledger: PurchaseLedger(Self.log), behaviour: behaviour)
    let t = b.features(for: [0, 1], asOf: 150)  // rows A, B
    #expect(value(t, "events_view_7d", 0) == 1)  // day 149; day 150 is not before the cutoff
    #expect(value(t, "events_cart_30d", 0) == 1)  // day 120 (age 30)
    #expect(value(t, "events_cart_7d", 0) == 0)
    #expect(value(t, "days_since_last_event", 0) == 1)
    #expect(value(t, "events_90d", 1) == 0)  // B's event on day 10 is 140 days old
    #expect(value(t, "days_since_last_event", 1) == 140)
  }
}

@Suite struct HorizonAndSplitTests {
  @Test(arguments: [("90d", 90), ("26w", 182), ("1y", 365)])
  func horizonLengths(_ text: String, _ days: Int) throws {
    // 2026-10-01 is day 20362; the year before it has 365 days.
    #expect(try Horizon(parsing: text).days(endingAt: 20362) == days)
  }

  @Test func monthsClampTheDayOfMonth() throws {
    // 2025-03-31 (day 20178) − 1 month = 2025-02-28 (day 20147).
    #expect(try Horizon(parsing: "1m").subtracted(from: 20178) == 20147)
  }

  @Test(arguments: ["", "d", "-5d", "12q", "1.5m"])
  func invalidHorizons(_ text: String) {
    #expect(throws: FeatureError.self) { try Horizon(parsing: text) }
  }

  @Test func splitFractionsAndStability() {
    let s = SplitAssigner(seed: 7)
    let ids = (0..<20_000).map { "C\($0)" }
    let counts = Dictionary(grouping: ids, by: { s.split(of: $0) }).mapValues(\.count)
    #expect(abs(Double(counts[.train]!) / 20_000 - 0.70) < 0.015)
    #expect(abs(Double(counts[.validation]!) / 20_000 - 0.15) < 0.01)
    #expect(abs(Double(counts[.test]!) / 20_000 - 0.15) < 0.01)
    // Same seed, same assignment; another seed moves customers.
    #expect(ids.map { s.split(of: $0) } == ids.map { SplitAssigner(seed: 7).split(of: $0) })
    #expect(ids.map { s.split(of: $0) } != ids.map { SplitAssigner(seed: 8).split(of: $0) })
  }

  @Test func backtestPlanOrigins() throws {
    // Two years of data: first day 19997 (2024-10-01), as of 20727 (2026-10-01), horizon 1y.
    let plan = BacktestPlan(asOf: 20727, horizon: try Horizon(parsing: "1y"), firstDay: 19997)
    #expect(plan.cutoff == 20362)
    #expect(plan.origins == [20362, 20271, 20180])
    #expect(plan.labelWindow(origin: 20180) == 20180..<20545)
    let short = BacktestPlan(asOf: 20100, horizon: try Horizon(parsing: "1y"), firstDay: 20000)
    #expect(!short.isFeasible)
    #expect(short.infeasibleReason != nil)
  }
}
