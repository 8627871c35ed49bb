import CLVData
import CLVFeatures

/// The loaded, cleaned inputs of a run, with their ingest summaries.
struct LoadedInputs: Sendable {
  var transactions: TransactionLog
  var transactionSummary: IngestSummary
  var profiles: ProfileTable?
  var profileSummary: IngestSummary?
  var events: EventLog?
  var eventSummary: IngestSummary?

  /// The summaries in reading order.
  var summaries: [IngestSummary] {
    [transactionSummary] + [profileSummary, eventSummary].compactMap { $0 }
  }
}

/// Loads the transaction log and the optional profile and event files.
enum InputStage {
  /// Quarantined rows kept verbatim per file (all of them go to `quarantine.csv`).
  static let quarantineKept = 100_000

  static func load(_ options: RunOptions) throws -> LoadedInputs {
    let ingest = IngestOptions(
      maxBadRowFraction: try badRowFraction(options.maxBadRows), quarantineSampleLimit: quarantineKept)
    let resolved = try OrderSettingsResolver.resolve(options, header: try CSVHeader.read(path: options.transactions))
    var loader = TransactionLoader(columns: resolved.columns, options: ingest)
    loader.rules = resolved.rules
    let (log, loaded) = try loader.load(path: options.transactions)
    var summary = loaded
    summary.settings = resolved.settings
    summary.warnings = resolved.warnings + summary.warnings
    var inputs = LoadedInputs(transactions: log, transactionSummary: summary)
    if let path = options.customers {
      let loader = ProfileLoader(
        // The default signup column is looked for (with the loader's fallbacks), not required.
        customerColumn: options.customerColumn,
        signupColumn: options.signupColumn == RunOptions().signupColumn ? nil : options.signupColumn,
        dateFormat: options.dateFormat, options: ingest)
      let (raw, loaded) = try loader.load(path: path)
      let (table, merged, placeholders) = raw.canonicalised(by: resolved.rules.ids)
      var s = loaded
      s.duplicateIDsDropped += merged
      s.keptRows -= merged
      Self.exclude(placeholders, from: &s)
      s.distinctCustomers = table.count
      Self.match(table.customerIDs, in: &s, transactions: inputs.transactions, file: summary.fileName)
      inputs.profiles = table
      inputs.profileSummary = s
    }
    if let path = options.events {
      let loader = EventLoader(
        customerColumn: resolved.eventCustomerColumn ?? options.customerColumn,
        timestampColumn: resolved.eventTimeColumn ?? options.eventTimeColumn,
        eventTypeColumn: resolved.eventTypeColumn ?? options.eventTypeColumn, dateFormat: nil, options: ingest)
      let (raw, loaded) = try loader.load(path: path)
      let (events, placeholders) = raw.canonicalised(by: resolved.rules.ids)
      var s = loaded
      Self.exclude(placeholders, from: &s)
      s.distinctCustomers = events.customerIDs.count
      Self.match(events.customerIDs, in: &s, transactions: inputs.transactions, file: summary.fileName)
      inputs.events = events
      inputs.eventSummary = s
    }
    return inputs
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

  /// The tolerated share of bad rows: `"1%"` or `"0.01"` → 0.01.
  static func badRowFraction(_ text: String) throws -> Double {
    let t = text.trimmingCharacters(in: .whitespaces)
    if t.hasSuffix("%"), let p = Double(t.dropLast()), p >= 0, p <= 100 { return p / 100 }
    if let f = Double(t), f >= 0, f <= 1 { return f }
    throw PipelineError.invalidOption(
      name: "max-bad-rows", value: text, expected: "a share such as 1% or 0.01 (0 to 100%)")
  }
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
        categorical.append(CategoricalColumn(name: FeatureName.sanitised(a.name), values: a.values.map { $0.isEmpty ? nil : $0 }))
      }
    }
    return ProfileAttributes(customerIDs: p.customerIDs, signupDay: p.signupDay, categorical: categorical, numeric: numeric)
  }

  /// The event log as a behaviour ledger.
  var behaviourLedger: BehaviourLedger? {
    guard let e = events else { return nil }
    return BehaviourLedger(
      customerIDs: e.customerIDs, eventTypes: e.eventTypes, customer: e.customer, day: e.day, type: e.eventType)
  }
}

import Foundation
