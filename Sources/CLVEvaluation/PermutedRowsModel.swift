import CLVMath

/// A fitted model bound to a fixed set of rows, predicting them with some columns' values
/// taken from other rows: what ``PermutationImportance`` asks of a model.
///
/// A model can answer without rebuilding its inputs (the boosted trees shuffle their
/// already-binned codes); ``MatrixPermutedRows`` is the generic answer for any
/// `Matrix → predictions` function.
package protocol PermutedRowsModel {
  /// Number of rows.
  var rows: Int { get }
  /// Predictions of every row, with the values of `columns` of row i taken from row
  /// `permutation[i]` (every row as it is when `permutation` is nil).
  mutating func predict(permuting columns: [Int], by permutation: [Int]?) -> [Double]
}

/// ``PermutedRowsModel`` for a prediction function over matrix rows: the permuted columns
/// are written into a working copy, predicted, and restored.
package struct MatrixPermutedRows: PermutedRowsModel {
  let original: Matrix
  var work: Matrix
  let function: (Matrix) -> [Double]

  /// Binds `predict` to the rows of `features`.
  package init(features: Matrix, predict: @escaping (Matrix) -> [Double]) {
    original = features
    work = features
    function = predict
  }

  package var rows: Int { original.rows }

  package mutating func predict(permuting columns: [Int], by permutation: [Int]?) -> [Double] {
    guard let permutation else { return function(original) }
    Self.permute(&work, from: original, columns: columns, permutation: permutation)
    defer { Self.restore(&work, from: original, columns: columns) }
    return function(work)
  }

  /// work[i, c] = original[π(i), c] for every c in `columns`.
  package static func permute(_ work: inout Matrix, from original: Matrix, columns: [Int], permutation: [Int]) {
    let width = original.columns
    original.values.withUnsafeBufferPointer { src in
      work.values.withUnsafeMutableBufferPointer { dst in
        for i in 0..<original.rows {
          let from = permutation[i] * width, to = i * width
          for c in columns { dst[to + c] = src[from + c] }
        }
      }
    }
  }

  /// Puts the original values of `columns` back.
  package static func restore(_ work: inout Matrix, from original: Matrix, columns: [Int]) {
    let width = original.columns
    original.values.withUnsafeBufferPointer { src in
      work.values.withUnsafeMutableBufferPointer { dst in
        for i in 0..<original.rows {
          for c in columns { dst[i * width + c] = src[i * width + c] }
        }
      }
    }
  }
}
