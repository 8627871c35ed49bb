/// Behaviour-event feature columns: counts per event type in trailing windows,
/// all events in the last 90 days, and days since the last event.
enum BehaviourFeatureColumns {
  /// - Parameter rows: behaviour-ledger row of each output row, or -1 (no events).
  static func columns(behaviour: BehaviourLedger, rows: [Int], cutoff: Int32, windows: [Int32]) -> [NumericColumn] {
    let types = behaviour.eventTypes.count
    let longest = windows.max() ?? 0
    // counts[type][window][row]
    var counts = Array(
      repeating: Array(repeating: Array(repeating: 0.0, count: rows.count), count: windows.count),
      count: types)
    var all90 = [Double](repeating: 0, count: rows.count)
    var sinceLast = [Double](repeating: .nan, count: rows.count)
    for (r, b) in rows.enumerated() where b >= 0 {
      let s = behaviour.start[b]
      let e = behaviour.end(of: b, before: cutoff)
      if e > s { sinceLast[r] = Double(cutoff - behaviour.day[e - 1]) }
      var i = e - 1
      while i >= s {
        let age = cutoff - behaviour.day[i]
        if age > longest { break }
        let t = Int(behaviour.type[i])
        for (w, window) in windows.enumerated() where age <= window { counts[t][w][r] += 1 }
        if age <= 90 { all90[r] += 1 }
        i -= 1
      }
    }
    var out = [NumericColumn]()
    for t in 0..<types {
      for (w, window) in windows.enumerated() {
        out.append(
          NumericColumn(
            name: "events_\(FeatureName.sanitised(behaviour.eventTypes[t]))_\(window)d", values: counts[t][w],
            transform: .signedLog1p))
      }
    }
    out.append(NumericColumn(name: FeatureKey.events90d.rawValue, values: all90, transform: .signedLog1p))
    out.append(NumericColumn(name: FeatureKey.daysSinceLastEvent.rawValue, values: sinceLast, transform: .signedLog1p))
    return out
  }
}

/// Feature-name hygiene for names built from input data.
package enum FeatureName {
  /// Lower-case ASCII letters, digits and `_`; anything else becomes `_`
  /// (event type names come from input data and end up in column names).
  package static func sanitised(_ raw: String) -> String {
    let mapped = raw.lowercased().unicodeScalars.map { s -> Character in
      let keep = ("a"..."z").contains(s) || ("0"..."9").contains(s) || s == "_"
      return keep ? Character(s) : "_"
    }
    return mapped.isEmpty ? "_" : String(mapped)
  }
}
