import CLVMath

/// A fitted encoder from a ``FeatureTable`` to a numeric matrix for the models,
/// using training statistics only (see ``TabularEncoderConfig``).
///
/// Output columns: every numeric column in table order (value, then its missing
/// indicator if any), then every categorical column's one-hot block.
package struct TabularEncoder: Sendable, Codable, Equatable {
  /// Numeric column encodings, in output order.
  package let numeric: [NumericEncoding]
  /// Categorical column encodings, in output order.
  package let categorical: [CategoricalEncoding]

  /// Creates an encoder from fitted column encodings.
  package init(numeric: [NumericEncoding], categorical: [CategoricalEncoding]) {
    self.numeric = numeric
    self.categorical = categorical
  }

  /// Names of the output columns, in order.
  package var outputNames: [String] {
    numeric.flatMap(\.outputNames) + categorical.flatMap(\.outputNames)
  }

  /// Source column → its output columns, in output order.
  package var featureGroups: [FeatureGroup] {
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
  package func transform(_ table: FeatureTable) -> Matrix { transform(table, rows: 0..<table.rowCount) }

  /// ``transform(_:)`` of the rows `range` of `table` only (row r of the result is row
  /// `range.lowerBound + r`), without copying the table: the same values as the
  /// corresponding rows of the whole table's matrix, for prediction in blocks of rows.
  package func transform(_ table: FeatureTable, rows range: Range<Int>) -> Matrix {
    precondition(range.lowerBound >= 0 && range.upperBound <= table.rowCount, "row range out of the table")
    let width = outputNames.count
    let rows = range.count
    let first = range.lowerBound
    var out = [Double](repeating: 0, count: rows * width)
    var offset = 0
    for e in numeric {
      guard let column = table.numeric(e.name) else {
        preconditionFailure("table has no numeric column '\(e.name)' that the encoder was fitted on")
      }
      for i in 0..<rows {
        let (v, missing) = e.encode(column.values[first + i])
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
      for i in 0..<rows { out[i * width + offset + e.hotIndex(column.values[first + i], lookup: lookup)] = 1 }
      offset += e.width
    }
    return Matrix(rows: rows, columns: width, values: out)
  }

  /// Encodes `table` straight into Float32 rows (what the neural models read): the
  /// values of ``transform(_:)`` rounded to Float, without the Double matrix.
  package func transformFloat(_ table: FeatureTable) -> FloatMatrix {
    let columns = self.columns(of: table)
    return FloatMatrix(rows: table.rowCount, columns: columns.width) { buffer in
      columns.fill(0..<table.rowCount, into: buffer.baseAddress!)
    }
  }

  /// The encoder's inputs found in `table` once, to encode row ranges of it (e.g. in
  /// blocks, from several threads).
  package func columns(of table: FeatureTable) -> EncodedColumns {
    EncodedColumns(encoder: self, table: table)
  }
}

/// A ``TabularEncoder`` bound to the columns of one table: encodes any range of its
/// rows into Float32 (the output layout of ``TabularEncoder/transform(_:)``). Reading
/// only, so ranges may be encoded concurrently.
package struct EncodedColumns: Sendable {
  let numeric: [(encoding: NumericEncoding, values: [Double])]
  let categorical: [(encoding: CategoricalEncoding, values: [String?], lookup: [String: Int])]
  /// Output columns per row.
  package let width: Int

  init(encoder: TabularEncoder, table: FeatureTable) {
    numeric = encoder.numeric.map { e in
      guard let column = table.numeric(e.name) else {
        preconditionFailure("table has no numeric column '\(e.name)' that the encoder was fitted on")
      }
      return (e, column.values)
    }
    categorical = encoder.categorical.map { e in
      guard let column = table.categorical.first(where: { $0.name == e.name }) else {
        preconditionFailure("table has no categorical column '\(e.name)' that the encoder was fitted on")
      }
      return (e, column.values, e.lookup)
    }
    width = encoder.outputNames.count
  }

  /// Writes the encoded rows `rows` (row r at `(r − rows.lowerBound) · width`).
  package func fill(_ rows: Range<Int>, into out: UnsafeMutablePointer<Float>) {
    let w = width
    var offset = 0
    for (e, values) in numeric {
      let indicator = e.hasMissingIndicator
      for i in rows {
        let (v, missing) = e.encode(values[i])
        let o = (i - rows.lowerBound) * w + offset
        out[o] = Float(v)
        if indicator { out[o + 1] = Float(missing) }
      }
      offset += indicator ? 2 : 1
    }
    for (e, values, lookup) in categorical {
      for i in rows {
        let o = (i - rows.lowerBound) * w + offset
        for k in 0..<e.width { out[o + k] = 0 }
        out[o + e.hotIndex(values[i], lookup: lookup)] = 1
      }
      offset += e.width
    }
  }
}
