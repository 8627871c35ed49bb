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
    let defaults = RunOptions()
    // Until the options are declared per file, every file gets the global settings; a
    // column left at its default name is "not named" (the loader then also tries the
    // recognised names).
    var shared = FileReadSettings(
      customerColumn: options.customerColumn == defaults.customerColumn ? nil : options.customerColumn,
      dateFormat: options.dateFormat, maxBadRowFraction: try badRowFraction(options.maxBadRows),
      quarantineSampleLimit: quarantineKept)
    var t = shared
    t.dateColumn = options.dateColumn == defaults.dateColumn ? nil : options.dateColumn
    let columns = TransactionColumns(amount: options.amountColumn, order: options.orderColumn)
    let (log, summary) = try TransactionLoader(columns: columns, settings: t).load(path: options.transactions)
    var inputs = LoadedInputs(transactions: log, transactionSummary: summary)
    if let path = options.customers {
      var c = shared
      c.dateColumn = options.signupColumn == defaults.signupColumn ? nil : options.signupColumn
      let (table, s) = try ProfileLoader(settings: c).load(path: path)
      inputs.profiles = table
      inputs.profileSummary = s
    }
    if let path = options.events {
      // The global date format is the transactions' (events were always read automatically).
      shared.dateFormat = nil
      var e = shared
      e.dateColumn = options.eventTimeColumn == defaults.eventTimeColumn ? nil : options.eventTimeColumn
      let (log, s) = try EventLoader(eventTypeColumn: options.eventTypeColumn, settings: e).load(path: path)
      inputs.events = log
      inputs.eventSummary = s
    }
    return inputs
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
