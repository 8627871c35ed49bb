/// How a metric moved between two runs.
package enum ChangeAssessment: String, Codable, Sendable, Equatable {
  /// Improved (direction-aware).
  case better
  /// Got worse.
  case worse
  /// Equal within 1e-12 relative, or equally good (same distance from 1 for `total_ratio`).
  case unchanged
  /// One side is undefined.
  case undefined
}

/// One row of the run comparison table: a metric in the previous and current run.
package struct MetricComparison: Codable, Sendable, Equatable {
  /// The metric.
  package var metric: MetricKey
  /// Previous run's value.
  package var old: Double?
  /// This run's value.
  package var new: Double?
  /// new − old.
  package var absoluteChange: Double?
  /// (new − old) / |old|; `nil` when old is 0 or either is undefined.
  package var relativeChange: Double?
  /// Better or worse, by ``MetricKey/direction``.
  package var assessment: ChangeAssessment

  /// Compares one metric.
  package init(metric: MetricKey, old: Double?, new: Double?) {
    self.metric = metric
    self.old = old
    self.new = new
    guard let old, let new else {
      absoluteChange = nil
      relativeChange = nil
      assessment = .undefined
      return
    }
    absoluteChange = new - old
    relativeChange = old != 0 ? (new - old) / abs(old) : nil
    if abs(new - old) <= 1e-12 * max(1, abs(old))
      || (!metric.isBetter(new, than: old) && !metric.isBetter(old, than: new))
    {
      // Equal, or equally good (a total ratio of 0.9 vs 1.1).
      assessment = .unchanged
    } else {
      assessment = metric.isBetter(new, than: old) ? .better : .worse
    }
  }

  /// The comparison table of `metrics` (default: every key, in declaration order).
  package static func table(
    old: RegressionMetrics, new: RegressionMetrics, metrics: [MetricKey] = MetricKey.allCases
  ) -> [MetricComparison] {
    metrics.map { MetricComparison(metric: $0, old: old.value(of: $0), new: new.value(of: $0)) }
  }
}
