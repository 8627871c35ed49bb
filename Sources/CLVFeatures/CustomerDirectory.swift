/// The union of customers across the transaction ledger, the profile table and
/// the behaviour ledger, with each customer's row number in each source.
///
/// Customers are listed in ascending id order, so every output keyed by
/// customer is deterministic whatever the input order.
package struct CustomerDirectory: Sendable {
  /// All customer ids that have a purchase or a profile, ascending.
  package let ids: [String]
  /// Row in ``PurchaseLedger`` of each customer, or -1.
  package let ledgerRow: [Int]
  /// Row in ``ProfileAttributes`` of each customer, or -1.
  package let profileRow: [Int]
  /// Row in ``BehaviourLedger`` of each customer, or -1.
  package let behaviourRow: [Int]

  /// Joins the sources by customer id. Behaviour-only ids (anonymous browsing
  /// with no purchase and no profile) are not customers and are left out.
  package init(ledger: PurchaseLedger, profiles: ProfileAttributes?, behaviour: BehaviourLedger?) {
    if profiles == nil && behaviour == nil {
      (ids, ledgerRow) = Self.sortedIDs(ledger.customerIDs)
      profileRow = Array(repeating: -1, count: ids.count)
      behaviourRow = profileRow
      return
    }
    var ledgerIndex = [String: Int](minimumCapacity: ledger.customerCount)
    for (i, id) in ledger.customerIDs.enumerated() { ledgerIndex[id] = i }
    var profileIndex = [String: Int]()
    if let profiles {
      for (i, id) in profiles.customerIDs.enumerated() where profileIndex[id] == nil { profileIndex[id] = i }
    }
    var behaviourIndex = [String: Int]()
    if let behaviour {
      for (i, id) in behaviour.customerIDs.enumerated() { behaviourIndex[id] = i }
    }
    var all = Set(ledgerIndex.keys)
    all.formUnion(profileIndex.keys)
    let ids = all.sorted()
    self.ids = ids
    self.ledgerRow = ids.map { ledgerIndex[$0] ?? -1 }
    self.profileRow = ids.map { profileIndex[$0] ?? -1 }
    self.behaviourRow = ids.map { behaviourIndex[$0] ?? -1 }
  }

  /// The distinct ids of `list`, ascending, and the index in `list` of each (the last of
  /// equal ids): what joining through a `[String: Int]` and sorting its keys gives, by
  /// one sort of the indices instead of three hash tables of every id.
  static func sortedIDs(_ list: [String]) -> (ids: [String], rows: [Int]) {
    let order = list.indices.sorted { a, b in
      let (x, y) = (list[a], list[b])
      return x == y ? a < b : x < y
    }
    var ids = [String]()
    var rows = [Int]()
    ids.reserveCapacity(list.count)
    rows.reserveCapacity(list.count)
    for i in order {
      if let last = ids.last, last == list[i] {
        rows[rows.count - 1] = i
      } else {
        ids.append(list[i])
        rows.append(i)
      }
    }
    return (ids, rows)
  }

  /// The directory row of each id (binary search in the sorted ids), -1 for an unknown id.
  package func rows(of customerIDs: [String]) -> [Int] {
    customerIDs.map { id in
      var lo = 0
      var hi = ids.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if ids[mid] < id { lo = mid + 1 } else { hi = mid }
      }
      return lo < ids.count && ids[lo] == id ? lo : -1
    }
  }
}
