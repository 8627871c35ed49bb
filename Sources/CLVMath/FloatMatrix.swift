/// A dense row-major matrix of Float32 values: the input rows of the neural models,
/// kept in the precision they compute in (half the bytes of a ``Matrix``).
package struct FloatMatrix: Sendable, Equatable {
  package let rows: Int
  package let columns: Int
  package var values: [Float]

  /// A matrix over `values` (rows × columns, row-major).
  package init(rows: Int, columns: Int, values: [Float]) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    precondition(values.count == rows * columns, "storage must hold rows × columns values")
    self.rows = rows
    self.columns = columns
    self.values = values
  }

  /// `m`'s values rounded to Float (round to nearest), as the models use them.
  package init(_ m: Matrix) {
    self.init(rows: m.rows, columns: m.columns, values: m.values.map { Float($0) })
  }

  /// A rows × columns matrix whose storage `fill` writes (it gets the uninitialised
  /// buffer of rows × columns values and must set every one).
  package init(rows: Int, columns: Int, fill: (UnsafeMutableBufferPointer<Float>) -> Void) {
    precondition(rows >= 0 && columns >= 0, "matrix dimensions must be non-negative")
    self.rows = rows
    self.columns = columns
    values = [Float](unsafeUninitializedCapacity: rows * columns) { buffer, count in
      fill(buffer)
      count = rows * columns
    }
  }
}
