/// Turns a transaction file's lines into the orders the shop counts, and those into a
/// ``TransactionLog`` with one row per order (plus one refund row per order with a
/// refunded amount).
///
/// 1. **Orders.** Consecutive lines that share an order id form one order (see
///    ``OrderKeys``; lines without an order id, or a file without an order column: one
///    line, one order). An order's value is
///    the sum of its lines' values; its customer, date, status, refund and currency are
///    taken from the first of its lines that has them, so order-level fields written on
///    the first line only (Shopify) are found and the other lines are not bad rows. A
///    line dated on another day than its order (a refund booked later under the order's
///    id) is a row of its own on its day.
/// 2. **Unusable orders.** An order none of whose lines names a customer (continuation
///    lines without their first line) → its lines are quarantined (`missing_value`).
/// 3. **Exclusions**, counted per rule and value (``Exclusion``), in this order: a status
///    the ``StatusFilter`` does not keep; a currency other than ``CurrencyRule/keep`` (or
///    none at all); a placeholder id (``CustomerIDRules/isPlaceholder(_:)``); a dominant
///    id (``DominantCustomerRule``) among the remaining purchase orders.
/// 4. **Currencies.** More than one currency left and no rule → an error; with rates,
///    values and refunds are converted (`× rate`).
/// 5. **Meaning.** An order whose id starts with the cancellation prefix is a
///    cancellation: its value, made negative, is netted against the customer's spend
///    and it is no purchase (a zero-value cancellation leaves no row). An order with a
///    refunded amount r > 0 stays a purchase of its full value, with a row −r on the
///    same day netted against it. Any other order with a negative value is a refund row.
///
/// **Duplicates** are found on whole lines by the caller (``duplicate`` flags): an exact
/// copy of a line is a duplicate, not a second item (a line number or line id column
/// makes real lines differ). Only when the lines carry no column besides the ones read
/// (`linesDistinguishable` false) and the file is line-level (at least
/// ``lineLevelShare`` of its orders have two distinct lines on one day: a line-item file
/// cut down to order, customer, date and amount) may two equal lines of one order be
/// two real items of the same value: duplicates are then kept, and a warning says so,
/// rather than silently dropping real lines. An order-level file (the bundled sample:
/// 3 of 48k orders with a stray second line) keeps dropping its exact copies.
///
/// Cost: O(lines) with a counting sort by order number; per order a few array reads; per
/// distinct customer id one canonicalisation (skipped when no id changes).
struct OrderAssembler {
  /// The share of orders with several distinct lines on one day from which a file is
  /// line-level (1%; real line-item exports have most orders so, order-level ones next
  /// to none).
  static let lineLevelShare = 0.01

  var rules: OrderRules
  /// The file's path, for messages.
  var path: String

  /// The orders' resolved fields, struct of arrays (millions of orders; the optional
  /// columns only when the file has them).
  private struct Orders {
    var customer: [Int32] = []  // index into the canonical ids, or none
    var day: [Int32] = []
    /// Value of the lines on the order's day (or without a date).
    var value: [Double] = []
    /// counted, quarantined, or ≥ 0: index into the exclusions.
    var fate: [Int32] = []
    var status: [Int32] = []
    var refund: [Double] = []
    var currency: [Int32] = []
    /// Lines on other days than their order's: (order, day, summed value), by order.
    var extras: [(order: Int32, day: Int32, value: Double)] = []
    var conflicts = 0

    static let counted: Int32 = -2
    static let quarantined: Int32 = -1
  }

