/// Metrics of the customers in one group (a segment, a profile level, a channel).
package struct GroupMetricsRow: Codable, Sendable, Equatable {
  /// The group label.
  package var group: String
  /// ``RegressionMetrics`` of the group's customers (decile metrics `nil` below 10).
  package var metrics: RegressionMetrics

  /// Creates a row.
  package init(group: String, metrics: RegressionMetrics) {
    self.group = group
    self.metrics = metrics
  }
}

/// Error analysis by group: the same metrics computed within each group.
///
/// Within-group Gini and Spearman measure ranking inside the group only; a model can
/// rank well overall (separating groups) and poorly inside each.
package enum GroupMetrics {
  /// One row per distinct label, sorted by label; `groups[i]` labels customer i.
  package static func evaluate(predicted: [Double], actual: [Double], groups: [String]) -> [GroupMetricsRow] {
    precondition(predicted.count == actual.count && actual.count == groups.count, "one label per customer")
    var members = [String: [Int]]()
    for (i, g) in groups.enumerated() { members[g, default: []].append(i) }
    return members.keys.sorted().map { g in
      let idx = members[g] ?? []
      return GroupMetricsRow(
        group: g,
        metrics: RegressionMetrics.evaluate(predicted: idx.map { predicted[$0] }, actual: idx.map { actual[$0] }))
    }
  }
}
