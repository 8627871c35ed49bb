import CLVMath

/// A fitted encoder from a ``FeatureTable`` to a numeric matrix for the models,
/// using training statistics only (see ``TabularEncoderConfig``).
///
/// Output columns: every numeric column in table order (value, then its missing
/// indicator if any), then every categorical column's one-hot block.
public struct TabularEncoder: Sendable, Codable, Equatable {
  /// Numeric column encodings, in output order.
  public let numeric: [NumericEncoding]
  /// Categorical column encodings, in output order.
  public let categorical: [CategoricalEncoding]

  /// Creates an encoder from fitted column encodings.
  public init(numeric: [NumericEncoding], categorical: [CategoricalEncoding]) {
    self.numeric = numeric
    self.categorical = categorical
  }

  /// Names of the output columns, in order.
  public var outputNames: [String] {
    numeric.flatMap(\.outputNames) + categorical.flatMap(\.outputNames)
  }

  /// Source column → its output columns, in output order.
  public var featureGroups: [FeatureGroup] {
    var groups: [FeatureGroup] = []
    var next = 0
    for e in numeric {
      let w = e.outputNames.count
      groups.append(FeatureGroup(name: e.name, columns: Array(next..<(next + w))))
      next += w
    }
    for e in categorical {
      groups.append(FeatureGroup(name: e.name, columns: Array(next..<(next + e.width))))
      next += e.width
    }
    return groups
  }

  /// The columns the encoder was fitted on that `table` lacks (empty: it can be encoded).
  package func missingColumns(in table: FeatureTable) -> [String] {
    numeric.map(\.name).filter { table.numeric($0) == nil }
      + categorical.map(\.name).filter { name in !table.categorical.contains { $0.name == name } }
  }

  /// Encodes `table`, whose columns are found by name (extra columns are ignored).
  /// Returns a (rows, outputNames.count) matrix. Precondition: ``missingColumns(in:)`` is
  /// empty (callers check it where a table comes from data, e.g. `clv score`).
  public func transform(_ table: FeatureTable) -> Matrix {
    let width = outputNames.count
    let rows = table.rowCount
    var out = [Double](repeating: 0, count: rows * width)
    var offset = 0
    for e in numeric {
      guard let column = table.numeric(e.name) else {
        preconditionFailure("table has no numeric column '\(e.name)' that the encoder was fitted on")
      }
      for i in 0..<rows {
        let (v, missing) = e.encode(column.values[i])
        out[i * width + offset] = v
        if e.hasMissingIndicator { out[i * width + offset + 1] = missing }
      }
      offset += e.outputNames.count
    }
    for e in categorical {
      guard let column = table.categorical.first(where: { $0.name == e.name }) else {
        preconditionFailure("table has no categorical column '\(e.name)' that the encoder was fitted on")
      }
      let lookup = e.lookup
      for i in 0..<rows { out[i * width + offset + e.hotIndex(column.values[i], lookup: lookup)] = 1 }
      offset += e.width
    }
    return Matrix(rows: rows, columns: width, values: out)
  }
}