  /// Assembles the orders, fills `summary` (kept rows, orders, refunds, exclusions,
  /// warnings, currency, dates, customers) and returns the log. Lines that cannot be
  /// used are reported through `quarantine(lineIndex, reason, detail)`.
  /// - Throws: ``OrderRulesError`` for mixed currencies without a rule, a kept
  ///   currency that no order has, or a currency without a rate.
  func assemble(
    _ lines: inout OrderLines, duplicate: [Bool], linesDistinguishable: Bool, summary: inout IngestSummary,
    quarantine: (Int, QuarantineReason, String) -> Void
  ) throws -> TransactionLog {
    var isDuplicate = duplicate.isEmpty ? [Bool](repeating: false, count: lines.count) : duplicate
    let (spellingToCanonical, canonicalIDs) = Self.canonicalise(lines.customerSpellings, rules.ids)
    if let log = plainLog(&lines, isDuplicate, spellingToCanonical, canonicalIDs, &summary) { return log }
    var groups = OrderGroups(lines, skipping: isDuplicate)
    if !linesDistinguishable, isDuplicate.contains(true),
      groups.isLineLevel(day: lines.day, share: Self.lineLevelShare)
    {
      let kept = isDuplicate.reduce(0) { $0 + ($1 ? 1 : 0) }
      summary.warnings.append(
        "\(kept) lines are identical to another line of the same order; they were kept, because this file has "
          + "only the columns clv reads and two lines of one order with the same value cannot be told from a "
          + "duplicate. Give the full export (with its product or SKU columns) so duplicates are found on whole lines")
      isDuplicate = [Bool](repeating: false, count: lines.count)
      groups = OrderGroups(lines, skipping: isDuplicate)
    }
    summary.duplicateRowsDropped = isDuplicate.reduce(0) { $0 + ($1 ? 1 : 0) }
    var o = resolve(lines, groups, spellingToCanonical)
    // Each order's extras: they were appended order by order, so each order's are contiguous.
    var extraOf = [Int32: Range<Int>]()
    if !o.extras.isEmpty {
      var i = 0
      while i < o.extras.count {
        var j = i + 1
        while j < o.extras.count, o.extras[j].order == o.extras[i].order { j += 1 }
        extraOf[o.extras[i].order] = i..<j
        i = j
      }
    }
    func total(_ i: Int) -> Double {
      var v = o.value[i]
      if !extraOf.isEmpty, let r = extraOf[Int32(i)] { for e in o.extras[r] { v += e.value } }
      return v
    }

    var exclusions = [Exclusion]()
    var exclusionIndex = [String: Int]()
    func exclude(_ i: Int, _ rule: Exclusion.Rule, _ key: String, _ label: String) {
      let k = rule.rawValue + "\u{0}" + key
      let e: Int
      if let found = exclusionIndex[k] {
        e = found
      } else {
        e = exclusions.count
        exclusionIndex[k] = e
        exclusions.append(Exclusion(rule: rule.rawValue, value: label))
      }
      exclusions[e].rows += groups.size(of: i)
      exclusions[e].orders += 1
      exclusions[e].amount += total(i)
      o.fate[i] = Int32(e)
    }

    // 2. Orders without a customer (continuation lines without their first line).
    for i in 0..<groups.count where o.customer[i] == OrderLines.none {
      let k = lines.order.isEmpty ? OrderLines.none : lines.order[groups.firstLine(of: i)]
      let name = groups.size(of: i) == 1 ? nil : lines.orderNames[k]
      let detail = name.map { "no line of order '\($0)' has a customer id" } ?? "customer id is empty"
      groups.forEachLine(of: i) { quarantine($0, .missingValue, detail) }
      o.fate[i] = Orders.quarantined
    }
    // 3. Status.
    if rules.statusColumn != nil, !rules.status.isOpen, !o.status.isEmpty {
      let kept = lines.statuses.map { rules.status.keeps($0) }
      let keepsEmpty = rules.status.keeps("")
      for i in 0..<groups.count where o.fate[i] == Orders.counted {
        let st = o.status[i]
        if st == OrderLines.none ? !keepsEmpty : !kept[Int(st)] {
          let written = st == OrderLines.none ? "" : lines.statuses[Int(st)]
          exclude(i, .status, StatusFilter.normalised(written), StatusFilter.label(written))
        }
      }
    }
    if o.conflicts > 0 {
      summary.notes.append(
        "\(o.conflicts) orders have lines with different customer ids; each was given to its first line's customer")
    }

    // 4. Currencies.
    var rate = [Double](repeating: 1, count: lines.currencies.count)
    if let column = rules.currencyColumn, !o.currency.isEmpty {
      let codes = lines.currencies.map(Self.code)
      var perCurrency = [String: Int]()  // code → counted orders
      for i in 0..<groups.count where o.fate[i] == Orders.counted {
        let c = o.currency[i]
        if c == OrderLines.none || codes[Int(c)].isEmpty {
          exclude(i, .currency, "", "(empty)")
        } else {
          perCurrency[codes[Int(c)], default: 0] += 1
        }
      }
      if let keep = rules.currency.keep {
        let k = Self.code(keep)
        guard perCurrency[k] != nil || perCurrency.isEmpty else {
          throw OrderRulesError.currencyAbsent(path: path, currency: k, present: perCurrency.keys.sorted())
        }
        for i in 0..<groups.count where o.fate[i] == Orders.counted {
          let code = codes[Int(o.currency[i])]
          if code != k { exclude(i, .currency, code, code) }
        }
        summary.currency = k
      } else if let fx = rules.currency.rates {
        for (code, count) in perCurrency.sorted(by: { $0.key < $1.key }) where fx.rate(code) == nil {
          throw OrderRulesError.missingRate(path: path, ratesPath: "the rates file", currency: code, orders: count)
        }
        for (c, code) in codes.enumerated() { rate[c] = fx.rate(code) ?? 1 }
        summary.currency = fx.target
        if perCurrency.keys.contains(where: { $0 != fx.target }) {
          summary.notes.append(
            "amounts converted to \(fx.target): "
              + perCurrency.keys.sorted().map { "\($0) × \(fx.rate($0) ?? 1)" }.joined(separator: ", "))
        }
      } else if perCurrency.count > 1 {
        throw OrderRulesError.mixedCurrencies(path: path, column: column, orders: perCurrency)
      } else {
        summary.currency = perCurrency.keys.first
      }
      if let e = exclusionIndex[Exclusion.Rule.currency.rawValue + "\u{0}"] {
        summary.warnings.append(
          "\(exclusions[e].orders) orders have no currency in column '\(column)' and were left out")
      }
    } else {
      summary.currency = rules.currencyLabel
    }

    // 5. Placeholder ids.
    let placeholder = canonicalIDs.map { rules.ids.isPlaceholder($0) }
    if placeholder.contains(true) {
      let countedOrders = o.fate.reduce(0) { $0 + ($1 == Orders.counted ? 1 : 0) }
      for i in 0..<groups.count where o.fate[i] == Orders.counted && placeholder[Int(o.customer[i])] {
        let id = canonicalIDs[Int(o.customer[i])]
        exclude(i, .placeholderID, id, id)
      }
      for e in exclusions where e.rule == Exclusion.Rule.placeholderID.rawValue {
        summary.warnings.append(
          "customer id '\(e.value)' looks like a placeholder, not a customer: \(e.orders) orders "
            + "(\(Self.percent(Double(e.orders) / Double(max(countedOrders, 1)))) of all orders) were left out. "
            + "If it is a real customer, keep it with --keep-id \(e.value)")
      }
    }

    // 6. A dominant id among the remaining purchases.
    func isCancellation(_ i: Int) -> Bool {
      !lines.cancelled.isEmpty && lines.cancelled[Int(lines.order[groups.firstLine(of: i)])]
    }
    if rules.ids.excludePlaceholders {
      var perCustomer = [Int](repeating: 0, count: canonicalIDs.count)
      for i in 0..<groups.count where o.fate[i] == Orders.counted && o.value[i] >= 0 && !isCancellation(i) {
        perCustomer[Int(o.customer[i])] += 1
      }
      let (dominant, warnings) = dominantCustomers(perCustomer, canonicalIDs)
      if !dominant.isEmpty {
        for i in 0..<groups.count where o.fate[i] == Orders.counted && dominant.contains(Int(o.customer[i])) {
          let id = canonicalIDs[Int(o.customer[i])]
          exclude(i, .dominantID, id, id)
        }
        summary.warnings += warnings
      }
    }
    summary.exclusions = exclusions.sorted()

    // 7. The log.
    var customerOut = [Int32](repeating: -1, count: canonicalIDs.count)
    var ids = [String]()
    var customer = [Int32]()
    var day = [Int32]()
    var amount = [Double]()
    customer.reserveCapacity(groups.count)
    day.reserveCapacity(groups.count)
    amount.reserveCapacity(groups.count)
    var tally = LogTally()
    for i in 0..<groups.count where o.fate[i] == Orders.counted {
      tally.keptLines += groups.size(of: i)
      let r = o.currency.isEmpty || o.currency[i] == OrderLines.none ? 1 : rate[Int(o.currency[i])]
      let cancellation = isCancellation(i)
      let who = Int(o.customer[i])
      @inline(__always) func emit(_ d: Int32, _ raw: Double) {
        let v = cancellation ? -abs(raw) : raw
        if cancellation && v == 0 { return }
        var c = customerOut[who]
        if c < 0 {
          c = Int32(ids.count)
          customerOut[who] = c
          ids.append(canonicalIDs[who])
        }
        customer.append(c)
        day.append(d)
        amount.append(v)
        tally.add(day: d, value: v)
      }
      emit(o.day[i], o.value[i] * r)
      if !extraOf.isEmpty, let range = extraOf[Int32(i)] { for e in o.extras[range] { emit(e.day, e.value * r) } }
      if cancellation {
        summary.cancelledOrders += 1
        summary.cancelledTotal -= abs(total(i) * r)
      } else if !o.refund.isEmpty, o.refund[i] > 0 {
        emit(o.day[i], -o.refund[i] * r)
        summary.refundedOrders += 1
      }
    }
    tally.write(into: &summary, customers: ids.count)
    return TransactionLog(customerIDs: ids, customer: customer, day: day, amount: amount)
  }

