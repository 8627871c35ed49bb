/// A dense, row-major matrix of `Double`s.
///
/// Element (i, j) is stored at `values[i * columns + j]`. The type is a plain
/// value: models take it as input and return new values; hot loops reach into
/// `values` through `withUnsafeBufferPointer`.
package struct Matrix: Sendable, Equatable, Codable {
  /// Number of rows (observations).
  package let rows: Int
  /// Number of columns (features).
  package let columns: Int
  /// Row-major storage, `rows * columns` elements.
  package var values: [Double]

  /// Creates a matrix from row-major storage.
  package init(rows: Int, columns: Int, values: [Double]) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    precondition(values.count == rows * columns, "storage must hold rows × columns values")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// Creates a matrix filled with `value`.
  package init(rows: Int, columns: Int, repeating value: Double = 0) {
    self.init(rows: rows, columns: columns, values: Array(repeating: value, count: rows * columns))
  }

  /// Creates a matrix from an array of equally long rows.
  package init(rowArrays: [[Double]]) {
    let c = rowArrays.first?.count ?? 0
    precondition(rowArrays.allSatisfy { $0.count == c }, "all rows must have the same length")
    self.init(rows: rowArrays.count, columns: c, values: rowArrays.flatMap { $0 })
  }

  /// Element access.
  package subscript(row: Int, column: Int) -> Double {
    get { values[row * columns + column] }
    set { values[row * columns + column] = newValue }
  }

  /// A copy of row `i`.
  package func row(_ i: Int) -> [Double] {
    Array(values[(i * columns)..<((i + 1) * columns)])
  }

  /// A copy of column `j`.
  package func column(_ j: Int) -> [Double] {
    (0..<rows).map { values[$0 * columns + j] }
  }

  /// The rows at `indices`, in that order.
  package func selectingRows(_ indices: [Int]) -> Matrix {
    var out = [Double]()
    out.reserveCapacity(indices.count * columns)
    for i in indices { out.append(contentsOf: values[(i * columns)..<((i + 1) * columns)]) }
    return Matrix(rows: indices.count, columns: columns, values: out)
  }

  /// The transpose.
  package var transposed: Matrix {
    var out = [Double](repeating: 0, count: values.count)
    for i in 0..<rows {
      for j in 0..<columns { out[j * rows + i] = values[i * columns + j] }
    }
    return Matrix(rows: columns, columns: rows, values: out)
  }
}
