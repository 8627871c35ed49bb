/// A fitted model parameter with its conventional name, e.g. `NamedParameter(name: "r", value: 0.243)`.
package struct NamedParameter: Sendable, Codable, Equatable {
  /// The symbol used in the literature ("r", "alpha", "a", "b", "s", "beta", "p", "q", "gamma").
  package var name: String
  /// The estimate.
  package var value: Double

  /// Creates a named parameter.
  package init(name: String, value: Double) {
    self.name = name
    self.value = value
  }
}
