/// The input file a feature column comes from, so a saved model that reads a column the
/// inputs lack can name the file to pass (`clv score` without the profile file).
package enum FeatureSource: String, Sendable, CaseIterable {
  /// The transaction log: purchase columns and the calendar position of the cutoff.
  case transactions
  /// The profile file: `days_since_signup` and the file's own columns.
  case customers
  /// The behaviour event log: `events_…` and `days_since_last_event`.
  case events

  /// The source of a column ``FeatureBuilder`` makes, from its name: a ``FeatureKey``'s, the
  /// behaviour prefix, and everything else (profile columns are named by the profile file)
  /// from the customers file.
  package init(column name: String) {
    if let key = FeatureKey(rawValue: name) {
      self = key.source
    } else if name.hasPrefix("events_") {
      self = .events
    } else {
      self = .customers
    }
  }
}
