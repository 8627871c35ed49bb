/// A fitted model parameter with its conventional name, e.g. `NamedParameter(name: "r", value: 0.243)`.
public struct NamedParameter: Sendable, Codable, Equatable {
  /// The symbol used in the literature ("r", "alpha", "a", "b", "s", "beta", "p", "q", "gamma").
  public var name: String
  /// The estimate.
  public var value: Double

  /// Creates a named parameter.
  public init(name: String, value: Double) {
    self.name = name
    self.value = value
  }
}
