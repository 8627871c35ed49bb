import CLVMath

/// Turns ``SampleShop``'s simulated rows into CSV bytes, adding refunds and — when
/// `dirt` is on — exact duplicates and malformed rows, counting everything it plants.
struct SampleShopWriter {
  let dirt: Bool
  /// First second after the window (refunds past it are not written).
  let endSecond: Int
  var stats = SampleShopStats()

  static let duplicateShare = 0.005
  static let malformedShare = 0.001
  static let refundShare = 0.025

  /// transactions.csv: orders sorted by time, order ids in time order, refunds.
  mutating func transactions(
    _ orders: [(second: Int, customer: Int, cents: Int)], people: [SampleShopCustomer],
    using rng: inout some RandomNumberGenerator
  ) -> [UInt8] {
    let sorted = orders.sorted { ($0.second, $0.customer) < ($1.second, $1.customer) }
    var rows: [(second: Int, customer: Int, order: Int, cents: Int)] = []
    for (k, o) in sorted.enumerated() {
      rows.append((o.second, o.customer, k + 1, o.cents))
      guard rng.nextUniform() < Self.refundShare else { continue }
      // A refund of the whole order (three in four) or half of it, 2–30 days later.
      let later = o.second + (2 + Int(rng.next() % 29)) * 86_400 + Int(rng.next() % 3600)
      let cents = rng.nextUniform() < 0.75 ? o.cents : o.cents / 2
      if later < endSecond { rows.append((later, o.customer, k + 1, -cents)) }
    }
    rows.sort { ($0.second, $0.customer, $0.order) < ($1.second, $1.customer, $1.order) }
    stats.orders = sorted.count
    stats.refunds = rows.count - sorted.count

    var w = CSVWriter(header: ["customer_id", "order_id", "order_date", "amount"], guardsFormulas: false)
    for r in rows {
      let cells = [people[r.customer].id, Self.orderID(r.order), Self.timestamp(r.second), Self.money(r.cents)]
      w.appendRow(cells.map(CSVCell.raw))
      guard dirt else { continue }
      if rng.nextUniform() < Self.duplicateShare {
        w.appendRow(cells.map(CSVCell.raw))
        stats.duplicateTransactions += 1
      }
      if rng.nextUniform() < Self.malformedShare {
        var bad = cells
        // The order of the faults fixes which the seeded draw picks (the bundled files depend on it).
        let fault: QuarantineReason? = [nil, .badDate, .badAmount, .wrongColumnCount][Int(rng.next() % 4)]
        switch fault {
        case nil: bad[0] = ""
        case .badDate: bad[2] = ["2026-02-30", "31/12/2025", "", "yesterday"][Int(rng.next() % 4)]
        case .badAmount:
          bad[3] = ["N/A", "\(abs(r.cents) / 100),\(abs(r.cents) % 100)", "", "$12"][Int(rng.next() % 4)]
        case .wrongColumnCount, .missingValue, .dateOutOfRange, .amountOutOfRange, .nulByte:
          bad = rng.nextUniform() < 0.5 ? Array(bad.prefix(3)) : bad + ["gift"]
        }
        w.appendRow(bad.map(CSVCell.raw))
        if let fault {
          stats.malformedTransactions[fault.rawValue, default: 0] += 1
        } else {
          stats.transactionsWithoutID += 1
        }
      }
    }
    return w.bytes
  }

  /// customers.csv: one row per customer, plus a few planted faults.
  mutating func profiles(_ people: [SampleShopCustomer], using rng: inout some RandomNumberGenerator) -> [UInt8] {
    var w = CSVWriter(
      header: ["customer_id", "signup_date", "channel", "region", "device", "age_band", "loyalty_member"],
      guardsFormulas: false)
    func cells(_ c: SampleShopCustomer) -> [String] {
      [
        c.id, CivilDate(day: c.signupDay).iso, c.channel, c.region, c.device, c.ageBand,
        c.loyaltyMember ? "true" : "false",
      ]
    }
    for c in people { w.appendRow(cells(c).map(CSVCell.raw)) }
    if dirt && people.count >= 50 {
      // Two re-registrations (same id, another channel; the first row must win) …
      for _ in 0..<2 {
        var row = cells(people[Int(rng.next() % UInt64(people.count))])
        row[2] = "unknown"
        w.appendRow(row.map(CSVCell.raw))
        stats.duplicateProfileIDs += 1
      }
      // … one row without an id and one with an impossible signup date.
      var noID = cells(people[0])
      noID[0] = ""
      w.appendRow(noID.map(CSVCell.raw))
      stats.profilesWithoutID += 1
      var badDate = cells(people[people.count - 1])
      badDate[0] += "X"
      badDate[1] = "2025-13-01"
      w.appendRow(badDate.map(CSVCell.raw))
      stats.malformedProfiles[QuarantineReason.badDate.rawValue, default: 0] += 1
    }
    return w.bytes
  }

  /// events.csv: events sorted by time, with tracker double-fires and a few broken rows.
  mutating func events(
    _ events: [(second: Int, customer: Int, type: Int)], people: [SampleShopCustomer],
    using rng: inout some RandomNumberGenerator
  ) -> [UInt8] {
    let sorted = events.sorted { ($0.second, $0.customer, $0.type) < ($1.second, $1.customer, $1.type) }
    stats.events = sorted.count
    var w = CSVWriter(header: ["customer_id", "timestamp", "event_type"], guardsFormulas: false)
    var previous: [String] = []
    for e in sorted {
      let cells = [people[e.customer].id, Self.timestamp(e.second), SampleShopActivity.eventTypes[e.type]]
      // Two identical events in the same second are real duplicates already; count them.
      if cells == previous { stats.duplicateEvents += 1 }
      previous = cells
      w.appendRow(cells.map(CSVCell.raw))
      guard dirt else { continue }
      if rng.nextUniform() < 0.002 {
        w.appendRow(cells.map(CSVCell.raw))
        stats.duplicateEvents += 1
      }
      if rng.nextUniform() < 0.0005 {
        var bad = cells
        let fault: QuarantineReason? = [nil, .badDate, .missingValue, .wrongColumnCount][Int(rng.next() % 4)]
        switch fault {
        case nil: bad[0] = ""
        case .badDate: bad[1] = "2026-02-30T10:00:00Z"
        case .missingValue: bad[2] = ""
        case .wrongColumnCount, .badAmount, .dateOutOfRange, .amountOutOfRange, .nulByte: bad.append("extra")
        }
        w.appendRow(bad.map(CSVCell.raw))
        if let fault {
          stats.malformedEvents[fault.rawValue, default: 0] += 1
        } else {
          stats.eventsWithoutID += 1
        }
      }
    }
    return w.bytes
  }

  /// `O0000123`.
  static func orderID(_ n: Int) -> String {
    let s = String(n)
    return "O" + String(repeating: "0", count: max(0, 7 - s.count)) + s
  }

  /// `12.34` / `-12.34` from cents.
  static func money(_ cents: Int) -> String {
    let a = abs(cents)
    let frac = a % 100
    return (cents < 0 ? "-" : "") + "\(a / 100)." + (frac < 10 ? "0" : "") + "\(frac)"
  }

  /// `2025-11-28T14:03:11Z` from epoch seconds.
  static func timestamp(_ second: Int) -> String {
    let day = second >= 0 ? second / 86_400 : (second - 86_399) / 86_400
    let s = second - day * 86_400
    func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
    return CivilDate(day: day).iso + "T" + two(s / 3600) + ":" + two(s / 60 % 60) + ":" + two(s % 60) + "Z"
  }
}
