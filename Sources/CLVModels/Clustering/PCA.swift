import CLVMath

/// Principal component analysis hyperparameters; `fit` returns a ``PCAModel``.
///
/// Centres the data, forms the sample covariance S = Xcᵀ Xc / (n − 1) (d × d) and
/// diagonalises it with ``SymmetricEigen`` (cyclic Jacobi): the components are the
/// eigenvectors, the explained variances the eigenvalues, sorted descending. Same
/// definitions as scikit-learn's `PCA` (variance with divisor n − 1; ratios over the
/// total variance trace(S)). Eigenvalues are accurate to about 1e-15 · trace(S); tiny
/// negative eigenvalues from round-off are clamped to 0.
///
/// Sign convention: each component's entry of largest magnitude is positive, so
/// repeated fits give identical scores.
///
/// Reference: Jolliffe (2002), *Principal Component Analysis*, 2nd ed., §1.1 and §3.1.
package struct PCA: Sendable, Codable, Equatable {
  /// Components to keep (nil: all d).
  package var componentCount: Int?

  /// Creates the hyperparameters.
  package init(componentCount: Int? = nil) {
    precondition(componentCount.map { $0 >= 1 } ?? true, "keep at least one component")
    self.componentCount = componentCount
  }

  /// Fits the principal axes of `x` (shape (n, d), n ≥ 2).
  package func fit(_ x: Matrix) -> PCAModel {
    precondition(x.rows >= 2, "PCA needs at least two rows")
    precondition(
      x.values.allSatisfy { $0.isFinite },
      "PCA needs finite features: impute or drop missing values first")
    let d = x.columns
    let kept = min(componentCount ?? d, d)
    let (mean, covariance) = Self.meanAndCovariance(x)
    let eigen = SymmetricEigen(covariance)
    let total = (0..<d).reduce(0.0) { $0 + covariance[$1, $1] }
    let variances = eigen.eigenvalues.prefix(kept).map { max($0, 0) }
    // components: (kept, d), row c = eigenvector c.
    var components = Matrix(rows: kept, columns: d)
    for c in 0..<kept { for j in 0..<d { components[c, j] = eigen.eigenvectors[j, c] } }
    return PCAModel(
      mean: mean, components: components, explainedVariance: variances,
      explainedVarianceRatio: variances.map { total > 0 ? $0 / total : 0 },
      totalVariance: total, sampleCount: x.rows)
  }

  /// Column means (d) and sample covariance (d, d) by two passes over fixed row
  /// blocks, reduced in block order (deterministic on any number of cores).
  static func meanAndCovariance(_ x: Matrix) -> ([Double], Matrix) {
    let n = x.rows
    let d = x.columns
    let blocks = ClusteringRowBlocks(rows: n)
    // partial: (blocks, d) sums, then (blocks, d, d) centred cross-products.
    var partialSums = [Double](repeating: 0, count: blocks.count * d)
    var partialProducts = [Double](repeating: 0, count: blocks.count * d * d)
    var mean = [Double](repeating: 0, count: d)
    x.values.withUnsafeBufferPointer { xp in
      let xb = xp.baseAddress!
      partialSums.withUnsafeMutableBufferPointer { sp in
        let sb = sp.baseAddress!
        blocks.forEach { b, rows in
          let s = sb + b * d
          for i in rows { for j in 0..<d { s[j] += xb[i * d + j] } }
        }
      }
      for b in 0..<blocks.count { for j in 0..<d { mean[j] += partialSums[b * d + j] } }
      for j in 0..<d { mean[j] /= Double(n) }
      mean.withUnsafeBufferPointer { mp in
        partialProducts.withUnsafeMutableBufferPointer { pp in
          let m = mp.baseAddress!
          let pb = pp.baseAddress!
          blocks.forEach { b, rows in
            let p = pb + b * d * d
            var centred = [Double](repeating: 0, count: d)
            for i in rows {
              for j in 0..<d { centred[j] = xb[i * d + j] - m[j] }
              for j in 0..<d {
                let cj = centred[j]
                for l in j..<d { p[j * d + l] += cj * centred[l] }
              }
            }
          }
        }
      }
    }
    var covariance = Matrix(rows: d, columns: d)
    for b in 0..<blocks.count {
      for j in 0..<d { for l in j..<d { covariance[j, l] += partialProducts[b * d * d + j * d + l] } }
    }
    for j in 0..<d {
      for l in j..<d {
        covariance[j, l] /= Double(n - 1)
        covariance[l, j] = covariance[j, l]
      }
    }
    return (mean, covariance)
  }
}
