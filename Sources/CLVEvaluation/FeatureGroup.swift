/// A named set of encoded columns that belong to one raw feature (e.g. the one-hot
/// columns of `channel`); permutation importance shuffles them together.
package struct FeatureGroup: Codable, Sendable, Equatable {
  /// Raw feature name, e.g. `"channel"`.
  package var name: String
  /// Column indices in the encoded matrix.
  package var columns: [Int]

  /// Creates a group.
  package init(name: String, columns: [Int]) {
    self.name = name
    self.columns = columns
  }
}