  /// The customers (canonical indices) that ``DominantCustomerRule`` flags among
  /// `perCustomer` purchase-order counts, unless kept, with a warning for each.
  private func dominantCustomers(_ perCustomer: [Int], _ canonicalIDs: [String]) -> (Set<Int>, [String]) {
    // Cheap test first: no id above the share limit, no dominant id (the median is not needed).
    let total = perCustomer.reduce(0, +)
    guard let top = perCustomer.max(), Double(top) > rules.dominant.maxOrderShare * Double(total) else {
      return ([], [])
    }
    let customers = perCustomer.indices.filter { perCustomer[$0] > 0 }
    let counts = customers.map { perCustomer[$0] }
    let dominant = Set(
      rules.dominant.dominant(orders: counts).map { customers[$0] }.filter { !rules.ids.keeps(canonicalIDs[$0]) })
    guard !dominant.isEmpty else { return ([], []) }
    let all = counts.reduce(0, +)
    let median = DominantCustomerRule.median(counts)
    let warnings = dominant.sorted().map { c -> String in
      let id = canonicalIDs[c]
      let n = perCustomer[c]
      return "customer id '\(id)' has \(n) orders, \(Self.percent(Double(n) / Double(all))) of all orders and "
        + "\(Int((Double(n) / median).rounded()))× the median customer's "
        + "\(median == median.rounded() ? String(Int(median)) : String(median)): "
        + "it looks like a bucket for many customers (guests, a test account) and was left out. "
        + "If it is a real customer, keep it with --keep-id \(id)"
    }
    return (dominant, warnings)
  }

