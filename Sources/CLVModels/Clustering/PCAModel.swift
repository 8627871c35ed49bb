import CLVMath

/// A fitted PCA: mean, principal axes and the variance each explains.
package struct PCAModel: Sendable, Codable, Equatable {
  /// Column means of the training data, shape (d).
  package let mean: [Double]
  /// Principal axes as rows, shape (m, d): orthonormal, sorted by explained variance,
  /// largest-magnitude loading positive. Entry (c, j) is the loading of feature j on
  /// component c.
  package let components: Matrix
  /// Variance along each component (eigenvalues of the covariance, divisor n − 1),
  /// descending, shape (m).
  package let explainedVariance: [Double]
  /// explainedVariance / totalVariance, shape (m).
  package let explainedVarianceRatio: [Double]
  /// trace of the covariance: Σ_j Var(x_j), the variance of all d components.
  package let totalVariance: Double
  /// Rows the model was fitted on.
  package let sampleCount: Int

  /// Creates a model from its parts.
  package init(
    mean: [Double], components: Matrix, explainedVariance: [Double],
    explainedVarianceRatio: [Double], totalVariance: Double, sampleCount: Int
  ) {
    self.mean = mean
    self.components = components
    self.explainedVariance = explainedVariance
    self.explainedVarianceRatio = explainedVarianceRatio
    self.totalVariance = totalVariance
    self.sampleCount = sampleCount
  }

  /// Scores of `x` (shape (n, d)) on the first `components` axes:
  /// (x − mean) · componentsᵀ, shape (n, components).
  package func transform(_ x: Matrix, components count: Int = 2) -> Matrix {
    precondition(x.columns == mean.count, "transform needs the training feature count")
    precondition(count >= 1 && count <= components.rows, "component count out of range")
    let n = x.rows
    let d = x.columns
    var out = [Double](repeating: 0, count: n * count)
    x.values.withUnsafeBufferPointer { xp in
      components.values.withUnsafeBufferPointer { cp in
        for i in 0..<n {
          for c in 0..<count {
            var s = 0.0
            for j in 0..<d { s += (xp[i * d + j] - mean[j]) * cp[c * d + j] }
            out[i * count + c] = s
          }
        }
      }
    }
    return Matrix(rows: n, columns: count, values: out)
  }
}
