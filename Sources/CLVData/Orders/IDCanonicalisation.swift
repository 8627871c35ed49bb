extension ProfileTable {
  /// The table with every id in canonical form (``CustomerIDRules/canonical(_:)``) and
  /// placeholder ids dropped. Two rows whose ids become equal (`13085` and `13085.0`)
  /// are one customer: the first row wins, as for repeated ids.
  /// - Returns: the table, the rows merged into an earlier one, and the rows dropped per
  ///   placeholder id.
  package func canonicalised(
    by rules: CustomerIDRules
  ) -> (
    table: ProfileTable, merged: Int, placeholders: [String: Int]
  ) {
    var seen = Set<String>()
    var keep = [Int]()
    var ids = [String]()
    var merged = 0
    var placeholders = [String: Int]()
    for (i, id) in customerIDs.enumerated() {
      let c = rules.canonical(id)
      if rules.isPlaceholder(c) {
        placeholders[c, default: 0] += 1
      } else if seen.insert(c).inserted {
        keep.append(i)
        ids.append(c)
      } else {
        merged += 1
      }
    }
    if keep.count == count && ids == customerIDs { return (self, 0, [:]) }
    let table = ProfileTable(
      customerIDs: ids, signupDay: keep.map { signupDay[$0] }, signupColumn: signupColumn,
      attributes: attributes.map { a in ProfileAttribute(name: a.name, values: keep.map { a.values[$0] }) })
    return (table, merged, placeholders)
  }
}

extension EventLog {
  /// The log with ids in canonical form (spellings of one customer merged) and the
  /// events of placeholder ids dropped.
  /// - Returns: the log and the events dropped per placeholder id.
  package func canonicalised(by rules: CustomerIDRules) -> (log: EventLog, placeholders: [String: Int]) {
    var index = [String: Int32]()
    var ids = [String]()
    var placeholder = [Bool]()
    let map: [Int32] = customerIDs.map { id in
      let c = rules.canonical(id)
      if let i = index[c] { return i }
      let i = Int32(ids.count)
      index[c] = i
      ids.append(c)
      placeholder.append(rules.isPlaceholder(c))
      return i
    }
    if ids == customerIDs && !placeholder.contains(true) { return (self, [:]) }
    var placeholders = [String: Int]()
    var keptIDs = [Int32](repeating: -1, count: ids.count)
    var outIDs = [String]()
    var c = [Int32]()
    var d = [Int32]()
    var t = [Int32]()
    for e in 0..<count {
      let m = Int(map[Int(customer[e])])
      if placeholder[m] {
        placeholders[ids[m], default: 0] += 1
        continue
      }
      if keptIDs[m] < 0 {
        keptIDs[m] = Int32(outIDs.count)
        outIDs.append(ids[m])
      }
      c.append(keptIDs[m])
      d.append(day[e])
      t.append(eventType[e])
    }
    return (EventLog(customerIDs: outIDs, customer: c, day: d, eventType: t, eventTypes: eventTypes), placeholders)
  }
}

/// How many of a profile or event file's customers are transaction customers: the
/// check that catches two id systems that do not meet (a CRM writing `13085` where the
/// orders say `13085.0` matched zero profiles, silently, before ids were canonicalised).
package struct IDMatch: Sendable, Equatable {
  /// Distinct ids in the file.
  package var ids: Int
  /// Those that are also transaction customers.
  package var matched: Int
  /// A few ids of the file that match no transaction customer, and a few transaction ids.
  package var unmatchedExamples: [String]
  package var transactionExamples: [String]

  /// Share of the file's ids that match (1 for an empty file).
  package var share: Double { ids == 0 ? 1 : Double(matched) / Double(ids) }

  /// Below this share the match is a warning.
  package static let warningShare = 0.5

  /// Compares `ids` with the transaction customers.
  package init(ids fileIDs: [String], transactionIDs: [String], examples: Int = 3) {
    let tx = Set(transactionIDs)
    ids = fileIDs.count
    matched = fileIDs.reduce(0) { $0 + (tx.contains($1) ? 1 : 0) }
    unmatchedExamples = Array(fileIDs.lazy.filter { !tx.contains($0) }.prefix(examples))
    transactionExamples = Array(transactionIDs.prefix(examples))
  }

  /// The warning for a low share, or nil.
  package func warning(file: String, transactionsFile: String) -> String? {
    guard ids > 0, share < Self.warningShare else { return nil }
    let pct = Double(Int((share * 1000).rounded())) / 10
    func list(_ xs: [String]) -> String { xs.map { "'\($0)'" }.joined(separator: ", ") }
    return "only \(matched) of the \(ids) customer ids in \(file) (\(pct)%) match a customer in \(transactionsFile): "
      + "ids there look like \(list(unmatchedExamples)), in \(transactionsFile) like \(list(transactionExamples)). "
      + "Check that both files use the same id column and id system (--customers-customer-column, --events-customer-column)."
  }
}