  /// The log of a file with one line per order and no order-level rules (no status,
  /// refund, currency or cancellation column): the lines themselves, minus duplicates,
  /// in one pass. Nil when a customer id is missing, a placeholder or dominant: the
  /// general path then quarantines or excludes and counts them.
  private func plainLog(
    _ lines: inout OrderLines, _ duplicate: [Bool], _ canonical: [Int32], _ canonicalIDs: [String],
    _ summary: inout IngestSummary
  ) -> TransactionLog? {
    guard rules.statusColumn == nil, rules.refundColumn == nil, rules.currencyColumn == nil,
      rules.cancellationPrefix == nil
    else { return nil }
    if rules.ids.excludePlaceholders, canonicalIDs.contains(where: { rules.ids.isPlaceholder($0) }) { return nil }
    let lineCount = lines.count
    let ordered = !lines.order.isEmpty && lines.orderCount < lineCount
    let sameIDs = canonical.indices.allSatisfy { canonical[$0] == Int32($0) }
    var perCustomer = [Int32](repeating: 0, count: canonicalIDs.count)
    var tally = LogTally()
    var previousOrder: Int32 = -1
    // First a read-only pass (the general path takes over if it returns nil): every
    // order must have one kept line (order numbers strictly increase along kept lines).
    for l in 0..<lineCount where !duplicate[l] {
      if ordered {
        let k = lines.order[l]
        if k == previousOrder { return nil }
        previousOrder = k
      }
      let c = lines.customer[l]
      let d = lines.day[l]
      let v = lines.value[l]
      if c == OrderLines.none || d == OrderLines.noDay || v.isNaN { return nil }
      tally.keptLines += 1
      if tally.add(day: d, value: v) { perCustomer[sameIDs ? Int(c) : Int(canonical[Int(c)])] += 1 }
    }
    if rules.ids.excludePlaceholders, !dominantCustomers(perCustomer.map(Int.init), canonicalIDs).0.isEmpty {
      return nil
    }
    // Then the lines become the log in place: duplicates squeezed out, ids made canonical.
    if tally.keptLines < lineCount || !sameIDs {
      var w = 0
      for l in 0..<lineCount where !duplicate[l] {
        lines.customer[w] = sameIDs ? lines.customer[l] : canonical[Int(lines.customer[l])]
        lines.day[w] = lines.day[l]
        lines.value[w] = lines.value[l]
        w += 1
      }
      lines.customer.removeLast(lineCount - tally.keptLines)
      lines.day.removeLast(lineCount - tally.keptLines)
      lines.value.removeLast(lineCount - tally.keptLines)
    }
    summary.duplicateRowsDropped = lineCount - tally.keptLines
    tally.write(into: &summary, customers: canonicalIDs.count)
    summary.currency = rules.currencyLabel
    return TransactionLog(customerIDs: canonicalIDs, customer: lines.customer, day: lines.day, amount: lines.value)
  }

