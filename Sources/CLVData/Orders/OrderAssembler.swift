/// Turns a transaction file's lines into the orders the shop counts, and those into a
/// ``TransactionLog`` with one row per order (plus one refund row per order with a
/// refunded amount).
///
/// 1. **Orders.** Lines that share an order id form one order (lines without an order
///    id, or a file without an order column: one line, one order). An order's value is
///    the sum of its lines' values; its customer, date, status, refund and currency are
///    taken from the first of its lines that has them, so order-level fields written on
///    the first line only (Shopify) are found and the other lines are not bad rows.
/// 2. **Unusable orders.** No line with a date → every line quarantined (`bad_date`);
///    no line with a value → `bad_amount`; no customer id → `missing_customer_id`.
/// 3. **Exclusions**, counted per rule and value (``Exclusion``), in this order: a status
///    the ``StatusFilter`` does not keep; a currency other than ``CurrencyRule/keep``;
///    a placeholder id (``CustomerIDRules/isPlaceholder(_:)``); a dominant id
///    (``DominantCustomerRule``) among the remaining purchase orders.
/// 4. **Currencies.** More than one currency left and no rule → an error; with rates,
///    values and refunds are converted (`× rate`).
/// 5. **Meaning.** An order whose id starts with the cancellation prefix is a
///    cancellation: its value, made negative, is netted against the customer's spend
///    and it is no purchase (a zero-value cancellation leaves no row). An order with a
///    refunded amount r > 0 stays a purchase of its full value, with a row −r on the
///    same day netted against it. Any other order with a negative value is a refund row.
///
/// **Duplicates** are found on whole lines by the caller (``duplicate`` flags). When the
/// lines carry no column besides the ones read (`linesDistinguishable` false) and the
/// file is line-level (an order has two different lines), two equal lines of one order
/// may be two real items of the same value: duplicates are then kept, and a warning
/// says so, rather than silently dropping real lines.
struct OrderAssembler {
  var rules: OrderRules
  /// The file's path, for messages.
  var path: String

  /// One order's resolved fields.
  private struct Order {
    var group: Int
    var firstLine: Int
    var lines: Int
    var customer: Int32 = OrderLines.none  // index into canonical ids
    var day: Int32 = OrderLines.noDay
    /// Value of the lines on the order's day (or without a date).
    var value = 0.0
    var hasValue = false
    /// Lines dated on another day than the order (a refund written later under the
    /// order's id): (day, summed value), each its own row.
    var parts: [(day: Int32, value: Double)] = []
    var status: Int32 = OrderLines.none
    var refund = 0.0
    var currency: Int32 = OrderLines.none
    var conflictingCustomer = false
    /// Whether it still counts, or why not.
    var fate: Fate = .counted
  }

  private enum Fate: Equatable {
    case counted
    case quarantined
    case excluded(Int)  // index into the exclusion table
  }

