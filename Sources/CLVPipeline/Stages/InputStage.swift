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
    let (log, summary) = try TransactionLoader(columns: inputs.columns, settings: read(t)).load(path: t.path)
    var loaded = LoadedInputs(transactions: log, transactionSummary: summary)
    if let c = inputs.customers {
      let (table, s) = try ProfileLoader(settings: read(c)).load(path: c.path)
      loaded.profiles = table
      loaded.profileSummary = s
    }
    if let e = inputs.events {
      let (log, s) = try EventLoader(eventTypeColumn: inputs.eventTypeColumn, settings: read(e)).load(path: e.path)
      loaded.events = log
      loaded.eventSummary = s
    }
    return loaded
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