  /// 1. Each group's order: customer, date, status, refund and currency from the first
  /// line that has them; the value summed over the lines on the order's day (or without
  /// a date); lines on other days kept apart as extras.
  private func resolve(_ lines: OrderLines, _ groups: OrderGroups, _ canonical: [Int32]) -> Orders {
    let n = groups.count
    var o = Orders()
    o.fate = [Int32](repeating: Orders.counted, count: n)
    if groups.isIdentity {
      // One line per order (the common file): the lines' arrays are the orders'.
      o.customer = lines.customer.map { $0 == OrderLines.none ? OrderLines.none : canonical[Int($0)] }
      o.day = lines.day
      o.value = lines.value.map { $0.isNaN ? 0 : $0 }
      o.status = lines.status
      o.refund = lines.refund.map { $0.isNaN ? 0 : abs($0) }
      o.currency = lines.currency
      return o
    }
    o.customer = [Int32](repeating: OrderLines.none, count: n)
    o.day = [Int32](repeating: OrderLines.noDay, count: n)
    o.value = [Double](repeating: 0, count: n)
    let hasStatus = !lines.status.isEmpty
    let hasRefund = !lines.refund.isEmpty
    let hasCurrency = !lines.currency.isEmpty
    if hasStatus { o.status = [Int32](repeating: OrderLines.none, count: n) }
    if hasRefund { o.refund = [Double](repeating: 0, count: n) }
    if hasCurrency { o.currency = [Int32](repeating: OrderLines.none, count: n) }
    for g in 0..<n {
      var cust = OrderLines.none
      var conflicting = false
      var orderDay = OrderLines.noDay
      var value = 0.0
      let extrasBefore = o.extras.count
      groups.forEachLine(of: g) { l in
        let c = lines.customer[l]
        if c != OrderLines.none {
          let k = canonical[Int(c)]
          if cust == OrderLines.none { cust = k } else if cust != k { conflicting = true }
        }
        let d = lines.day[l]
        if orderDay == OrderLines.noDay { orderDay = d }
        let v = lines.value[l]
        if !v.isNaN {
          if d == OrderLines.noDay || d == orderDay {
            value += v
          } else if let p = o.extras[extrasBefore...].firstIndex(where: { $0.day == d }) {
            o.extras[p].value += v
          } else {
            o.extras.append((Int32(g), d, v))
          }
        }
        if hasStatus, o.status[g] == OrderLines.none { o.status[g] = lines.status[l] }
        if hasRefund, o.refund[g] == 0, !lines.refund[l].isNaN { o.refund[g] = abs(lines.refund[l]) }
        if hasCurrency, o.currency[g] == OrderLines.none { o.currency[g] = lines.currency[l] }
      }
      o.customer[g] = cust
      o.day[g] = orderDay
      o.value[g] = value
      if conflicting { o.conflicts += 1 }
    }
    return o
  }

  /// Per spelling the index of its canonical id, and the canonical ids. When no rule
  /// changes any spelling (the common case) the mapping is the identity.
  static func canonicalise(_ spellings: [String], _ rules: CustomerIDRules) -> ([Int32], [String]) {
    let canonical = spellings.map { rules.canonical($0) }
    if canonical == spellings { return (spellings.indices.map { Int32($0) }, spellings) }
    var index = [String: Int32](minimumCapacity: canonical.count)
    var ids = [String]()
    let map: [Int32] = canonical.map { c in
      if let i = index[c] { return i }
      let i = Int32(ids.count)
      index[c] = i
      ids.append(c)
      return i
    }
    return (map, ids)
  }

  /// Upper-cased, trimmed currency code.
  static func code(_ s: String) -> String { s.trimmingASCIISpaces().uppercased() }

  /// `0.123` → `12.3%`.
  static func percent(_ x: Double) -> String {
    let tenths = Int((x * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
  }

}
