/// Non-negative least squares: `argmin_w ‖A·w − b‖²` subject to `w ≥ 0`, for a few
/// columns and many rows, by the active-set method of Lawson & Hanson (1974), "Solving
/// Least Squares Problems", ch. 23 (the algorithm behind `scipy.optimize.nnls`).
///
/// It works on the normal equations `AᵀA` (k × k) and `Aᵀb`, summed once in row order,
/// so the cost is O(n·k²) for the sums plus O(k⁴) for the iterations. Each passive-set
/// subproblem is solved by Gaussian elimination with partial pivoting on `AᵀA` with a
/// ridge of 1e-12 · trace/k, which only matters for (near-)collinear columns.
package enum NonNegativeLeastSquares {
  /// The solution for columns `columns[j]` (each n long) and target `b` (n long).
  package static func solve(columns: [[Double]], target b: [Double]) -> [Double] {
    let k = columns.count
    guard k > 0 else { return [] }
    let n = b.count
    precondition(columns.allSatisfy { $0.count == n }, "every column needs one value per row")
    var ata = [Double](repeating: 0, count: k * k)
    var atb = [Double](repeating: 0, count: k)
    for i in 0..<k {
      for j in i..<k {
        var s = 0.0
        for r in 0..<n { s += columns[i][r] * columns[j][r] }
        ata[i * k + j] = s
        ata[j * k + i] = s
      }
      var s = 0.0
      for r in 0..<n { s += columns[i][r] * b[r] }
      atb[i] = s
    }
    return solve(normal: ata, rhs: atb, k: k)
  }

  /// The solution from the normal equations (row-major k × k `AᵀA` and `Aᵀb`).
  package static func solve(normal ata: [Double], rhs atb: [Double], k: Int) -> [Double] {
    let trace = (0..<k).reduce(0) { $0 + ata[$1 * k + $1] }
    let ridge = 1e-12 * trace / Double(k)
    let tolerance = 1e-12 * max(1, atb.map(abs).max() ?? 0)
    var w = [Double](repeating: 0, count: k)
    var passive = [Bool](repeating: false, count: k)
    for _ in 0..<(3 * k + 3) {
      // Negative gradient ½∂/∂w: Aᵀb − AᵀA·w.
      let gradient = (0..<k).map { i in atb[i] - (0..<k).reduce(0) { $0 + ata[i * k + $1] * w[$1] } }
      var pick = -1
      for j in 0..<k where !passive[j] && gradient[j] > tolerance {
        if pick < 0 || gradient[j] > gradient[pick] { pick = j }
      }
      guard pick >= 0 else { break }
      passive[pick] = true
      for _ in 0..<(3 * k + 3) {
        let s = restricted(ata, atb, k: k, passive: passive, ridge: ridge)
        if (0..<k).allSatisfy({ !passive[$0] || s[$0] > 0 }) {
          w = s
          break
        }
        // Step from w towards s until the first passive weight reaches zero.
        var alpha = 1.0
        for j in 0..<k where passive[j] && s[j] <= 0 {
          let d = w[j] - s[j]
          if d > 0 { alpha = min(alpha, w[j] / d) }
        }
        for j in 0..<k { w[j] += alpha * (s[j] - w[j]) }
        for j in 0..<k where passive[j] && w[j] <= 1e-15 {
          passive[j] = false
          w[j] = 0
        }
      }
    }
    return w
  }

  /// Least squares on the passive columns only (others 0).
  private static func restricted(
    _ ata: [Double], _ atb: [Double], k: Int, passive: [Bool], ridge: Double
  ) -> [Double] {
    let idx = (0..<k).filter { passive[$0] }
    let m = idx.count
    var a = [Double](repeating: 0, count: m * (m + 1))
    for (r, i) in idx.enumerated() {
      for (c, j) in idx.enumerated() { a[r * (m + 1) + c] = ata[i * k + j] + (r == c ? ridge : 0) }
      a[r * (m + 1) + m] = atb[i]
    }
    // Gaussian elimination with partial pivoting on the augmented m × (m + 1) matrix.
    for col in 0..<m {
      var p = col
      for r in (col + 1)..<max(col + 1, m) where abs(a[r * (m + 1) + col]) > abs(a[p * (m + 1) + col]) { p = r }
      if p != col {
        for c in 0...m { a.swapAt(col * (m + 1) + c, p * (m + 1) + c) }
      }
      let pivot = a[col * (m + 1) + col]
      guard pivot != 0 else { continue }
      for r in (col + 1)..<max(col + 1, m) {
        let f = a[r * (m + 1) + col] / pivot
        if f == 0 { continue }
        for c in col...m { a[r * (m + 1) + c] -= f * a[col * (m + 1) + c] }
      }
    }
    var x = [Double](repeating: 0, count: m)
    for r in stride(from: m - 1, through: 0, by: -1) {
      var s = a[r * (m + 1) + m]
      for c in (r + 1)..<m { s -= a[r * (m + 1) + c] * x[c] }
      let d = a[r * (m + 1) + r]
      x[r] = d != 0 ? s / d : 0
    }
    var out = [Double](repeating: 0, count: k)
    for (r, i) in idx.enumerated() { out[i] = x[r] }
    return out
  }
}
