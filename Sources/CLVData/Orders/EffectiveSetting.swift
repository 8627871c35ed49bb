/// One setting that decided how a file was read, with where it came from, so a preset
/// never hides what it did: listed in the report and in metrics.json.
package struct EffectiveSetting: Codable, Equatable, Sendable {
  /// What the setting is, e.g. `status` or `customer column`.
  package var name: String
  /// Its value in words, e.g. `only paid, refunded (column 'Financial Status')`.
  package var value: String
  /// `preset`, `option` (a flag or the config file) or `default`.
  package var source: String

  package init(name: String, value: String, source: String) {
    self.name = name
    self.value = value
    self.source = source
  }
}
