/// Eigendecomposition A = V · diag(λ) · Vᵀ of a real symmetric matrix by the cyclic
/// Jacobi method.
///
/// Each Jacobi rotation J(p, q, θ) zeroes the off-diagonal pair a_pq = a_qp:
/// with θ = (a_qq − a_pp) / (2 a_pq), t = sign(θ) / (|θ| + √(θ² + 1)), c = 1/√(t² + 1),
/// s = t·c, the update is A ← Jᵀ A J and V ← V J. Sweeps over all pairs p < q repeat
/// until every off-diagonal entry is negligible next to its two diagonal entries
/// (|a_pq|·100 vanishes when added to |a_pp| and to |a_qq| in double precision), so the
/// off-diagonal mass is at round-off level; convergence is quadratic once it starts,
/// typically 6–10 sweeps. Eigenvalues are then accurate to about ε·‖A‖_F
/// (ε = 2.2e-16), and residuals ‖A v − λ v‖ are of the same order.
///
/// The method costs O(n³) per sweep and is meant for the small matrices of this project
/// (covariance matrices of a handful of features), where its simplicity and accuracy
/// beat Householder + QL.
///
/// Output conventions, so results are reproducible: eigenvalues sorted descending
/// (ties keep the solver's order), and each eigenvector's sign chosen so that its
/// entry of largest magnitude is positive (the first such entry on ties).
///
/// References: Golub & Van Loan (2013), *Matrix Computations*, 4th ed., §8.5.2–8.5.3
/// (cyclic Jacobi); Press et al. (2007), *Numerical Recipes*, 3rd ed., §11.1
/// (rotation formulas and the negligibility test).
package struct SymmetricEigen: Sendable, Equatable, Codable {
  /// Eigenvalues λ₁ ≥ λ₂ ≥ … ≥ λₙ.
  package let eigenvalues: [Double]
  /// Eigenvectors as columns: column j (shape (n, 1)) belongs to `eigenvalues[j]`;
  /// the columns are orthonormal.
  package let eigenvectors: Matrix
  /// Number of Jacobi sweeps performed.
  package let sweeps: Int
  /// Whether the off-diagonal entries became negligible within the sweep budget.
  package let converged: Bool

  /// Decomposes the symmetric matrix `a` (shape (n, n)).
  ///
  /// - Parameters:
  ///   - a: a square matrix; only symmetric input is meaningful (checked to a
  ///     relative 1e-8, a programmer error otherwise).
  ///   - maxSweeps: the sweep budget; 50 is far more than a well-posed problem needs.
  package init(_ a: Matrix, maxSweeps: Int = 50) {
    precondition(a.rows == a.columns, "SymmetricEigen needs a square matrix")
    let n = a.rows
    var scale = 0.0
    for v in a.values { scale = max(scale, abs(v)) }
    for i in 0..<n {
      for j in (i + 1)..<max(i + 1, n) {
        precondition(
          abs(a[i, j] - a[j, i]) <= 1e-8 * max(scale, .leastNormalMagnitude),
          "SymmetricEigen needs a symmetric matrix")
      }
    }
    // w: (n, n) working copy, rotated towards diagonal; v: (n, n) accumulated rotations.
    var w = a.values
    var v = [Double](repeating: 0, count: n * n)
    for i in 0..<n { v[i * n + i] = 1 }

    var sweeps = 0
    var converged = false
    while sweeps < maxSweeps {
      if Self.offDiagonalIsZero(w, n) {
        converged = true
        break
      }
      sweeps += 1
      for p in 0..<n {
        for q in (p + 1)..<max(p + 1, n) {
          Self.rotate(&w, &v, n, p, q, sweep: sweeps)
        }
      }
    }
    if !converged { converged = Self.offDiagonalIsZero(w, n) }

    // Sort descending by eigenvalue; a stable sort keeps ties in solver order.
    let order = (0..<n).sorted { w[$0 * n + $0] > w[$1 * n + $1] }
    var values = [Double](repeating: 0, count: n)
    var vectors = [Double](repeating: 0, count: n * n)
    for (newColumn, oldColumn) in order.enumerated() {
      values[newColumn] = w[oldColumn * n + oldColumn]
      // Sign convention: the entry of largest magnitude is positive.
      var pivot = 0
      for r in 0..<n where abs(v[r * n + oldColumn]) > abs(v[pivot * n + oldColumn]) { pivot = r }
      let sign: Double = n > 0 && v[pivot * n + oldColumn] < 0 ? -1 : 1
      for r in 0..<n { vectors[r * n + newColumn] = sign * v[r * n + oldColumn] }
    }
    self.eigenvalues = values
    self.eigenvectors = Matrix(rows: n, columns: n, values: vectors)
    self.sweeps = sweeps
    self.converged = converged
  }

  /// Whether every off-diagonal entry of `w` (shape (n, n)) is exactly zero.
  private static func offDiagonalIsZero(_ w: [Double], _ n: Int) -> Bool {
    for i in 0..<n {
      for j in 0..<n where i != j && w[i * n + j] != 0 { return false }
    }
    return true
  }

  /// Applies one Jacobi rotation in the (p, q) plane to `w` and accumulates it in `v`.
  private static func rotate(
    _ w: inout [Double], _ v: inout [Double], _ n: Int, _ p: Int, _ q: Int, sweep: Int
  ) {
    let apq = w[p * n + q]
    if apq == 0 { return }
    let app = w[p * n + p]
    let aqq = w[q * n + q]
    let g = 100 * abs(apq)
    // After a few sweeps, an entry too small to change either diagonal entry is set to
    // zero outright (Numerical Recipes §11.1): rotating it would only churn round-off.
    if sweep > 4 && abs(app) + g == abs(app) && abs(aqq) + g == abs(aqq) {
      w[p * n + q] = 0
      w[q * n + p] = 0
      return
    }
    let theta = (aqq - app) / (2 * apq)
    // t = tan(rotation angle), the smaller root, for stability; for huge θ, t ≈ 1/(2θ).
    var t: Double
    if abs(theta) > 1e150 {
      t = 1 / (2 * theta)
    } else {
      t = 1 / (abs(theta) + (theta * theta + 1).squareRoot())
      if theta < 0 { t = -t }
    }
    let c = 1 / (t * t + 1).squareRoot()
    let s = t * c
    let tau = s / (1 + c)
    w[p * n + p] = app - t * apq
    w[q * n + q] = aqq + t * apq
    w[p * n + q] = 0
    w[q * n + p] = 0
    for r in 0..<n where r != p && r != q {
      let arp = w[r * n + p]
      let arq = w[r * n + q]
      let newRP = arp - s * (arq + arp * tau)
      let newRQ = arq + s * (arp - arq * tau)
      w[r * n + p] = newRP
      w[p * n + r] = newRP
      w[r * n + q] = newRQ
      w[q * n + r] = newRQ
    }
    for r in 0..<n {
      let vrp = v[r * n + p]
      let vrq = v[r * n + q]
      v[r * n + p] = vrp - s * (vrq + vrp * tau)
      v[r * n + q] = vrq + s * (vrp - vrq * tau)
    }
  }
}
