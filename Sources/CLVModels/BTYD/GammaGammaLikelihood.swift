import CLVMath
import Foundation

/// The Gamma-Gamma spend log-likelihood and its analytic gradient.
///
/// A customer with x repeat purchases and mean repeat spend m contributes
///
///     ℓ = ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + (px−1) ln m + px ln x − (px+q) ln(γ + m x)
///
///     ∂ℓ/∂p = x [ψ(px+q) − ψ(px) + ln m + ln x − ln(γ + m x)]
///     ∂ℓ/∂q = ψ(px+q) − ψ(q) + ln γ − ln(γ + m x)
///     ∂ℓ/∂γ = q/γ − (px+q)/(γ + m x)
///
/// (the density of the mean of x Gamma(p, ν) spends with ν ~ Gamma(q, γ)). The ln Γ, ψ
/// and ln x terms depend on x only and are summed once per distinct x (with Σ ln m per
/// level precomputed), so each customer costs one logarithm and one division.
/// Reference: Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", eq. (3).
struct GammaGammaLikelihood {
  /// Customers sorted by x: x and mean spend m (both > 0).
  private let x: [Double], m: [Double]
  /// Distinct x, number of customers and Σ ln m at each.
  private let levels: [(x: Double, count: Double, sumLogSpend: Double)]
  /// Whether large data sets may be summed on all cores.
  let parallel: Bool

  /// Prepares the data; `frequency` and `meanSpend` must be positive and equally long.
  init(frequency: [Double], meanSpend: [Double], parallel: Bool) {
    precondition(frequency.count == meanSpend.count, "one mean spend per frequency")
    let order = frequency.indices.sorted { (frequency[$0], $0) < (frequency[$1], $1) }
    x = order.map { frequency[$0] }
    m = order.map { meanSpend[$0] }
    var levels: [(x: Double, count: Double, sumLogSpend: Double)] = []
    for (xi, mi) in zip(x, m) {
      if levels.last?.x == xi {
        levels[levels.count - 1].count += 1
        levels[levels.count - 1].sumLogSpend += log(mi)
      } else {
        levels.append((xi, 1, log(mi)))
      }
    }
    self.levels = levels
    self.parallel = parallel
  }

  /// ℓ(p, q, γ) and ∂ℓ/∂(p, q, γ); params = [p, q, γ].
  func evaluate(_ params: [Double]) -> (value: Double, gradient: [Double]) {
    let (p, q, g) = (params[0], params[1], params[2])
    let (lgq, psq, logG) = (logGamma(q), digamma(q), log(g))
    // Per level: n[ln Γ(px+q) − ln Γ(px) − ln Γ(q) + q ln γ + px ln x] + (px − 1) Σ ln m.
    var ll = 0.0, dp = 0.0, dq = 0.0, dg = 0.0
    for level in levels {
      let (xl, n, sumLogM) = level
      let px = p * xl, logX = log(xl)
      let psSum = digamma(px + q)
      ll += n * (logGamma(px + q) - logGamma(px) - lgq + q * logG + px * logX) + (px - 1) * sumLogM
      dp += xl * (n * (psSum - digamma(px) + logX) + sumLogM)
      dq += n * (psSum - psq + logG)
      dg += n * q / g
    }
    // Per customer: −(px+q) ln(γ + m x) and its derivatives.
    let sums = x.withUnsafeBufferPointer { fx in
      m.withUnsafeBufferPointer { fm in
        BTYDChunkedSum.sum(count: fx.count, width: 4, parallel: parallel) { range, acc in
          var sll = 0.0, sdp = 0.0, sdq = 0.0, sdg = 0.0
          for i in range {
            let xi = fx[i]
            let denominator = g + fm[i] * xi
            let logDen = log(denominator)
            let shape = p * xi + q
            sll -= shape * logDen
            sdp -= xi * logDen
            sdq -= logDen
            sdg -= shape / denominator
          }
          acc[0] += sll; acc[1] += sdp; acc[2] += sdq; acc[3] += sdg
        }
      }
    }
    return (ll + sums[0], [dp + sums[1], dq + sums[2], dg + sums[3]])
  }
}
