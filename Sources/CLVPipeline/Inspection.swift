import CLVData

/// `clv inspect`: reads input files the way `clv report` would and says what it found —
/// how each file was read (source, encoding, delimiter, date and number forms), which column
/// was taken for which role, the rows by outcome, the date range, the first rows as read and
/// three customers' summaries — without fitting or writing anything.
///
/// Speed: one load per file without the SHA-256 (the report's provenance needs it, a look
/// does not), i.e. the ingest's parse-and-clean rate.
package enum Inspection {
  /// One file to look at.
  package struct Input: Sendable {
    package var path: String
    /// nil: guessed from the columns (``TableKind/guess(_:settings:)``).
    package var kind: TableKind?
    package var settings: FileReadSettings
    /// Amount and order id columns, when it is a transactions file.
    package var columns: TransactionColumns
    /// Event type column, when it is an events file.
    package var eventTypeColumn: String?
    /// The settings for each kind, when the kind is guessed (the per-file settings of the kind
    /// found apply); `settings` is used to read the header.
    package var settingsByKind: [TableKind: FileReadSettings]

    package init(
      path: String, kind: TableKind? = nil, settings: FileReadSettings = FileReadSettings(),
      columns: TransactionColumns = TransactionColumns(), eventTypeColumn: String? = nil,
      settingsByKind: [TableKind: FileReadSettings] = [:]
    ) {
      self.path = path
      self.kind = kind
      self.settings = settings
      self.columns = columns
      self.eventTypeColumn = eventTypeColumn
      self.settingsByKind = settingsByKind
    }

    /// The path as shown: `standard input` for `-`.
    var shownPath: String { path == "-" ? InputOrigin.standardInput.rawValue : path }
  }

  /// What looking at the files gave: the text to print and the errors (file by file, in
  /// order; an error ends that file's part, the others are still read).
  package struct Outcome: Sendable {
    package var text: String
    package var errors: [IngestError]
  }

  /// Rows shown per file, and customers summarised.
  static let rowsShown = 5
  static let customersShown = 3

  /// Looks at each file in turn.
  package static func run(_ inputs: [Input]) -> Outcome {
    var out: [String] = []
    var errors: [IngestError] = []
    for input in inputs {
      do {
        out += try inspect(input)
      } catch let stop as InspectionStop {
        out += stop.lines
        errors.append(stop.error)
      } catch let e as IngestError {
        out.append(input.shownPath)
        out.append("  error: \(e)")
        errors.append(e)
      } catch {
        out.append(input.shownPath)
        out.append("  error: \(error)")
      }
      out.append("")
    }
    return Outcome(text: out.joined(separator: "\n"), errors: errors)
  }

  /// The lines about one file; throws the error `clv report` would stop with.
  static func inspect(_ input: Input) throws -> [String] {
    let text = try InputText(path: input.path, encoding: input.settings.encoding)
    let kind = try input.kind ?? TableKind.guess(text, settings: input.settings)
    var settings = input.settingsByKind[kind] ?? input.settings
    let limit = settings.maxBadRowFraction
    settings.hashFile = false
    // Read past any number of bad rows to count them; the limit is applied after.
    settings.maxBadRowFraction = 1
    settings.quarantineSampleLimit = max(settings.quarantineSampleLimit, 10_000)
    var lines = ["\(input.shownPath) — \(kind.rawValue)\(input.kind == nil ? " (guessed from its columns)" : "")"]
    let summary: IngestSummary
    var shown: [String] = []
    switch kind {
    case .transactions:
      let (log, s) = try TransactionLoader(columns: input.columns, settings: settings).load(text)
      summary = s
      shown = transactionRows(log) + [""] + customers(log)
    case .events:
      let (log, s) = try EventLoader(eventTypeColumn: input.eventTypeColumn, settings: settings).load(text)
      summary = s
      shown = eventRows(log)
    case .profiles:
      let (table, s) = try ProfileLoader(settings: settings).load(text)
      summary = s
      shown = profileRows(table)
    }
    lines += describe(summary)
    lines += shown.map { $0.isEmpty ? "" : "  " + $0 }
    let bad = summary.quarantinedRows
    if Double(bad) > limit * Double(summary.dataRows) {
      let first = summary.quarantineSamples.sorted { $0.line < $1.line }
      var firstByReason: [QuarantinedRow] = []
      for reason in Set(first.map(\.reason)).sorted() {
        firstByReason += first.filter { $0.reason == reason }.prefix(3)
      }
      let e = IngestError.tooManyBadRows(
        path: input.path, badRows: bad, dataRows: summary.dataRows, maxFraction: limit,
        counts: summary.quarantineCounts, firstBad: firstByReason.sorted { $0.line < $1.line },
        option: FileReadSettings.option("max-bad-rows", kind: kind.rawValue))
      lines.append("  error: \(e)")
      throw InspectionStop(lines: lines, error: e)
    }
    return lines
  }

  /// A file whose part is complete but whose data `clv report` would refuse.
  struct InspectionStop: Error {
    var lines: [String]
    var error: IngestError
  }

  /// The reading, the columns and the row counts of a summary.
  static func describe(_ s: IngestSummary) -> [String] {
    let d = s.dialect
    var lines = [
      "  read as: "
        + [
          d.source + (d.compression.map { ", \($0)" } ?? ""), d.encoding, "delimiter \(d.delimiter)",
          "\(d.lineEnding) line ends",
        ]
        .joined(separator: "; "),
      "  columns: "
        + s.columnMapping.sorted { $0.key < $1.key }.map { "\($0.key) = '\($0.value)'" }.joined(separator: ", "),
    ]
    for (role, form) in d.dates.sorted(by: { $0.key < $1.key }) { lines.append("  \(role) form: \(form)") }
    for (role, form) in d.numbers.sorted(by: { $0.key < $1.key }) { lines.append("  \(role) form: \(form)") }
    var outcomes = ["\(Format.count(s.keptRows)) kept"]
    if s.kind == "transactions" {
      outcomes.append(
        "among them \(Format.count(s.refundRows)) with a negative amount (refunds) and \(Format.count(s.zeroAmountRows)) with zero"
      )
    }
    outcomes += [
      "\(Format.count(s.duplicateRowsDropped + s.duplicateIDsDropped)) duplicates dropped",
      "\(Format.count(s.noCustomerIDRows)) without a customer id (guest or anonymous)",
      "\(Format.count(s.quarantinedRows)) quarantined"
        + (s.quarantineCounts.isEmpty
          ? ""
          : " ("
            + s.quarantineCounts.sorted { $0.key < $1.key }.map { "\($0.key) \(Format.count($0.value))" }.joined(
              separator: ", ") + ")"),
    ]
    lines.append("  rows: \(Format.count(s.dataRows)) data rows: " + outcomes.joined(separator: "; "))
    if let first = s.firstDate, let last = s.lastDate { lines.append("  dates: \(first.iso) to \(last.iso)") }
    for note in s.notes { lines.append("  note: \(note)") }
    for q in s.quarantineSamples.prefix(rowsShown) {
      lines.append("  quarantined line \(q.line) (\(q.reason.rawValue)): \(q.detail)")
    }
    return lines
  }

  static func table(_ header: [String], _ rows: [[String]]) -> [String] {
    let widths = header.indices.map { c in ([header] + rows).map { $0[c].count }.max() ?? 0 }
    func line(_ r: [String]) -> String {
      r.indices.map { $0 == r.count - 1 ? r[$0] : r[$0].padding(widths[$0]) }.joined(separator: "  ")
    }
    return [line(header)] + rows.map(line)
  }

  static func transactionRows(_ log: TransactionLog) -> [String] {
    let rows = (0..<min(rowsShown, log.count)).map { i in
      [
        log.customerIDs[Int(log.customer[i])], CivilDate(day: Int(log.day[i])).iso,
        TableFiles.fixed(log.amount[i], decimals: 2),
      ]
    }
    return ["first rows as read:"] + table(["customer", "date", "amount"], rows)
  }

  /// The first customers of the file in the `lifetimes` convention
  /// (`summary_data_from_transaction_data(freq='D')`, observation end = the file's last day):
  /// frequency = purchase days − 1, recency = last − first purchase day, T = end − first
  /// purchase day, monetary value = mean spend of the repeat purchase days (0 without one).
  static func customers(_ log: TransactionLog) -> [String] {
    guard let end = log.day.max() else { return [] }
    let chosen = Array(0..<min(customersShown, log.customerIDs.count))
    var spendByDay = [[Int32: Double]](repeating: [:], count: chosen.count)
    for i in 0..<log.count where Int(log.customer[i]) < chosen.count {
      spendByDay[Int(log.customer[i])][log.day[i], default: 0] += log.amount[i]
    }
    let rows = chosen.map { c -> [String] in
      let days = spendByDay[c].keys.sorted()
      let first = days.first ?? end
      let repeatDays = days.dropFirst()
      let monetary =
        repeatDays.isEmpty ? 0 : repeatDays.map { spendByDay[c][$0] ?? 0 }.reduce(0, +) / Double(repeatDays.count)
      return [
        log.customerIDs[c], "\(days.count - 1)", "\((days.last ?? first) - first)", "\(end - first)",
        TableFiles.fixed(monetary, decimals: 2), TableFiles.fixed(spendByDay[c].values.reduce(0, +), decimals: 2),
      ]
    }
    return ["first customers (lifetimes convention, days; T to \(CivilDate(day: Int(end)).iso)):"]
      + table(["customer", "frequency", "recency", "T", "monetary_value", "net spend"], rows)
  }

  static func eventRows(_ log: EventLog) -> [String] {
    let rows = (0..<min(rowsShown, log.count)).map { i in
      [
        log.customerIDs[Int(log.customer[i])], CivilDate(day: Int(log.day[i])).iso,
        log.eventTypes[Int(log.eventType[i])],
      ]
    }
    var counts = [Int](repeating: 0, count: min(customersShown, log.customerIDs.count))
    for c in log.customer where Int(c) < counts.count { counts[Int(c)] += 1 }
    return ["first rows as read:"] + table(["customer", "date", "event"], rows) + [""]
      + ["first customers:"]
      + table(["customer", "events"], counts.indices.map { [log.customerIDs[$0], "\(counts[$0])"] })
  }

  static func profileRows(_ t: ProfileTable) -> [String] {
    let attributes = t.attributes.prefix(4)
    let rows = (0..<min(rowsShown, t.count)).map { i in
      [t.customerIDs[i], t.signupDay[i].map { CivilDate(day: Int($0)).iso } ?? ""] + attributes.map { $0.values[i] }
    }
    return ["first rows as read:"] + table(["customer", "signup"] + attributes.map(\.name), rows)
  }
}

extension String {
  /// The string padded with spaces to `width` characters.
  fileprivate func padding(_ width: Int) -> String {
    count >= width ? self : self + String(repeating: " ", count: width - count)
  }
}
