import Foundation
import Testing

@testable import CLVMath

@Suite struct BFGSMinimizerTests {
  /// Rosenbrock's function from (−1.2, 1): minimum 0 at (1, 1) (Nocedal & Wright, §2.1),
  /// reached to 1e-6 within 100 iterations.
  @Test func rosenbrock() {
    let result = BFGSMinimizer(maxIterations: 200, gradientTolerance: 1e-9).minimize(startingAt: [-1.2, 1]) { v in
      let (x, y) = (v[0], v[1])
      let f = 100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x)
      return (f, [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)])
    }
    #expect(result.converged)
    #expect(result.iterations < 100)
    #expect(abs(result.x[0] - 1) < 1e-6 && abs(result.x[1] - 1) < 1e-6)
  }

  /// A quadratic ½xᵀAx − bᵀx has its minimum at A⁻¹b (hand-solved: A = [[4,1],[1,3]],
  /// b = [1,2] → x = [1/11, 7/11]).
  @Test func quadratic() {
    let result = BFGSMinimizer().minimize(startingAt: [5, -5]) { v in
      let g = [4 * v[0] + v[1] - 1, v[0] + 3 * v[1] - 2]
      let f = 0.5 * (4 * v[0] * v[0] + 2 * v[0] * v[1] + 3 * v[1] * v[1]) - v[0] - 2 * v[1]
      return (f, g)
    }
    #expect(result.converged)
    #expect(abs(result.x[0] - 1.0 / 11) < 1e-8 && abs(result.x[1] - 7.0 / 11) < 1e-8)
  }

  /// An objective that is +∞ outside its domain (x > 0): the line search backs off
  /// instead of accepting the infinite value. Minimum of x − ln x at x = 1.
  @Test func infiniteValuesAreAvoided() {
    let result = BFGSMinimizer().minimize(startingAt: [0.01]) { v in
      v[0] > 0 ? (v[0] - log(v[0]), [1 - 1 / v[0]]) : (.infinity, [.nan])
    }
    #expect(result.converged)
    #expect(abs(result.x[0] - 1) < 1e-7)
  }

  /// Hitting the iteration limit is a flag, not a trap.
  @Test func iterationLimitIsReported() {
    let result = BFGSMinimizer(maxIterations: 3).minimize(startingAt: [-1.2, 1]) { v in
      let (x, y) = (v[0], v[1])
      return (
        100 * (y - x * x) * (y - x * x) + (1 - x) * (1 - x),
        [-400 * x * (y - x * x) - 2 * (1 - x), 200 * (y - x * x)]
      )
    }
    #expect(!result.converged && result.iterations == 3)
  }

  /// The evaluation budget stops a run that would otherwise go on for all its iterations
  /// (f = −x has no minimum: every line search spends its 40 evaluations), without a clock.
  @Test func evaluationLimitIsReported() {
    var minimizer = BFGSMinimizer(maxIterations: 10_000)
    minimizer.maxEvaluations = 100
    var calls = 0
    let result = minimizer.minimize(startingAt: [0]) { v in
      calls += 1
      return (-v[0], [-1])
    }
    #expect(!result.converged && result.reason == "evaluation limit reached")
    #expect(result.evaluations == calls && calls < 100 + 41 && result.iterations == 3)
  }

  /// Central differences of sin at 1 equal cos 1 to 1e-9.
  @Test func centralDifferences() {
    let g = centralDifferenceGradient(of: { sin($0[0]) + $0[1] * $0[1] }, at: [1, 3])
    #expect(abs(g[0] - cos(1)) < 1e-9 && abs(g[1] - 6) < 1e-9)
  }
}
