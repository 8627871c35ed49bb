/// A named set of encoded columns that belong to one raw feature (e.g. the one-hot
/// columns of `channel`); permutation importance shuffles them together.
public struct FeatureGroup: Codable, Sendable, Equatable {
  /// Raw feature name, e.g. `"channel"`.
  public var name: String
  /// Column indices in the encoded matrix.
  public var columns: [Int]

  /// Creates a group.
  public init(name: String, columns: [Int]) {
    self.name = name
    self.columns = columns
  }
}
