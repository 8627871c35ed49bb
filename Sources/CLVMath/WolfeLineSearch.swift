import Foundation

/// A line search for a step length satisfying the strong Wolfe conditions
///
///     φ(α) ≤ φ(0) + c₁ α φ'(0)      (sufficient decrease)
///     |φ'(α)| ≤ c₂ |φ'(0)|          (curvature)
///
/// where φ(α) = f(x + α p). Brackets by doubling, then zooms with safeguarded quadratic
/// interpolation (bisection when a value is not finite). A non-finite φ(α) counts as a
/// failed sufficient-decrease test, so the search backs off from domain edges. If the
/// zoom runs out of trials, or three trials differ from φ(0) only by rounding, it
/// returns the best point with sufficient decrease, if any.
///
/// Reference: Nocedal & Wright (2006), *Numerical Optimization*, Algorithms 3.5–3.6.
package struct WolfeLineSearch: Sendable {
  /// Sufficient-decrease constant c₁.
  package var c1 = 1e-4
  /// Curvature constant c₂ (0.9 suits quasi-Newton methods).
  package var c2 = 0.9
  /// Maximum objective evaluations per search.
  package var maxEvaluations = 40

  /// Creates a line search with the usual quasi-Newton constants.
  package init() {}

  /// A point reached by the search.
  package struct Point: Sendable {
    /// The step length α.
    package var alpha: Double
    /// x + α p.
    package var x: [Double]
    /// f(x + α p).
    package var value: Double
    /// ∇f(x + α p).
    package var gradient: [Double]
  }

  /// Searches along descent direction `p` (requires gᵀp < 0).
  /// - Returns: the accepted point (nil if none decreased f) and the evaluations used.
  package func search(
    from x: [Double], value f0: Double, gradient g0: [Double], direction p: [Double],
    firstTrial: Double, _ objective: ([Double]) -> (value: Double, gradient: [Double])
  ) -> (point: Point?, evaluations: Int) {
    let slope0 = BFGSVector.dot(g0, p)
    precondition(slope0 < 0, "line search needs a descent direction")
    var evaluations = 0
    func evaluate(_ alpha: Double) -> (Point, Double) {
      evaluations += 1
      let xt = zip(x, p).map { $0 + alpha * $1 }
      let (v, g) = objective(xt)
      let finite = v.isFinite && g.allSatisfy(\.isFinite)
      return (
        Point(alpha: alpha, x: xt, value: finite ? v : .infinity, gradient: g),
        finite ? BFGSVector.dot(g, p) : .nan
      )
    }
    func decreases(_ pt: Point) -> Bool { pt.value <= f0 + c1 * pt.alpha * slope0 }

    let origin = Point(alpha: 0, x: x, value: f0, gradient: g0)
    var lo = origin
    var loSlope = slope0
    var alpha = firstTrial
    var hi: Point
    // Bracketing phase: grow α until the interval [lo, hi] contains acceptable steps.
    while true {
      let (pt, slope) = evaluate(alpha)
      if !decreases(pt) || (lo.alpha > 0 && pt.value >= lo.value) {
        hi = pt
        break
      }
      if abs(slope) <= -c2 * slope0 { return (pt, evaluations) }
      if slope >= 0 {
        hi = lo
        lo = pt
        loSlope = slope
        break
      }
      lo = pt
      loSlope = slope
      alpha *= 2
      if evaluations >= maxEvaluations { return (pt, evaluations) }
    }
    // Zoom phase: lo always satisfies sufficient decrease and has the lowest value.
    // Trials whose value differs from φ(0) only by rounding carry no information; after
    // a few of them the search stops instead of burning its whole budget.
    var flatTrials = 0
    while evaluations < maxEvaluations && flatTrials < 3 {
      let width = hi.alpha - lo.alpha
      var trial = lo.alpha + 0.5 * width
      if hi.value.isFinite && loSlope.isFinite {
        // Minimiser of the quadratic through φ(lo), φ'(lo), φ(hi).
        let curvature = hi.value - lo.value - loSlope * width
        if curvature > 0 {
          trial = lo.alpha - loSlope * width * width / (2 * curvature)
        }
      }
      // Safeguard: stay inside the middle 80% of the interval.
      let a = min(lo.alpha, hi.alpha)
      let b = max(lo.alpha, hi.alpha)
      trial = min(max(trial, a + 0.1 * (b - a)), b - 0.1 * (b - a))
      let (pt, slope) = evaluate(trial)
      if abs(pt.value - f0) <= 8 * Double.ulpOfOne * abs(f0) { flatTrials += 1 }
      if !decreases(pt) || pt.value >= lo.value {
        hi = pt
      } else {
        if abs(slope) <= -c2 * slope0 { return (pt, evaluations) }
        if slope * (hi.alpha - lo.alpha) >= 0 { hi = lo }
        lo = pt
        loSlope = slope
      }
      if abs(hi.alpha - lo.alpha) <= 1e-16 * max(1, lo.alpha) { break }
    }
    return (lo.alpha > 0 ? lo : nil, evaluations)
  }
}