  /// Assembles the orders, fills `summary` (kept rows, orders, refunds, exclusions,
  /// warnings, currency, dates, customers) and returns the log. Lines that cannot be
  /// used are reported through `quarantine(lineIndex, reason, detail)`.
  /// - Throws: ``OrderRulesError`` for mixed currencies without a rule, a kept
  ///   currency that no order has, or a currency without a rate.
  func assemble(
    _ lines: OrderLines, duplicate: [Bool], linesDistinguishable: Bool, summary: inout IngestSummary,
    quarantine: (Int, QuarantineReason, String) -> Void
  ) throws -> TransactionLog {
    var isDuplicate = duplicate.isEmpty ? [Bool](repeating: false, count: lines.count) : duplicate
    let (groupStart, groupLines) = Self.group(lines, skipping: isDuplicate)
    if !linesDistinguishable, isDuplicate.contains(true), Self.isLineLevel(groupStart, groupLines, day: lines.day) {
      let kept = isDuplicate.reduce(0) { $0 + ($1 ? 1 : 0) }
      summary.warnings.append(
        "\(kept) lines are identical to another line of the same order; they were kept, because this file has "
          + "only the columns clv reads and two lines of one order with the same value cannot be told from a "
          + "duplicate. Give the full export (with its product or SKU columns) so duplicates are found on whole lines.")
      isDuplicate = [Bool](repeating: false, count: lines.count)
      return try assemble(
        lines, duplicate: isDuplicate, linesDistinguishable: true, summary: &summary, quarantine: quarantine)
    }
    summary.duplicateRowsDropped = isDuplicate.reduce(0) { $0 + ($1 ? 1 : 0) }

    // Canonical ids, one per spelling.
    var canonicalIndex = [String: Int32]()
    var canonicalIDs = [String]()
    let spellingToCanonical: [Int32] = lines.customerSpellings.map { spelling in
      let c = rules.ids.canonical(spelling)
      if let i = canonicalIndex[c] { return i }
      let i = Int32(canonicalIDs.count)
      canonicalIndex[c] = i
      canonicalIDs.append(c)
      return i
    }

    // 1. Orders.
    var orders = [Order]()
    orders.reserveCapacity(groupStart.count - 1)
    for g in 0..<(groupStart.count - 1) {
      let members = groupLines[groupStart[g]..<groupStart[g + 1]]
      var o = Order(group: g, firstLine: Int(members.first!), lines: members.count)
      for l32 in members {
        let l = Int(l32)
        let c = lines.customer[l]
        if c != OrderLines.none {
          let canonical = spellingToCanonical[Int(c)]
          if o.customer == OrderLines.none { o.customer = canonical } else if o.customer != canonical { o.conflictingCustomer = true }
        }
        let d = lines.day[l]
        if o.day == OrderLines.noDay { o.day = d }
        let v = lines.value[l]
        if !v.isNaN {
          o.hasValue = true
          if d == OrderLines.noDay || d == o.day {
            o.value += v
          } else if let p = o.parts.firstIndex(where: { $0.day == d }) {
            o.parts[p].value += v
          } else {
            o.parts.append((d, v))
          }
        }
        if !lines.status.isEmpty, o.status == OrderLines.none { o.status = lines.status[l] }
        if !lines.refund.isEmpty, o.refund == 0, !lines.refund[l].isNaN { o.refund = abs(lines.refund[l]) }
        if !lines.currency.isEmpty, o.currency == OrderLines.none { o.currency = lines.currency[l] }
      }
      orders.append(o)
    }

    // 2. Unusable orders: every line of the order is quarantined.
    func quarantineOrder(_ o: Order, _ reason: QuarantineReason, _ what: String) {
      let k = lines.order.isEmpty ? OrderLines.none : lines.order[o.firstLine]
      let detail =
        o.lines == 1 || k == OrderLines.none
        ? "\(what) is empty" : "no line of order '\(lines.orderIDs[Int(k)])' has a \(what)"
      for l in groupLines[groupStart[o.group]..<groupStart[o.group + 1]] { quarantine(Int(l), reason, detail) }
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
      exclusions[e].rows += orders[i].lines
      exclusions[e].orders += 1
      exclusions[e].amount += orders[i].value + orders[i].parts.reduce(0) { $0 + $1.value }
      orders[i].fate = .excluded(e)
    }

    var conflicts = 0
    for i in orders.indices {
      let o = orders[i]
      if o.customer == OrderLines.none {
        quarantineOrder(o, .missingCustomerID, "customer id")
        orders[i].fate = .quarantined
      } else if o.day == OrderLines.noDay {
        quarantineOrder(o, .badDate, "date")
        orders[i].fate = .quarantined
      } else if !o.hasValue {
        quarantineOrder(o, .badAmount, "amount")
        orders[i].fate = .quarantined
      } else if rules.statusColumn != nil, !rules.status.isOpen {
        let s = o.status == OrderLines.none ? "" : lines.statuses[Int(o.status)]
        if !rules.status.keeps(s) {
          exclude(i, .status, StatusFilter.normalised(s), StatusFilter.label(s))
        }
      }
      if o.conflictingCustomer, orders[i].fate == .counted { conflicts += 1 }
    }
    if conflicts > 0 {
      summary.notes.append("\(conflicts) orders have lines with different customer ids; each was given to its first line's customer")
    }

    // 3–4. Currencies.
    var rate = [Double](repeating: 1, count: lines.currencies.count)
    if let column = rules.currencyColumn {
      var perCurrency = [String: Int]()  // upper-cased code → counted orders
      for i in orders.indices where orders[i].fate == .counted {
        let code = orders[i].currency == OrderLines.none ? "" : Self.code(lines.currencies[Int(orders[i].currency)])
        if code.isEmpty {
          exclude(i, .currency, "", "(empty)")
        } else {
          perCurrency[code, default: 0] += 1
        }
      }
      if let keep = rules.currency.keep {
        let k = Self.code(keep)
        guard perCurrency[k] != nil || perCurrency.isEmpty else {
          throw OrderRulesError.currencyAbsent(path: path, currency: k, present: perCurrency.keys.sorted())
        }
        for i in orders.indices where orders[i].fate == .counted {
          let code = Self.code(lines.currencies[Int(orders[i].currency)])
          if code != k { exclude(i, .currency, code, code) }
        }
        summary.currency = k
      } else if let fx = rules.currency.rates {
        for (code, count) in perCurrency.sorted(by: { $0.key < $1.key }) where fx.rate(code) == nil {
          throw OrderRulesError.missingRate(path: path, ratesPath: "the rates file", currency: code, orders: count)
        }
        for (c, written) in lines.currencies.enumerated() { rate[c] = fx.rate(written) ?? 1 }
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

    // Placeholder ids.
    let countedOrders = orders.reduce(0) { $0 + ($1.fate == .counted ? 1 : 0) }
    var placeholderCache = [Int32: Bool]()
    for i in orders.indices where orders[i].fate == .counted {
      let c = orders[i].customer
      let isPlaceholder = placeholderCache[c] ?? rules.ids.isPlaceholder(canonicalIDs[Int(c)])
      placeholderCache[c] = isPlaceholder
      if isPlaceholder { exclude(i, .placeholderID, canonicalIDs[Int(c)], canonicalIDs[Int(c)]) }
    }
    for e in exclusions where e.rule == Exclusion.Rule.placeholderID.rawValue {
      summary.warnings.append(
        "customer id '\(e.value)' looks like a placeholder, not a customer: \(e.orders) orders "
          + "(\(Self.percent(Double(e.orders) / Double(max(countedOrders, 1)))) of all orders) were left out. "
          + "If it is a real customer, keep it with --keep-id \(e.value)")
    }

    // Dominant id among the remaining purchases.
    if rules.ids.excludePlaceholders {
      var perCustomer = [Int](repeating: 0, count: canonicalIDs.count)
      var present = [Bool](repeating: false, count: canonicalIDs.count)
      for o in orders where o.fate == .counted && !isCancellation(o, lines) && o.value >= 0 {
        perCustomer[Int(o.customer)] += 1
        present[Int(o.customer)] = true
      }
      let customers = perCustomer.indices.filter { present[$0] }
      let counts = customers.map { perCustomer[$0] }
      let total = counts.reduce(0, +)
      let median = counts.isEmpty ? 0 : DominantCustomerRule.median(counts)
      let dominant = Set(
        rules.dominant.dominant(orders: counts).map { customers[$0] }.filter { !rules.ids.keeps(canonicalIDs[$0]) })
      if !dominant.isEmpty {
        for i in orders.indices where orders[i].fate == .counted && dominant.contains(Int(orders[i].customer)) {
          let id = canonicalIDs[Int(orders[i].customer)]
          exclude(i, .dominantID, id, id)
        }
        for c in dominant.sorted() {
          let id = canonicalIDs[c]
          summary.warnings.append(
            "customer id '\(id)' has \(perCustomer[c]) orders, \(Self.percent(Double(perCustomer[c]) / Double(total))) "
              + "of all orders and \(Int((Double(perCustomer[c]) / median).rounded()))× the median customer's "
              + "\(median == median.rounded() ? String(Int(median)) : String(median)): "
              + "it looks like a bucket for many customers (guests, a test account) and was left out. "
              + "If it is a real customer, keep it with --keep-id \(id)")
        }
      }
    }
    summary.exclusions = exclusions.sorted()

    // 5. The log.
    var customerOut = [Int32](repeating: -1, count: canonicalIDs.count)
    var ids = [String]()
    var customer = [Int32]()
    var day = [Int32]()
    var amount = [Double]()
    customer.reserveCapacity(orders.count)
    day.reserveCapacity(orders.count)
    amount.reserveCapacity(orders.count)
    var firstDay = Int32.max
    var lastDay = Int32.min
    func append(_ c: Int32, _ d: Int32, _ v: Double) {
      customer.append(c)
      day.append(d)
      amount.append(v)
      firstDay = min(firstDay, d)
      lastDay = max(lastDay, d)
      if v < 0 {
        summary.refundRows += 1
        summary.refundTotal += v
      } else {
        summary.orders += 1
        if v == 0 { summary.zeroAmountRows += 1 }
      }
    }
    for o in orders where o.fate == .counted {
      summary.keptRows += o.lines
      let r = o.currency == OrderLines.none ? 1 : rate[Int(o.currency)]
      let cancellation = isCancellation(o, lines)
      let entries = [(o.day, o.value * r)] + o.parts.map { ($0.day, $0.value * r) }
      if cancellation {
        summary.cancelledOrders += 1
        summary.cancelledTotal -= entries.reduce(0) { $0 + abs($1.1) }
      }
      func index() -> Int32 {
        if customerOut[Int(o.customer)] < 0 {
          customerOut[Int(o.customer)] = Int32(ids.count)
          ids.append(canonicalIDs[Int(o.customer)])
        }
        return customerOut[Int(o.customer)]
      }
      for (d, v) in entries where !(cancellation && v == 0) {
        append(index(), d, cancellation ? -abs(v) : v)
      }
      if o.refund > 0, !cancellation {
        append(index(), o.day, -o.refund * r)
        summary.refundedOrders += 1
      }
    }
    if firstDay <= lastDay {
      summary.firstDay = Int(firstDay)
      summary.lastDay = Int(lastDay)
    }
    summary.distinctCustomers = ids.count
    return TransactionLog(customerIDs: ids, customer: customer, day: day, amount: amount)
  }

  /// Whether an order is a cancellation by its id prefix.
  private func isCancellation(_ o: Order, _ lines: OrderLines) -> Bool {
    guard let prefix = rules.cancellationPrefix, !prefix.isEmpty, !lines.order.isEmpty else { return false }
    let k = lines.order[o.firstLine]
    return k != OrderLines.none && lines.orderIDs[Int(k)].hasPrefix(prefix)
  }

  /// Upper-cased, trimmed currency code.
  static func code(_ s: String) -> String { s.trimmingASCIISpaces().uppercased() }

  /// `0.123` → `12.3%`.
  static func percent(_ x: Double) -> String {
    let tenths = Int((x * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10)%"
  }

  /// Groups the non-duplicate lines into orders: `(groupStart, groupLines)` with group g's
  /// lines (ascending) at `groupLines[groupStart[g] ..< groupStart[g + 1]]`, groups in the
  /// order of their first line. A counting sort over order indices (which are assigned
  /// in first-appearance order); lines without an order id are groups of one.
  static func group(_ lines: OrderLines, skipping duplicate: [Bool]) -> ([Int], [Int32]) {
    let n = lines.count
    if lines.order.isEmpty {
      let kept = (0..<n).filter { !duplicate[$0] }.map { Int32($0) }
      return (Array(0...kept.count), kept)
    }
    // Key per line: order index, or a fresh key after the last order for a line without one.
    var key = [Int](repeating: -1, count: n)
    var nextFree = lines.orderIDs.count
    var firstLineOfKey = [Int](repeating: Int.max, count: lines.orderIDs.count)
    for l in 0..<n where !duplicate[l] {
      let o = lines.order[l]
      if o == OrderLines.none {
        key[l] = nextFree
        nextFree += 1
        firstLineOfKey.append(l)
      } else {
        key[l] = Int(o)
        firstLineOfKey[Int(o)] = min(firstLineOfKey[Int(o)], l)
      }
    }
    var counts = [Int](repeating: 0, count: nextFree + 1)
    for l in 0..<n where key[l] >= 0 { counts[key[l] + 1] += 1 }
    for k in 0..<nextFree { counts[k + 1] += counts[k] }
    var slots = counts
    var sorted = [Int32](repeating: 0, count: counts[nextFree])
    for l in 0..<n where key[l] >= 0 {
      sorted[slots[key[l]]] = Int32(l)
      slots[key[l]] += 1
    }
    // Keys in the order of their first line; drop keys without lines (all duplicates).
    let keys = (0..<nextFree).filter { counts[$0 + 1] > counts[$0] }.sorted { firstLineOfKey[$0] < firstLineOfKey[$1] }
    var start = [0]
    var out = [Int32]()
    out.reserveCapacity(sorted.count)
    for k in keys {
      out.append(contentsOf: sorted[counts[k]..<counts[k + 1]])
      start.append(out.count)
    }
    return (start, out)
  }

  /// Whether the file is line-level: some order has two lines on the same day (a
  /// continuation line, without a date, counts as on its order's day). A later line
  /// under an order's id on another day (a refund) does not make a file line-level.
  static func isLineLevel(_ start: [Int], _ members: [Int32], day: [Int32]) -> Bool {
    for g in 0..<(start.count - 1) where start[g + 1] - start[g] > 1 {
      var seen = Set<Int32>()
      var first = OrderLines.noDay
      for l in members[start[g]..<start[g + 1]] {
        var d = day[Int(l)]
        if first == OrderLines.noDay { first = d }
        if d == OrderLines.noDay { d = first }
        if !seen.insert(d).inserted { return true }
      }
    }
    return false
  }
}
