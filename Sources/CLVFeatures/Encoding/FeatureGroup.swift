/// The encoded columns that come from one source column, so a whole one-hot block
/// (or a value with its missing indicator) can be permuted together in permutation
/// importance (Breiman 2001, "Random forests", Machine Learning 45).
package struct FeatureGroup: Sendable, Codable, Equatable {
  /// Source column name.
  package var name: String
  /// Indices into the encoder's output columns, increasing.
  package var columns: [Int]

  /// Creates a group.
  package init(name: String, columns: [Int]) {
    self.name = name
    self.columns = columns
  }
}
