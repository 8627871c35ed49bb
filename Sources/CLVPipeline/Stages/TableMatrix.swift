import CLVFeatures
import CLVMath

/// A raw feature table viewed as a numeric matrix and back, so model-agnostic
/// tools (permutation importance, partial dependence) can shuffle or set whole
/// raw features — a categorical attribute is one column of level codes — and
/// any candidate can still predict from the result.
struct TableMatrix: Sendable {
  /// Row ids of the table.
  let rowIDs: [String]
  /// Numeric column names and transforms, then categorical column names.
  let numericNames: [(String, NumericTransform)]
  let categoricalNames: [String]
  /// Levels of each categorical column; code k ↔ levels[k], code −1 ↔ missing.
  let levels: [[String]]
  /// (rows, numeric + categorical) values.
  let matrix: Matrix
  /// The table's as-of day.
  let asOfDay: Int32?

  init(_ table: FeatureTable) {
    rowIDs = table.rowIDs
    asOfDay = table.asOfDay
    numericNames = table.numeric.map { ($0.name, $0.transform) }
    categoricalNames = table.categorical.map(\.name)
    levels = table.categorical.map { Array(Set($0.values.compactMap { $0 })).sorted() }
    let n = table.rowCount
    let c = table.numeric.count + table.categorical.count
    var values = [Double](repeating: 0, count: n * c)
    for (j, col) in table.numeric.enumerated() {
      for i in 0..<n { values[i * c + j] = col.values[i] }
    }
    for (k, col) in table.categorical.enumerated() {
      let code = Dictionary(uniqueKeysWithValues: levels[k].enumerated().map { ($1, Double($0)) })
      let j = table.numeric.count + k
      for i in 0..<n { values[i * c + j] = col.values[i].flatMap { code[$0] } ?? -1 }
    }
    matrix = Matrix(rows: n, columns: c, values: values)
  }

  /// Column names in matrix order.
  var names: [String] { numericNames.map(\.0) + categoricalNames }

  /// The feature table a (possibly permuted) matrix stands for.
  func table(_ m: Matrix) -> FeatureTable {
    let c = m.columns
    let numeric = numericNames.enumerated().map { j, nt in
      NumericColumn(name: nt.0, values: (0..<m.rows).map { m.values[$0 * c + j] }, transform: nt.1)
    }
    let categorical = categoricalNames.enumerated().map { k, name in
      let j = numericNames.count + k
      return CategoricalColumn(
        name: name,
        values: (0..<m.rows).map { i -> String? in
          let code = Int(m.values[i * c + j])
          return code >= 0 && code < levels[k].count ? levels[k][code] : nil
        })
    }
    let ids = m.rows == rowIDs.count ? rowIDs : (0..<m.rows).map { "row\($0)" }
    return FeatureTable(rowIDs: ids, numeric: numeric, categorical: categorical, asOfDay: asOfDay)
  }
}
