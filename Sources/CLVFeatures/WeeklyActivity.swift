import Foundation

/// Each customer's recent activity week by week, for sequence models: a (weeks × channels)
/// grid per customer as of a day, oldest week first, computed from the ledgers on demand
/// (so no grid is held for customers a model does not ask about).
///
/// Week w (0 ≤ w < weeks) covers the days `asOf − 7·(weeks − w) ..< asOf − 7·(weeks − w − 1)`,
/// so the last week ends the day before `asOf` (exclusive, like every feature). Channels:
///
/// | channel | value in the week |
/// |---|---|
/// | `orders` | log(1 + orders on purchase days) |
/// | `spend` | sign(s)·log(1 + \|s\|), s = net spend (purchases + refunds) |
/// | `events_<type>` | log(1 + behaviour events of that type), for the ``maximumEventTypes`` most frequent types |
///
/// The log scale keeps one big order from swamping a customer's other weeks, as the
/// tabular encoder's signed log1p does.
package struct WeeklyActivity: Sendable {
  /// Weeks per sequence.
  package let weeks: Int
  /// Channel names, in grid order.
  package let channels: [String]
  private let ledger: PurchaseLedger
  private let behaviour: BehaviourLedger?
  /// Event type index → channel (−1: not a channel).
  private let eventChannel: [Int]
  private let directoryIDs: [String]
  private let ledgerRow: [Int]
  private let behaviourRow: [Int]

  /// Most event types given a channel each.
  package static let maximumEventTypes = 4

  /// The activity source over a builder's ledgers; event channels are the most frequent
  /// event types (ties by name), or exactly `eventTypes` when given (a saved model's
  /// channels; a type absent from the events gives an all-zero channel).
  package init(builder: FeatureBuilder, weeks: Int = 52, eventTypes: [String]? = nil) {
    precondition(weeks >= 1, "at least one week")
    self.weeks = weeks
    ledger = builder.ledger
    behaviour = builder.behaviour
    directoryIDs = builder.directory.ids
    ledgerRow = builder.directory.ledgerRow
    behaviourRow = builder.directory.behaviourRow
    let known = builder.behaviour?.eventTypes ?? []
    let chosen: [String]
    if let eventTypes {
      chosen = eventTypes
    } else if let b = builder.behaviour {
      var counts = [Int](repeating: 0, count: b.eventTypes.count)
      for t in b.type { counts[Int(t)] += 1 }
      chosen = b.eventTypes.indices.filter { counts[$0] > 0 }
        .sorted { (counts[$0], b.eventTypes[$1]) > (counts[$1], b.eventTypes[$0]) }
        .prefix(Self.maximumEventTypes).map { b.eventTypes[$0] }.sorted()
    } else {
      chosen = []
    }
    var channelOf = [Int](repeating: -1, count: known.count)
    for (k, name) in chosen.enumerated() {
      if let t = known.firstIndex(of: name) { channelOf[t] = Self.purchaseChannels.count + k }
    }
    self.eventTypes = chosen
    channels = Self.purchaseChannels + chosen.map { "events_\($0)" }
    eventChannel = channelOf
  }

  /// The channels before the event types: orders and net spend per week.
  package static let purchaseChannels = ["orders", "spend"]

  /// The event types given a channel, in channel order.
  package let eventTypes: [String]

  /// Values per customer: weeks × channels.
  package var width: Int { weeks * channels.count }

  /// The directory row of a customer id (binary search; ids are sorted), if known.
  package func directoryRow(of id: String) -> Int? {
    var lo = 0, hi = directoryIDs.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if directoryIDs[mid] < id { lo = mid + 1 } else { hi = mid }
    }
    return lo < directoryIDs.count && directoryIDs[lo] == id ? lo : nil
  }

  /// Writes customer `id`'s grid as of `asOf` to `out` (``width`` values, week-major:
  /// `out[w · channels + c]`); zeros for an unknown customer or no activity.
  package func fill(id: String, asOf: Int32, into out: UnsafeMutablePointer<Float>) {
    out.update(repeating: 0, count: width)
    guard let k = directoryRow(of: id) else { return }
    let first = asOf - Int32(7 * weeks)
    let c = channels.count
    let l = ledgerRow[k]
    if l >= 0 {
      var i = ledger.end(of: l, before: asOf) - 1
      while i >= ledger.start[l] && ledger.day[i] >= first {
        let w = Int(ledger.day[i] - first) / 7
        out[w * c] += Float(ledger.orders[i])
        out[w * c + 1] += Float(ledger.gross[i] + ledger.refund[i])
        i -= 1
      }
    }
    if let behaviour, behaviourRow[k] >= 0 {
      let b = behaviourRow[k]
      var i = behaviour.end(of: b, before: asOf) - 1
      while i >= behaviour.start[b] && behaviour.day[i] >= first {
        let channel = eventChannel[Int(behaviour.type[i])]
        if channel >= 0 { out[(Int(behaviour.day[i] - first) / 7) * c + channel] += 1 }
        i -= 1
      }
    }
    // Most weeks are empty: log1p(±0) is that zero, bit for bit, so zeros are left as they are.
    for w in 0..<weeks {
      for j in 0..<c {
        let v = out[w * c + j]
        if v == 0 { continue }
        out[w * c + j] = j == 1 ? (v < 0 ? -log1p(-v) : log1p(v)) : log1p(v)
      }
    }
  }
}
