import Foundation
import Testing

@testable import CLVMath
@testable import CLVModels

@Suite struct PCATests {
  /// Hand-built data whose covariance is tridiag(−1, 2, −1): with the eigenpairs
  /// λ = 2 + √2, 2, 2 − √2 and q = (1, −√2, 1)/2, (1, 0, −1)/√2, (1, √2, 1)/2, the six
  /// rows m ± a_c q_c with a_c² = 5λ_c/2 have mean m and covariance
  /// Σ_c 2 a_c² q_c q_cᵀ / (6 − 1) = Σ_c λ_c q_c q_cᵀ. So PCA must return exactly these
  /// eigenpairs (signs by the largest-loading-positive convention) and ratios λ/6.
  @Test func handSolvedThreeByThree() {
    let r2 = 2.0.squareRoot()
    let lambda = [2 + r2, 2, 2 - r2]
    let q: [[Double]] = [[-0.5, r2 / 2, -0.5], [1 / r2, 0, -1 / r2], [0.5, r2 / 2, 0.5]]
    let mean = [1.0, -2.0, 3.0]
    var rows = [[Double]]()
    for c in 0..<3 {
      let a = (5 * lambda[c] / 2).squareRoot()
      rows.append((0..<3).map { mean[$0] + a * q[c][$0] })
      rows.append((0..<3).map { mean[$0] - a * q[c][$0] })
    }
    let model = PCA().fit(Matrix(rowArrays: rows))
    for c in 0..<3 {
      #expect(abs(model.explainedVariance[c] - lambda[c]) < 1e-13)
      #expect(abs(model.explainedVarianceRatio[c] - lambda[c] / 6) < 1e-14)
      for j in 0..<3 { #expect(abs(model.components[c, j] - q[c][j]) < 1e-13) }
      #expect(abs(model.mean[c] - mean[c]) < 1e-15)
    }
    #expect(abs(model.totalVariance - 6) < 1e-13)
    // Row 0 is m + a_0 q_0: its scores are (a_0, 0).
    let scores = model.transform(Matrix(rowArrays: [rows[0]]), components: 2)
    #expect(abs(scores[0, 0] - (5 * lambda[0] / 2).squareRoot()) < 1e-13)
    #expect(abs(scores[0, 1]) < 1e-13)
  }

  /// Correlated random data (n = 500, d = 5): orthonormal components (1e-12), variances
  /// descending and summing to trace(S) (relative 1e-12), and the scores have exactly
  /// the explained variances as sample variances and zero covariance (1e-9 relative).
  @Test func invariantsOnCorrelatedData() {
    var rng = SplitMix64(seed: 21)
    let n = 500
    let d = 5
    var values = [Double]()
    for _ in 0..<n {
      let z = (0..<d).map { _ in rng.nextNormal() }
      // x_j mixes the latent draws so the features are correlated with distinct scales.
      for j in 0..<d { values.append(Double(j + 1) * z[j] + 0.8 * z[0] - 0.5 * z[(j + 2) % d] + 10) }
    }
    let x = Matrix(rows: n, columns: d, values: values)
    let model = PCA().fit(x)
    for a in 0..<d {
      for b in 0..<d {
        var dot = 0.0
        for j in 0..<d { dot += model.components[a, j] * model.components[b, j] }
        #expect(abs(dot - (a == b ? 1 : 0)) < 1e-12)
      }
    }
    for c in 1..<d { #expect(model.explainedVariance[c - 1] >= model.explainedVariance[c]) }
    // Total variance from the definition Σ_j Var(x_j), divisor n − 1.
    var total = 0.0
    for j in 0..<d {
      let col = x.column(j)
      let m = col.reduce(0, +) / Double(n)
      total += col.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(n - 1)
    }
    #expect(abs(model.totalVariance - total) < 1e-12 * total)
    #expect(abs(model.explainedVariance.reduce(0, +) - total) < 1e-12 * total)
    #expect(abs(model.explainedVarianceRatio.reduce(0, +) - 1) < 1e-12)
    let scores = model.transform(x, components: d)
    for a in 0..<d {
      for b in a..<d {
        var s = 0.0
        for i in 0..<n { s += scores[i, a] * scores[i, b] }
        s /= Double(n - 1)
        let expected = a == b ? model.explainedVariance[a] : 0
        #expect(abs(s - expected) < 1e-9 * total)
      }
    }
  }

  @Test func componentCountLimitsTheModel() {
    let x = ClusteringTestData.uniform(n: 100, d: 4, seed: 1)
    let model = PCA(componentCount: 2).fit(x)
    #expect(model.components.rows == 2 && model.explainedVariance.count == 2)
    #expect(model.transform(x).columns == 2)
    #expect(model.explainedVarianceRatio.reduce(0, +) < 1)
  }
}
