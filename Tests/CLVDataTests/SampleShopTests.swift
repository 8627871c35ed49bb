import CLVMath
import Testing

@testable import CLVData

/// The generator is checked two ways: the loaders must count exactly what it says it
/// planted (an outside check of both), and the planted signal must be visible in the
/// output with the effect sizes stated in `SampleShop`'s documentation.
@Suite struct SampleShopTests {
  static let shop = SampleShop(customers: 1200)
  static let files: SampleShopFiles = {
    var rng = SplitMix64(seed: 7)
    return shop.generate(using: &rng)
  }()

  @Test func sameSeedSameBytesDifferentSeedDifferentBytes() {
    var a = SplitMix64(seed: 7)
    var b = SplitMix64(seed: 8)
    let small = SampleShop(customers: 150)
    let x = small.generate(using: &a)
    var a2 = SplitMix64(seed: 7)
    let y = small.generate(using: &a2)
    let z = small.generate(using: &b)
    #expect(x.transactions == y.transactions && x.customers == y.customers && x.events == y.events)
    #expect(x.transactions != z.transactions)
    #expect(x.events != z.events)
  }

  @Test func loadersCountExactlyWhatWasPlanted() throws {
    let f = Self.files
    let s = f.stats
    let (log, tx) = try TransactionLoader().load(bytes: f.transactions, path: "transactions.csv")
    #expect(tx.duplicateRowsDropped == s.duplicateTransactions)
    #expect(tx.quarantineCounts == s.malformedTransactions)
    #expect(tx.noCustomerIDRows == s.transactionsWithoutID)
    #expect(tx.refundRows == s.refunds)
    #expect(tx.keptRows == s.orders + s.refunds)
    #expect(tx.distinctCustomers == s.buyers)
    #expect(log.customerIDs.count == s.buyers)
    #expect(tx.lastDay.map { $0 <= 20726 } == true)

    let (events, ev) = try EventLoader().load(bytes: f.events, path: "events.csv")
    #expect(ev.duplicateRowsDropped == s.duplicateEvents)
    #expect(ev.quarantineCounts == s.malformedEvents)
    #expect(ev.noCustomerIDRows == s.eventsWithoutID)
    #expect(events.eventTypes == ["cart", "email_click", "support", "view", "wishlist"])

    let (profiles, pr) = try ProfileLoader().load(bytes: f.customers, path: "customers.csv")
    #expect(profiles.count == s.customers)
    #expect(pr.duplicateIDsDropped == s.duplicateProfileIDs)
    #expect(pr.quarantineCounts == s.malformedProfiles)
    #expect(pr.noCustomerIDRows == s.profilesWithoutID)
    #expect(profiles.signupColumn == "signup_date")
    #expect(profiles.attribute("channel")?.levels == ["email", "organic", "paid_search", "referral", "social"])
    #expect(profiles.attribute("loyalty_member")?.isNumeric == false)
  }

  @Test func sharesArePlausible() {
    let s = Self.files.stats
    let refundShare = Double(s.refunds) / Double(s.orders)
    #expect(refundShare > 0.015 && refundShare < 0.035, "refund share \(refundShare)")
    let duplicateShare = Double(s.duplicateTransactions) / Double(s.orders)
    #expect(duplicateShare > 0.002 && duplicateShare < 0.009, "duplicate share \(duplicateShare)")
    let coldShare = 1 - Double(s.buyers) / Double(s.customers)
    #expect(coldShare > 0.12 && coldShare < 0.4, "customers without orders \(coldShare)")
    let ordersPerBuyer = Double(s.orders) / Double(s.buyers)
    #expect(ordersPerBuyer > 3 && ordersPerBuyer < 10, "orders per buyer \(ordersPerBuyer)")
  }

  /// Effects planted in SampleShopCustomer/Activity must survive into the files.
  @Test func plantedSignalIsVisible() throws {
    let f = Self.files
    let (log, _) = try TransactionLoader().load(bytes: f.transactions, path: "t.csv")
    let (profiles, _) = try ProfileLoader().load(bytes: f.customers, path: "c.csv")
    let (events, _) = try EventLoader().load(bytes: f.events, path: "e.csv")
    let row = profiles.rowIndexByID()
    let loyal = try #require(profiles.attribute("loyalty_member")).values

    // Loyalty members spend more per order (planted ×1.35 on spend).
    var sums = [0.0, 0.0], counts = [0.0, 0.0]
    for i in 0..<log.count where log.amount[i] > 0 {
      let k = loyal[row[log.customerIDs[Int(log.customer[i])]] ?? 0] == "true" ? 1 : 0
      sums[k] += log.amount[i]
      counts[k] += 1
    }
    let spendRatio = (sums[1] / counts[1]) / (sums[0] / counts[0])
    #expect(spendRatio > 1.15, "loyal/non-loyal order value \(spendRatio)")

    // Seasonality: Nov–Dec 2025 has more orders per day than Sep–Oct 2025 (planted 1.7 vs 1.0).
    let sepOct = try #require(CivilDate(year: 2025, month: 9, day: 1)).day
    let novDec = try #require(CivilDate(year: 2025, month: 11, day: 1)).day
    let jan = try #require(CivilDate(year: 2026, month: 1, day: 1)).day
    let before = log.day.filter { $0 >= sepOct && $0 < novDec }.count
    let peak = log.day.filter { $0 >= novDec && $0 < jan }.count
    let seasonRatio = (Double(peak) / Double(jan - novDec)) / (Double(before) / Double(novDec - sepOct))
    #expect(seasonRatio > 1.3, "Nov–Dec vs Sep–Oct orders per day \(seasonRatio)")

    // Behaviour: buyers who order again in the last 90 days had more events in the 30
    // days before that cutoff than buyers who did not.
    let cutoff = Int32(20726 - 90)
    var boughtBefore = Set<String>(), boughtAfter = Set<String>()
    for i in 0..<log.count where log.amount[i] > 0 {
      let id = log.customerIDs[Int(log.customer[i])]
      if log.day[i] < cutoff { boughtBefore.insert(id) } else { boughtAfter.insert(id) }
    }
    var recent: [String: Int] = [:]
    for i in 0..<events.count where events.day[i] >= cutoff - 30 && events.day[i] < cutoff {
      recent[events.customerIDs[Int(events.customer[i])], default: 0] += 1
    }
    let returning = boughtBefore.filter { boughtAfter.contains($0) }
    let lapsed = boughtBefore.filter { !boughtAfter.contains($0) }
    let meanReturning = Double(returning.map { recent[$0] ?? 0 }.reduce(0, +)) / Double(returning.count)
    let meanLapsed = Double(lapsed.map { recent[$0] ?? 0 }.reduce(0, +)) / Double(lapsed.count)
    #expect(meanReturning > 1.5 * meanLapsed, "recent events returning \(meanReturning) vs lapsed \(meanLapsed)")
  }
}
