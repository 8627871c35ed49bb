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
/// (the density of the mean of x Gamma(p, ν) spends with ν ~ Gamma(q, γ)).
/// Reference: Fader & Hardie (2013), "The Gamma-Gamma Model of Monetary Value", eq. (3).
struct GammaGammaLikelihood {
  /// x of each repeat customer (> 0).
  let frequency: [Double]
  /// Mean repeat spend of each repeat customer (> 0).
  let meanSpend: [Double]
  /// Whether large data sets may be summed on all cores.
  let parallel: Bool

  /// ℓ(p, q, γ) and ∂ℓ/∂(p, q, γ); params = [p, q, γ].
  func evaluate(_ params: [Double]) -> (value: Double, gradient: [Double]) {
    let (p, q, g) = (params[0], params[1], params[2])
    let (lgq, psq, logG) = (logGamma(q), digamma(q), log(g))
    let sums = frequency.withUnsafeBufferPointer { fx in
      meanSpend.withUnsafeBufferPointer { fm in
        BTYDChunkedSum.sum(count: fx.count, width: 4, parallel: parallel) { range, acc in
          var ll = 0.0, dp = 0.0, dq = 0.0, dg = 0.0
          for i in range {
            let x = fx[i], m = fm[i]
            let px = p * x
            let logM = log(m), logX = log(x), logDen = log(g + m * x)
            let psSum = digamma(px + q)
            ll += logGamma(px + q) - logGamma(px) - lgq + q * logG + (px - 1) * logM + px * logX
              - (px + q) * logDen
            dp += x * (psSum - digamma(px) + logM + logX - logDen)
            dq += psSum - psq + logG - logDen
            dg += q / g - (px + q) / (g + m * x)
          }
          acc[0] += ll; acc[1] += dp; acc[2] += dq; acc[3] += dg
        }
      }
    }
    return (sums[0], [sums[1], sums[2], sums[3]])
  }
}
