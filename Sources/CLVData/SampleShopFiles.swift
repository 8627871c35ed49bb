import Foundation

/// The three CSV files of a ``SampleShop`` and what was planted in them.
package struct SampleShopFiles: Sendable {
  /// transactions.csv bytes.
  package var transactions: [UInt8]
  /// customers.csv bytes.
  package var customers: [UInt8]
  /// events.csv bytes.
  package var events: [UInt8]
  /// Counts of what was generated and planted.
  package var stats: SampleShopStats

  /// The names of the files ``write(to:)`` writes, in that order.
  package static let names = ["transactions.csv", "customers.csv", "events.csv"]

  /// Writes transactions.csv, customers.csv and events.csv into `directory`
  /// (created if needed); returns their paths.
  @discardableResult
  package func write(to directory: String) throws -> [String] {
    let dir = URL(fileURLWithPath: directory, isDirectory: true)
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    var paths: [String] = []
    for (name, bytes) in zip(Self.names, [transactions, customers, events]) {
      let url = dir.appendingPathComponent(name)
      try Data(bytes).write(to: url, options: .atomic)
      paths.append(url.path)
    }
    return paths
  }
}

/// What a ``SampleShop`` generated and planted, so tests can check that the loaders
/// count exactly what was put in.
package struct SampleShopStats: Sendable, Equatable, Codable {
  /// Customers in customers.csv (before planted profile faults).
  package var customers = 0
  /// Customers with at least one order.
  package var buyers = 0
  /// Real orders (rows with positive amounts, before duplicates and faults).
  package var orders = 0
  /// Refund rows.
  package var refunds = 0
  /// Exact duplicate transaction rows planted.
  package var duplicateTransactions = 0
  /// Malformed transaction rows planted, per ``QuarantineReason`` code.
  package var malformedTransactions: [String: Int] = [:]
  /// Transaction rows planted with an empty customer id (guest orders).
  package var transactionsWithoutID = 0
  /// Real events (before duplicates and faults).
  package var events = 0
  /// Exact duplicate event rows planted.
  package var duplicateEvents = 0
  /// Malformed event rows planted, per reason code.
  package var malformedEvents: [String: Int] = [:]
  /// Event rows planted with an empty customer id (anonymous events).
  package var eventsWithoutID = 0
  /// Extra rows for ids already in customers.csv (different content).
  package var duplicateProfileIDs = 0
  /// Malformed profile rows planted, per reason code.
  package var malformedProfiles: [String: Int] = [:]
  /// Profile rows planted with an empty customer id.
  package var profilesWithoutID = 0
}
