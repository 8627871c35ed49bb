/// Behavioural events (views, carts, support contacts …) as a struct of arrays, one
/// entry per kept row in file order.
///
/// Shapes: `customer`, `day` and `eventType` have ``count`` entries;
/// `customerIDs[Int(customer[i])]` is the customer and `eventTypes[Int(eventType[i])]`
/// the type of event i. Customer ids are interned in first-appearance order *within
/// this file* (join to transactions by id string); event types are sorted so their
/// indices do not depend on row order.
package struct EventLog: Sendable, Equatable, Codable {
  /// Distinct customer ids in order of first appearance.
  package var customerIDs: [String]
  /// Per event: index into ``customerIDs``.
  package var customer: [Int32]
  /// Per event: days since 1970-01-01 (the date as written).
  package var day: [Int32]
  /// Per event: index into ``eventTypes``.
  package var eventType: [Int32]
  /// Distinct event types, sorted.
  package var eventTypes: [String]

  /// Creates a log; the per-event arrays must have equal lengths.
  package init(customerIDs: [String], customer: [Int32], day: [Int32], eventType: [Int32], eventTypes: [String]) {
    precondition(
      customer.count == day.count && day.count == eventType.count,
      "EventLog columns must have equal lengths")
    self.customerIDs = customerIDs
    self.customer = customer
    self.day = day
    self.eventType = eventType
    self.eventTypes = eventTypes
  }

  /// Number of events.
  package var count: Int { day.count }
}

extension EventLog {
  /// The log with `types` (sorted, duplicates dropped) as its event types, so that a part
  /// of the customers (a Spark partition) has the event types of the whole input and its
  /// features the same columns; the events are unchanged.
  /// - Returns: the log, and the types of this log that `types` does not list (sorted; the
  ///   log is only valid when that is empty).
  package func listing(types: [String]) -> (log: EventLog, unlisted: [String]) {
    let listed = Array(Set(types)).sorted()
    let rank = Dictionary(uniqueKeysWithValues: listed.enumerated().map { ($1, Int32($0)) })
    let unlisted = eventTypes.filter { rank[$0] == nil }
    guard unlisted.isEmpty else { return (self, unlisted) }
    let remap = eventTypes.map { rank[$0]! }
    var log = self
    log.eventTypes = listed
    log.eventType = eventType.map { remap[Int($0)] }
    return (log, [])
  }
}
