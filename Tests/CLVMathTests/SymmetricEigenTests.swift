import Foundation
import Testing

@testable import CLVMath

@Suite struct SymmetricEigenTests {
  /// The second-difference matrix tridiag(−1, 2, −1) of size 3 has the closed-form
  /// eigenpairs λ_m = 2 − 2cos(mπ/4), v_m ∝ (sin(mπ/4), sin(2mπ/4), sin(3mπ/4)):
  /// λ = 2 + √2, 2, 2 − √2 with v = (1, −√2, 1)/2, (1, 0, −1)/√2, (1, √2, 1)/2.
  /// Signs follow the convention (largest-magnitude entry positive, first on ties).
  @Test func handSolvedSecondDifferenceMatrix() {
    let a = Matrix(rowArrays: [[2, -1, 0], [-1, 2, -1], [0, -1, 2]])
    let e = SymmetricEigen(a)
    let r2 = 2.0.squareRoot()
    #expect(e.converged)
    let expectedValues = [2 + r2, 2, 2 - r2]
    for (got, want) in zip(e.eigenvalues, expectedValues) { #expect(abs(got - want) < 1e-14) }
    let expectedVectors: [[Double]] = [[-0.5, r2 / 2, -0.5], [1 / r2, 0, -1 / r2], [0.5, r2 / 2, 0.5]]
    for c in 0..<3 {
      for r in 0..<3 { #expect(abs(e.eigenvectors[r, c] - expectedVectors[c][r]) < 1e-14) }
    }
  }

  /// A = I + 𝟙𝟙ᵀ (n × n) has eigenvalue n + 1 once (vector 𝟙/√n) and 1 with
  /// multiplicity n − 1: a repeated-eigenvalue case.
  @Test func repeatedEigenvalues() {
    let n = 5
    var a = Matrix(rows: n, columns: n, repeating: 1)
    for i in 0..<n { a[i, i] = 2 }
    let e = SymmetricEigen(a)
    #expect(abs(e.eigenvalues[0] - 6) < 1e-13)
    for v in e.eigenvalues.dropFirst() { #expect(abs(v - 1) < 1e-13) }
    for r in 0..<n { #expect(abs(e.eigenvectors[r, 0] - 1 / Double(n).squareRoot()) < 1e-13) }
  }

  /// Residuals ‖A v − λ v‖ ≤ 1e-12 ‖A‖_F, orthonormal V (|VᵀV − I| ≤ 1e-13), descending
  /// order and Σλ = trace(A) on random symmetric matrices of sizes 1…12.
  @Test(arguments: [1, 2, 3, 5, 8, 12])
  func residualsOnRandomSymmetricMatrices(n: Int) {
    var rng = SplitMix64(seed: UInt64(100 + n))
    var a = Matrix(rows: n, columns: n)
    for i in 0..<n {
      for j in i..<n {
        let v = rng.nextNormal() * 3
        a[i, j] = v
        a[j, i] = v
      }
    }
    let norm = a.values.reduce(0) { $0 + $1 * $1 }.squareRoot()
    let e = SymmetricEigen(a)
    #expect(e.converged)
    #expect(e.sweeps <= 15)
    for c in 0..<n {
      var residual = 0.0
      for r in 0..<n {
        var av = 0.0
        for k in 0..<n { av += a[r, k] * e.eigenvectors[k, c] }
        let diff = av - e.eigenvalues[c] * e.eigenvectors[r, c]
        residual += diff * diff
      }
      #expect(residual.squareRoot() <= 1e-12 * norm)
      for c2 in 0..<n {
        var dot = 0.0
        for r in 0..<n { dot += e.eigenvectors[r, c] * e.eigenvectors[r, c2] }
        #expect(abs(dot - (c == c2 ? 1 : 0)) <= 1e-13)
      }
    }
    for c in 1..<max(1, n) { #expect(e.eigenvalues[c - 1] >= e.eigenvalues[c]) }
    let trace = (0..<n).reduce(0.0) { $0 + a[$1, $1] }
    #expect(abs(e.eigenvalues.reduce(0, +) - trace) <= 1e-12 * norm)
  }

  /// A diagonal matrix is already decomposed: no sweeps, eigenvalues sorted, unit vectors.
  @Test func diagonalNeedsNoSweeps() {
    let a = Matrix(rowArrays: [[1, 0, 0], [0, 3, 0], [0, 0, -2]])
    let e = SymmetricEigen(a)
    #expect(e.sweeps == 0)
    #expect(e.eigenvalues == [3, 1, -2])
    #expect(e.eigenvectors == Matrix(rowArrays: [[0, 1, 0], [1, 0, 0], [0, 0, 1]]))
  }
}
