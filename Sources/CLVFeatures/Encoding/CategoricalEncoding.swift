/// The fitted encoding of one categorical column: one-hot over the frequent levels.
///
/// Columns, in order: the kept levels (most frequent in training first, ties by
/// name), then "other" (a rarer training level or a level never seen in training),
/// then "missing" if training had nil values. A nil at transform time without a
/// missing column counts as "other". Exactly one column is 1 per row.
package struct CategoricalEncoding: Sendable, Codable, Equatable {
  /// Source column name.
  package let name: String
  /// Levels with their own column, in output order.
  package let levels: [String]
  /// Whether a "missing" column is emitted.
  package let hasMissingLevel: Bool

  /// Fits on the training values of `column`, keeping at most `maxLevels` levels.
  package init(fitting column: CategoricalColumn, maxLevels: Int) {
    name = column.name
    var counts: [String: Int] = [:]
    var sawNil = false
    for v in column.values {
      if let v { counts[v, default: 0] += 1 } else { sawNil = true }
    }
    levels = counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
      .prefix(maxLevels).map(\.key)
    hasMissingLevel = sawNil
  }

  /// Output column names: `name=level…`, `name=(other)`, `name=(missing)`.
  package var outputNames: [String] {
    levels.map { "\(name)=\($0)" } + ["\(name)=(other)"] + (hasMissingLevel ? ["\(name)=(missing)"] : [])
  }

  /// Number of output columns.
  package var width: Int { levels.count + 1 + (hasMissingLevel ? 1 : 0) }

  /// Position of the 1 within this column's block for value `v`.
  package func hotIndex(_ v: String?, lookup: [String: Int]) -> Int {
    guard let v else { return hasMissingLevel ? levels.count + 1 : levels.count }
    return lookup[v] ?? levels.count
  }

  /// Level → position, for ``hotIndex(_:lookup:)``.
  package var lookup: [String: Int] {
    Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
  }
}
