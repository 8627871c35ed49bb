import Foundation

/// Unconstrained minimisation by the BFGS quasi-Newton method with a strong-Wolfe
/// line search.
///
/// Each iteration steps along p = −H·g, where H approximates the inverse Hessian and is
/// updated from the step s and the gradient change y by
/// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, ρ = 1 / (yᵀs); the update is skipped when
/// yᵀs is not safely positive, and H is reset to the identity when p is not a descent
/// direction. Before the first update H is scaled by yᵀs / yᵀy. The line search
/// (``WolfeLineSearch``) treats a non-finite objective as "step too long", so objectives
/// may return `.infinity` or NaN outside their domain.
///
/// Converged means ‖g‖∞ ≤ `gradientTolerance`, or ‖g‖∞ ≤ `precisionFactor` ×
/// `gradientTolerance` when no step can decrease f in floating point any more. Running
/// out of iterations or objective evaluations, or a stalled line search with a larger
/// gradient, is reported as `converged == false`, never trapped. The work is bounded by
/// counts only (`maxIterations`, `maxEvaluations`; at most 40 evaluations per line
/// search), never by a clock, so a result never depends on the machine's load.
///
/// Reference: Nocedal & Wright (2006), *Numerical Optimization*, 2nd ed., Algorithm 6.1
/// and eq. (6.17), (6.20).
package struct BFGSMinimizer: Sendable {
  /// Maximum number of quasi-Newton iterations.
  package var maxIterations: Int
  /// Maximum number of objective evaluations (line searches included).
  package var maxEvaluations: Int = 5_000
  /// Convergence threshold on the largest absolute gradient component.
  package var gradientTolerance: Double
  /// When the line search can no longer decrease f (rounding), a gradient within this
  /// factor of `gradientTolerance` still counts as converged.
  package var precisionFactor: Double = 1000
  /// Largest first trial step of a line search, in the ∞-norm of x (guards against a
  /// first step that overflows, e.g. exp of a log-parameter).
  package var maxStep: Double

  /// Creates a minimiser.
  package init(maxIterations: Int = 500, gradientTolerance: Double = 1e-7, maxStep: Double = 5) {
    precondition(maxIterations >= 0, "maxIterations must be non-negative")
    precondition(gradientTolerance > 0 && maxStep > 0, "tolerances must be positive")
    self.maxIterations = maxIterations
    self.gradientTolerance = gradientTolerance
    self.maxStep = maxStep
  }

  /// Minimises `objective`, which returns the value and gradient at a point.
  ///
  /// - Parameter x0: the starting point; the objective must be finite there.
  /// - Returns: the best point found, with the reason the iterations stopped.
  package func minimize(
    startingAt x0: [Double], _ objective: ([Double]) -> (value: Double, gradient: [Double])
  ) -> BFGSResult {
    let n = x0.count
    var x = x0
    var (f, g) = objective(x)
    var evaluations = 1
    guard f.isFinite, g.allSatisfy(\.isFinite) else {
      return BFGSResult(
        x: x, value: f, gradient: g, iterations: 0, evaluations: 1, converged: false,
        reason: "objective not finite at the starting point")
    }
    var h = identity(n)  // inverse-Hessian approximation, (n, n) row-major
    var updated = false
    var iteration = 0
    while iteration < maxIterations {
      if evaluations >= maxEvaluations {
        return BFGSResult(
          x: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations,
          converged: BFGSVector.maxAbs(g) <= gradientTolerance, reason: "evaluation limit reached")
      }
      if BFGSVector.maxAbs(g) <= gradientTolerance {
        return BFGSResult(
          x: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations,
          converged: true, reason: "gradient below tolerance")
      }
      iteration += 1
      var p = multiply(h, g).map { -$0 }
      var slope = BFGSVector.dot(g, p)
      if !(slope < 0) {  // lost positive definiteness: restart from steepest descent
        h = identity(n)
        updated = false
        p = g.map { -$0 }
        slope = BFGSVector.dot(g, p)
      }
      let firstTrial = min(1, maxStep / max(BFGSVector.maxAbs(p), .leastNormalMagnitude))
      let search = WolfeLineSearch().search(
        from: x, value: f, gradient: g, direction: p, firstTrial: firstTrial, objective)
      evaluations += search.evaluations
      guard let step = search.point else {
        let nearTolerance = BFGSVector.maxAbs(g) <= precisionFactor * gradientTolerance
        if updated && !nearTolerance {  // retry once along steepest descent before giving up
          h = identity(n)
          updated = false
          continue
        }
        // Near a minimum the remaining decrease, about ½‖g‖²/curvature, drops below the
        // rounding error of f before ‖g‖ reaches a tight tolerance: accept a gradient
        // within `precisionFactor` × the tolerance as converged at the precision limit.
        let limit = BFGSVector.maxAbs(g) <= precisionFactor * gradientTolerance
        return BFGSResult(
          x: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations,
          converged: limit,
          reason: limit
            ? "precision limit: no further decrease representable, gradient near tolerance"
            : "line search found no decrease")
      }
      let s = zip(step.x, x).map { $0 - $1 }
      let y = zip(step.gradient, g).map { $0 - $1 }
      x = step.x
      f = step.value
      g = step.gradient
      let ys = BFGSVector.dot(y, s)
      if ys > 1e-12 * (BFGSVector.dot(s, s) * BFGSVector.dot(y, y)).squareRoot() {
        if !updated {
          let scale = ys / BFGSVector.dot(y, y)
          for i in 0..<n { h[i * n + i] = scale }
          updated = true
        }
        updateInverseHessian(&h, s: s, y: y, rho: 1 / ys)
      }
    }
    let done = BFGSVector.maxAbs(g) <= gradientTolerance
    return BFGSResult(
      x: x, value: f, gradient: g, iterations: iteration, evaluations: evaluations,
      converged: done, reason: done ? "gradient below tolerance" : "iteration limit reached")
  }

  /// H ← (I − ρ s yᵀ) H (I − ρ y sᵀ) + ρ s sᵀ, expanded as
  /// H − ρ (s (Hy)ᵀ + (Hy) sᵀ) + (ρ² yᵀHy + ρ) s sᵀ (H symmetric).
  private func updateInverseHessian(_ h: inout [Double], s: [Double], y: [Double], rho: Double) {
    let n = s.count
    let hy = multiply(h, y)
    let yhy = BFGSVector.dot(y, hy)
    let c = rho * rho * yhy + rho
    for i in 0..<n {
      for j in 0..<n {
        h[i * n + j] += -rho * (s[i] * hy[j] + hy[i] * s[j]) + c * s[i] * s[j]
      }
    }
  }

  private func identity(_ n: Int) -> [Double] {
    var m = [Double](repeating: 0, count: n * n)
    for i in 0..<n { m[i * n + i] = 1 }
    return m
  }

  private func multiply(_ m: [Double], _ v: [Double]) -> [Double] {
    let n = v.count
    return (0..<n).map { i in (0..<n).reduce(0) { $0 + m[i * n + $1] * v[$1] } }
  }
}

/// The outcome of a ``BFGSMinimizer`` run.
package struct BFGSResult: Sendable, Equatable {
  /// The best point found.
  package var x: [Double]
  /// The objective at `x`.
  package var value: Double
  /// The gradient at `x`.
  package var gradient: [Double]
  /// Quasi-Newton iterations taken.
  package var iterations: Int
  /// Objective evaluations (value and gradient together).
  package var evaluations: Int
  /// Whether the gradient criterion was met.
  package var converged: Bool
  /// Why the iterations stopped, for logs and reports.
  package var reason: String
}

/// Small vector helpers shared by the minimiser and its line search.
enum BFGSVector {
  /// Σ aᵢ bᵢ.
  static func dot(_ a: [Double], _ b: [Double]) -> Double {
    var s = 0.0
    for i in a.indices { s += a[i] * b[i] }
    return s
  }

  /// maxᵢ |vᵢ|.
  static func maxAbs(_ v: [Double]) -> Double {
    v.reduce(0) { max($0, abs($1)) }
  }
}
