import CLVMath
import Foundation

/// The Pareto/NBD log-likelihood.
///
///     L = Γ(r+x) α^r β^s / Γ(r) · [ (α+T)^{−(r+x)} (β+T)^{−s} + s/(r+s+x) · A₀ ]
///     A₀ = G(tₓ) − G(T),   G(y) = ₂F₁(r+s+x, b′; r+s+x+1; z(y)) / (M+y)^{r+s+x}
///
/// with M = max(α, β), z(y) = |α−β| / (M+y), b′ = s+1 if α ≥ β and r+x otherwise.
/// s·A₀/(r+s+x) equals s ∫_{tₓ}^{T} (α+τ)^{−(r+x)} (β+τ)^{−(s+1)} dτ, the chance of
/// dying unseen between the last purchase and T. With A = r+s+x, ₂F₁ is evaluated after
/// Euler's transformation ₂F₁(A, b′; A+1; z) = (1−z)^{1−b′} ₂F₁(1, A+1−b′; A+1; z),
/// whose series has monotonically shrinking terms (ratio < z), and everything is
/// combined in logarithms, so heavy buyers do not overflow. Cancellation in
/// G(tₓ) − G(T) only costs accuracy when that difference is negligible next to the
/// first term. The series needs ~ln(ε)/ln z terms: a handful for CDNOW (z < 0.1), but
/// thousands when one of α, β is tiny next to the other (z → 1); above z = 0.99 the term
/// is computed by quadrature instead (``ParetoNBDDeathIntegral``), so every evaluation
/// costs at most a few hundred logarithms per customer.
///
/// References: Schmittlein, Morrison & Colombo (1987), Management Science 33(1);
/// Fader & Hardie (2005), "A Note on Deriving the Pareto/NBD Model and Related
/// Expressions", eq. (22)–(24).
struct ParetoNBDLikelihood {
  /// The data, times already in the fitting unit.
  let data: CompressedHistories
  /// Whether large data sets may be summed on all cores.
  let parallel: Bool

  /// ℓ(r, α, s, β) and ∂ℓ/∂(r, α, s, β); p = [r, α, s, β]. Non-finite results (extreme
  /// trial parameters) come back as NaN, which the line search treats as "step too long".
  func evaluate(_ p: [Double]) -> (value: Double, gradient: [Double]) {
    let (r, alpha, s, beta) = (p[0], p[1], p[2], p[3])
    var ll = 0.0, dr = 0.0
    let (lgr, psr) = (logGamma(r), digamma(r))
    for (x, w) in zip(data.frequencyLevels, data.levelWeights) {
      ll += w * (logGamma(r + x) - lgr)
      dr += w * (digamma(r + x) - psr)
    }
    let constant = r * log(alpha) + s * log(beta)
    let dConstant = SIMD4(log(alpha), r / alpha, log(beta), s / beta)
    // ln G(y) and its gradient once per distinct (x, y) (``CompressedHistories``' pairs), where
    // the series is used: z(y) shrinks as y grows, so a pair whose own y needs the quadrature
    // is never read (its pattern's tₓ ≤ y needs it too), and it is skipped.
    let pairG = zip(data.pairFrequency, data.pairTime).map { x, y in
      ParetoNBDDeathIntegral.isNeeded(alpha: alpha, beta: beta, tx: y)
        ? (value: Double.nan, gradient: SIMD4<Double>(repeating: .nan))
        : Self.logGWithGradient(r: r, alpha: alpha, s: s, beta: beta, x: x, y: y)
    }
    let sums = data.frequency.withUnsafeBufferPointer { fx in
      data.recency.withUnsafeBufferPointer { ftx in
        data.age.withUnsafeBufferPointer { fT in
          data.weight.withUnsafeBufferPointer { fw in
            BTYDChunkedSum.sum(count: data.count, width: 5, parallel: parallel) { range, acc in
              var sum = 0.0
              var gradient = SIMD4<Double>.zero
              for i in range {
                let t = Self.logTermsWithGradient(
                  r: r, alpha: alpha, s: s, beta: beta, x: fx[i], tx: ftx[i], T: fT[i],
                  upper: { pairG[Int(data.recencyPair[i])] }, lower: { pairG[Int(data.agePair[i])] })
                let w = fw[i]
                sum += w * (constant + logAddExp(t.alive, t.died))
                let u = logistic(t.alive - t.died)  // P(alive); 1 when died = −∞
                gradient += w * (dConstant + u * t.dAlive + (1 - u) * t.dDied)
              }
              acc[0] += sum
              for k in 0..<4 { acc[k + 1] += gradient[k] }
            }
          }
        }
      }
    }
    let value = ll + sums[0]
    let gradient = [dr + sums[1], sums[2], sums[3], sums[4]]
    guard value.isFinite, gradient.allSatisfy(\.isFinite) else { return (.nan, gradient) }
    return (value, gradient)
  }

  /// The logarithms of the two terms in the bracket of L: "still alive at T",
  /// −(r+x) ln(α+T) − s ln(β+T), and "died unseen in (tₓ, T]", ln(s/(r+s+x) · A₀).
  /// P(alive) is the logistic of their difference.
  @inline(__always)
  static func logTerms(
    r: Double, alpha: Double, s: Double, beta: Double, x: Double, tx: Double, T: Double
  ) -> (alive: Double, diedUnseen: Double) {
    let alive = -(r + x) * log(alpha + T) - s * log(beta + T)
    guard T > tx else { return (alive, -.infinity) }
    if ParetoNBDDeathIntegral.isNeeded(alpha: alpha, beta: beta, tx: tx) {
      let d = ParetoNBDDeathIntegral.logValueWithGradient(r: r, alpha: alpha, s: s, beta: beta, x: x, tx: tx, T: T)
      return (alive, d.value)
    }
    let upper = logG(r: r, alpha: alpha, s: s, beta: beta, x: x, y: tx)
    let lower = logG(r: r, alpha: alpha, s: s, beta: beta, x: x, y: T)
    // ln(G(tₓ) − G(T)) = ln G(tₓ) + ln(1 − e^{ln G(T) − ln G(tₓ)}); ≤ 0 only by rounding.
    let gap = lower - upper
    guard gap < 0 else { return (alive, -.infinity) }
    let diedUnseen = log(s / (r + s + x)) + upper + log(-expm1(gap))
    return (alive, diedUnseen)
  }

  /// ln G(y), see the type's documentation.
  @inline(__always)
  static func logG(r: Double, alpha: Double, s: Double, beta: Double, x: Double, y: Double) -> Double {
    let big = max(alpha, beta) + y
    let small = min(alpha, beta) + y
    let z = (big - small) / big
    let order = r + s + x
    let (bPrime, exponent) = alpha >= beta ? (s + 1, -s) : (r + x, 1 - r - x)
    let f = hypergeometric2F1(1, order + 1 - bPrime, order + 1, z)
    return -order * log(big) + exponent * (log(small) - log(big)) + log(f)
  }
}
