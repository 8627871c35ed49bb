import CLVData
import CLVFeatures
import Foundation

/// The loaded, cleaned inputs of a run, with their ingest summaries.
struct LoadedInputs: Sendable {
  var transactions: TransactionLog
  var transactionSummary: IngestSummary
  var profiles: ProfileTable?
  var profileSummary: IngestSummary?
  var events: EventLog?
  var eventSummary: IngestSummary?

  /// Drops the row data once the ledgers are built (the summaries stay): at 10 million
  /// transactions the rows are 160 MB the rest of the run never reads.
  mutating func releaseRows() {
    transactions = TransactionLog(customerIDs: [], customer: [], day: [], amount: [])
    events = nil
    profiles = nil
  }

  /// The summaries in reading order.
  var summaries: [IngestSummary] {
    [transactionSummary] + [profileSummary, eventSummary].compactMap { $0 }
  }
}

/// Loads the transaction log and the optional profile and event files.
enum InputStage {
  /// Loads the files; rows dated after `today` + one year (or before 1900) are quarantined
  /// (``PlausibleValues``), so they never move the default as-of date.
  static func load(_ inputs: ResolvedInputs, today: CivilDate = InputStage.today) throws -> LoadedInputs {
    let plausible = PlausibleValues(today: today)
    func read(_ file: InputFileSettings) -> FileReadSettings {
      var r = file.read
      r.plausible = plausible
      return r
    }
    let t = inputs.transactions
    // Read once: the header picks a preset's variant, then the loader reads the same text.
    let text = try InputText(path: t.path, encoding: t.read.encoding)
    let resolved = try OrderSettingsResolver.resolve(inputs, header: try CSVHeader.read(text, settings: t.read))
    var transactionRead = resolved.read
    transactionRead.plausible = plausible
    var loader = TransactionLoader(columns: resolved.columns, settings: transactionRead)
    loader.rules = resolved.rules
    var (log, summary) = try loader.load(text)
    summary.settings = resolved.settings
    summary.warnings = resolved.warnings + summary.warnings
    var loaded = LoadedInputs(transactions: log, transactionSummary: summary)
    if let c = inputs.customers {
      let (raw, loadedSummary) = try ProfileLoader(settings: read(c)).load(path: c.path)
      let (table, merged, placeholders) = raw.canonicalised(by: resolved.rules.ids)
      var s = loadedSummary
      s.duplicateIDsDropped += merged
      s.keptRows -= merged
      Self.exclude(placeholders, from: &s)
      s.distinctCustomers = table.count
      Self.match(table.customerIDs, in: &s, transactions: loaded.transactions, file: summary.fileName)
      loaded.profiles = table
      loaded.profileSummary = s
    }
    if let e = inputs.events {
      var eventRead = read(e)
      eventRead.dateColumn = resolved.eventTimeColumn ?? eventRead.dateColumn
      eventRead.customerColumn = resolved.eventCustomerColumn ?? eventRead.customerColumn
      let loader = EventLoader(
        eventTypeColumn: resolved.eventTypeColumn ?? inputs.eventTypeColumn, settings: eventRead)
      let (raw, loadedSummary) = try loader.load(path: e.path)
      var (events, placeholders) = raw.canonicalised(by: resolved.rules.ids)
      if let listed = inputs.eventTypes {
        let (log, unlisted) = events.listing(types: listed)
        guard unlisted.isEmpty else {
          throw PipelineError.invalidOption(
            name: "event-types", value: listed.joined(separator: ","),
            expected: "every event type of \(e.path), which also has "
              + unlisted.prefix(5).map { "'\($0)'" }.joined(separator: ", ")
              + (unlisted.count > 5 ? " and \(unlisted.count - 5) more" : "")
              + ": list the event types of the whole input (or leave --event-types out)")
        }
        events = log
      }
      var s = loadedSummary
      Self.exclude(placeholders, from: &s)
      s.distinctCustomers = events.customerIDs.count
      Self.match(events.customerIDs, in: &s, transactions: loaded.transactions, file: summary.fileName)
      loaded.events = events
      loaded.eventSummary = s
    }
    return loaded
  }

  /// Moves the rows of placeholder ids from kept to excluded, with a warning per id.
  static func exclude(_ placeholders: [String: Int], from s: inout IngestSummary) {
    for (id, rows) in placeholders.sorted(by: { $0.key < $1.key }) {
      s.keptRows -= rows
      s.exclusions.append(Exclusion(rule: Exclusion.Rule.placeholderID.rawValue, value: id, rows: rows))
      s.warnings.append(
        "customer id '\(id)' looks like a placeholder, not a customer: its \(rows) rows were left out. "
          + "If it is a real customer, keep it with --keep-id \(id)")
    }
    s.exclusions.sort()
  }

  /// Records how many of a file's ids are transaction customers; a low share is a warning.
  static func match(_ ids: [String], in s: inout IngestSummary, transactions: TransactionLog, file: String) {
    let m = IDMatch(ids: ids, transactionIDs: transactions.customerIDs)
    s.matchedCustomers = m.matched
    if let w = m.warning(file: s.fileName, transactionsFile: file) { s.warnings.append(w) }
  }

  /// Today's date (UTC) from the system clock.
  static var today: CivilDate { CivilDate(day: Int((Date().timeIntervalSince1970 / 86_400).rounded(.down))) }
}

extension LoadedInputs {
  /// The profile table as feature-builder attributes: categorical columns as
  /// levels (empty → missing), numeric columns as numbers.
  var profileAttributes: ProfileAttributes? {
    guard let p = profiles else { return nil }
    var categorical = [CategoricalColumn]()
    var numeric = [NumericColumn]()
    for a in p.attributes {
      if let values = a.numericValues {
        numeric.append(NumericColumn(name: FeatureName.sanitised(a.name), values: values.map { $0 ?? .nan }))
      } else {
        categorical.append(
          CategoricalColumn(name: FeatureName.sanitised(a.name), values: a.values.map { $0.isEmpty ? nil : $0 }))
      }
    }
    return ProfileAttributes(
      customerIDs: p.customerIDs, signupDay: p.signupDay, categorical: categorical, numeric: numeric)
  }

  /// The event log as a behaviour ledger.
  var behaviourLedger: BehaviourLedger? {
    guard let e = events else { return nil }
    return BehaviourLedger(
      customerIDs: e.customerIDs, eventTypes: e.eventTypes, customer: e.customer, day: e.day, type: e.eventType)
  }
}
