import CLVMath
import Foundation

/// The analytic gradient of the Pareto/NBD log-likelihood with respect to (r, α, s, β).
///
/// Differentiates the log-form of ``ParetoNBDLikelihood`` term by term:
/// ∂ ln(e^A + e^D) = u ∂A + (1 − u) ∂D with u = P(alive) = logistic(A − D), and
/// ∂ ln(G₁ − G₂) = (∂ ln G₁ − ρ ∂ ln G₂) / (1 − ρ), ρ = G₂/G₁. Each
/// ln G = −o ln(M+y) + e ln((m+y)/(M+y)) + ln F, F = ₂F₁(1, b″; o+1; z), o = r+s+x, is
/// differentiated through o, e, b″ and z, with ∂F/∂b″, ∂F/∂c and ∂F/∂z summed alongside
/// F from the term ratios (∂ ln tₙ/∂b″ = Σ_{k<n} 1/(b″+k), ∂ ln tₙ/∂c = −Σ_{k<n} 1/(c+k),
/// ∂tₙ/∂z = n tₙ/z). Checked against central differences in `BTYDGradientTests` (1e-6).
extension ParetoNBDLikelihood {
  /// The two log-terms of ``logTerms(r:alpha:s:beta:x:tx:T:)`` and their gradients.
  @inline(__always)
  static func logTermsWithGradient(
    r: Double, alpha: Double, s: Double, beta: Double, x: Double, tx: Double, T: Double
  ) -> (alive: Double, dAlive: SIMD4<Double>, died: Double, dDied: SIMD4<Double>) {
    logTermsWithGradient(
      r: r, alpha: alpha, s: s, beta: beta, x: x, tx: tx, T: T,
      upper: { logGWithGradient(r: r, alpha: alpha, s: s, beta: beta, x: x, y: tx) },
      lower: { logGWithGradient(r: r, alpha: alpha, s: s, beta: beta, x: x, y: T) })
  }

  /// ``logTermsWithGradient(r:alpha:s:beta:x:tx:T:)`` with ln G(tₓ) and ln G(T) and their
  /// gradients supplied by the caller (computed once per (x, y) pair; called only where the
  /// series is used, i.e. T > tₓ and not ``ParetoNBDDeathIntegral/isNeeded(alpha:beta:tx:)``).
  @inline(__always)
  static func logTermsWithGradient(
    r: Double, alpha: Double, s: Double, beta: Double, x: Double, tx: Double, T: Double,
    upper: () -> (value: Double, gradient: SIMD4<Double>), lower: () -> (value: Double, gradient: SIMD4<Double>)
  ) -> (alive: Double, dAlive: SIMD4<Double>, died: Double, dDied: SIMD4<Double>) {
    let aT = alpha + T, bT = beta + T
    let alive = -(r + x) * log(aT) - s * log(bT)
    let dAlive = SIMD4(-log(aT), -(r + x) / aT, -log(bT), -s / bT)
    guard T > tx else { return (alive, dAlive, -.infinity, .zero) }
    if ParetoNBDDeathIntegral.isNeeded(alpha: alpha, beta: beta, tx: tx) {
      let d = ParetoNBDDeathIntegral.logValueWithGradient(r: r, alpha: alpha, s: s, beta: beta, x: x, tx: tx, T: T)
      return (alive, dAlive, d.value, d.gradient)
    }
    let upper = upper()
    let lower = lower()
    let gap = lower.value - upper.value
    guard gap < 0 else { return (alive, dAlive, -.infinity, .zero) }
    let o = r + s + x
    let oneMinusRho = -expm1(gap)
    let died = log(s / o) + upper.value + log(oneMinusRho)
    let rho = exp(gap)
    let dDied =
      SIMD4(-1 / o, 0, 1 / s - 1 / o, 0)
      + (upper.gradient - rho * lower.gradient) / oneMinusRho
    return (alive, dAlive, died, dDied)
  }

  /// ln G(y) and its gradient (see ``logG(r:alpha:s:beta:x:y:)``).
  @inline(__always)
  static func logGWithGradient(
    r: Double, alpha: Double, s: Double, beta: Double, x: Double, y: Double
  ) -> (value: Double, gradient: SIMD4<Double>) {
    let o = r + s + x
    let alphaIsLarger = alpha >= beta
    let big = (alphaIsLarger ? alpha : beta) + y
    let small = (alphaIsLarger ? beta : alpha) + y
    let z = (big - small) / big
    let (logBig, logSmall) = (log(big), log(small))
    let e = alphaIsLarger ? -s : 1 - r - x
    let f = seriesWithDerivatives(b: alphaIsLarger ? r + x : s + 1, c: o + 1, z: z)
    let value = -o * logBig + e * (logSmall - logBig) + log(f.value)
    let (fb, fc, fz) = (f.dB / f.value, f.dC / f.value, f.dZ / f.value)
    // ∂/∂(big scale) and ∂/∂(small scale), shared by both branches.
    let dBig = -o / big - e / big + fz * small / (big * big)
    let dSmall = e / small - fz / big
    let gradient =
      alphaIsLarger
      ? SIMD4(-logBig + fb + fc, dBig, -logBig - (logSmall - logBig) + fc, dSmall)
      : SIMD4(-logBig - (logSmall - logBig) + fc, dSmall, -logBig + fb + fc, dBig)
    return (value, gradient)
  }

  /// F = ₂F₁(1, b; c; z) = Σ tₙ, tₙ₊₁ = tₙ (b+n)/(c+n) z, with ∂F/∂b, ∂F/∂c, ∂F/∂z
  /// (0 ≤ z < 1, 0 < b < c: the terms shrink monotonically).
  @inline(__always)
  static func seriesWithDerivatives(
    b: Double, c: Double, z: Double
  )
    -> (value: Double, dB: Double, dC: Double, dZ: Double)
  {
    guard z > 0 else { return (1, 0, 0, b / c) }
    var term = 1.0, value = 1.0, dB = 0.0, dC = 0.0, dZ = 0.0
    var sumB = 0.0, sumC = 0.0
    var n = 0.0
    while n < 1_000_000 {
      sumB += 1 / (b + n)
      sumC += 1 / (c + n)
      term *= (b + n) / (c + n) * z
      n += 1
      value += term
      dB += term * sumB
      dC -= term * sumC
      dZ += n * term
      if term * (n + 1) * max(1, sumB, sumC) <= 1e-17 * value { break }
    }
    return (value, dB, dC, dZ / z)
  }
}
