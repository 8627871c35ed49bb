import CLVMath
import Foundation

/// Predictions shared by ``BGNBDModel`` (k = 0) and ``MBGNBDModel`` (k = 1).
///
/// Conditional expectation (FHL 2005 eq. 10; Batislam et al. 2007), with z = t/(α+T+t):
///
///     E[Y(t) | x, tₓ, T] = (a+b+x−1+k)/(a−1) · [1 − ((α+T)/(α+T+t))^{r+x}
///                           · ₂F₁(r+x, b+x+k; a+b+x−1+k; z)] / (1 + δ·E)
///     E = a/(b+x−1+k) · ((α+T)/(α+tₓ))^{r+x},  δ = 1[x > 0] (BG) or 1 (MBG)
///
/// The ₂F₁ is evaluated after Euler's transformation,
/// (1−z)^{r+x} ₂F₁(r+x, b+x+k; C; z) = (1−z)^{a−1} ₂F₁(a+b−1+k−r, a−1; C; z),
/// whose parameters do not grow with x, so the series neither overflows nor crawls for
/// heavy buyers or long horizons. The unconditional E[X(t)] is the case x = tₓ = T = 0.
/// P(alive) = 1 / (1 + δ·E). Accuracy: ~1e-13 relative away from a = 1, a removable
/// singularity of the closed form; within 1e-6 of it the values at 1 ± 1e-5 are averaged
/// (relative error ~1e-10).
enum BetaGeometricPredictions {
  static func conditionalExpected(
    _ p: (r: Double, alpha: Double, a: Double, b: Double), modified: Bool, t: Double,
    x: Double, tx: Double, T: Double
  ) -> Double {
    guard t > 0 else { return 0 }
    // a = 1 is a removable singularity of the closed form: average the two sides
    // at a = 1 ± 1e-5 (the function is smooth in a, so the error is O(h²)).
    if abs(p.a - 1) < 1e-6 {
      let below = conditionalExpected(
        (p.r, p.alpha, 1 - 1e-5, p.b), modified: modified, t: t, x: x, tx: tx, T: T)
      let above = conditionalExpected(
        (p.r, p.alpha, 1 + 1e-5, p.b), modified: modified, t: t, x: x, tx: tx, T: T)
      return 0.5 * (below + above)
    }
    let k = modified ? 1.0 : 0.0
    let (r, alpha, a, b) = p
    let c = a + b + x - 1 + k
    let z = t / (alpha + T + t)
    let u = (a - 1) * log((alpha + T) / (alpha + T + t))  // ln (1−z)^{a−1}
    let f = hypergeometric2F1(a + b - 1 + k - r, a - 1, c, z)
    // 1 − e^u·F written to avoid cancellation for short horizons.
    let bracket = -expm1(u) - exp(u) * (f - 1)
    return max(0, c / (a - 1) * bracket * aliveProbability(p, modified: modified, x: x, tx: tx, T: T))
  }

  static func aliveProbability(
    _ p: (r: Double, alpha: Double, a: Double, b: Double), modified: Bool, x: Double,
    tx: Double, T: Double
  ) -> Double {
    guard modified || x > 0 else { return 1 }
    let k = modified ? 1.0 : 0.0
    let logE = log(p.a / (p.b + x - 1 + k)) + (p.r + x) * log((p.alpha + T) / (p.alpha + tx))
    return logistic(-logE)
  }

  /// P(X(t) = n) (FHL 2005 eq. 8; for MBG the second term also applies at n = 0):
  /// B(a, b+n+k)/B(a, b) · NB(n) + δ B(a+1, b+n−1+k)/B(a, b) · (1 − Σ_{j<n} NB(j)),
  /// NB(j) = Γ(r+j)/(Γ(r) j!) (α/(α+t))^r (t/(α+t))^j.
  static func probabilityOfCount(
    _ n: Int, _ p: (r: Double, alpha: Double, a: Double, b: Double), modified: Bool, t: Double
  ) -> Double {
    guard n >= 0 else { return 0 }
    let k = modified ? 1.0 : 0.0
    let (r, alpha, a, b) = p
    let x = Double(n)
    let logStay = log(alpha / (alpha + t)), logBuy = log(t / (alpha + t))
    func nb(_ j: Double) -> Double {
      let tail = j > 0 ? j * logBuy : 0  // 0·ln 0 = 0 at t = 0
      return exp(logGamma(r + j) - logGamma(r) - logGamma(j + 1) + r * logStay + tail)
    }
    let lbab = logBeta(a, b)
    var probability = exp(logBeta(a, b + x + k) - lbab) * nb(x)
    if modified || n > 0 {
      var cumulative = 0.0
      for j in 0..<n { cumulative += nb(Double(j)) }
      probability += exp(logBeta(a + 1, b + x - 1 + k) - lbab) * max(0, 1 - cumulative)
    }
    return min(1, max(0, probability))
  }
}
