/// The encoded columns that come from one source column, so a whole one-hot block
/// (or a value with its missing indicator) can be permuted together in permutation
/// importance (Breiman 2001, "Random forests", Machine Learning 45).
public struct FeatureGroup: Sendable, Codable, Equatable {
  /// Source column name.
  public var name: String
  /// Indices into the encoder's output columns, increasing.
  public var columns: [Int]

  /// Creates a group.
  public init(name: String, columns: [Int]) {
    self.name = name
    self.columns = columns
  }
}
