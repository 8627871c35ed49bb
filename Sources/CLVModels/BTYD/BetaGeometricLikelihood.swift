import CLVMath
import Foundation

/// The BG/NBD and MBG/NBD log-likelihoods and their analytic gradients.
///
/// With c = r + x, L₁ = ln(α + T), L₂ = ln(α + tₓ) and k = 0 (BG/NBD) or 1 (MBG/NBD):
///
///     ℓ = ln Γ(c) − ln Γ(r) + r ln α
///         + ln Γ(b + x + k) − ln Γ(b) − ln Γ(a + b + x + k) + ln Γ(a + b)
///         − c L₁ + ln(1 + δ · a / (b + x − 1 + k) · e^{c (L₁ − L₂)})
///
/// where δ = 1[x > 0] for BG/NBD and δ = 1 for MBG/NBD (whose customers may also drop
/// out right after their first purchase). The last term is computed as softplus of
/// its logarithm, so it never overflows; its derivative weight is the logistic of
/// the same logarithm. Terms that depend on x only are summed once per distinct x.
///
/// References: Fader, Hardie & Lee (2005), "Counting your customers the easy way",
/// Marketing Science 24(2), eq. (6); Batislam, Denizel & Filiztekin (2007), IJRM 24(3);
/// the `lifetimes` package's `ModifiedBetaGeoFitter`.
struct BetaGeometricLikelihood {
  /// The data, times already in the fitting unit.
  let data: CompressedHistories
  /// MBG/NBD (k = 1) instead of BG/NBD (k = 0).
  let modified: Bool
  /// Whether large data may be summed on all cores.
  let parallel: Bool

  /// ℓ(r, α, a, b) and ∂ℓ/∂(r, α, a, b); p = [r, α, a, b].
  func evaluate(_ p: [Double]) -> (value: Double, gradient: [Double]) {
    let (r, alpha, a, b) = (p[0], p[1], p[2], p[3])
    let k = modified ? 1.0 : 0.0
    // Terms depending on x only: ln Γ ratios and their digamma derivatives.
    var ll = 0.0, dr = 0.0, da = 0.0, db = 0.0
    let (lgr, lgb, lgab) = (logGamma(r), logGamma(b), logGamma(a + b))
    let (psr, psb, psab) = (digamma(r), digamma(b), digamma(a + b))
    for (x, w) in zip(data.frequencyLevels, data.levelWeights) {
      let lgabx = logGamma(a + b + x + k)
      ll += w * (logGamma(r + x) - lgr + logGamma(b + x + k) - lgb - lgabx + lgab)
      let psabx = digamma(a + b + x + k)
      dr += w * (digamma(r + x) - psr)
      da += w * (psab - psabx)
      db += w * (digamma(b + x + k) - psb - psabx + psab)
    }
    // Per-level constants of the pattern loop: ln a − ln(b + x − 1 + k) and 1/(b + x − 1 + k).
    let logA = log(a)
    let levelLogRatio = data.frequencyLevels.map { logA - log(b + $0 - 1 + k) }
    let levelInverse = data.frequencyLevels.map { 1 / (b + $0 - 1 + k) }
    // Terms depending on α and the pattern: 5 accumulators (ℓ, ∂r, ∂α, ∂a, ∂b). Sums that
    // are a constant times a weight (r/α, 1/a) are accumulated as weights and scaled after.
    let logAlpha = log(alpha)
    let sums = data.frequency.withUnsafeBufferPointer { fx in
      data.recency.withUnsafeBufferPointer { ftx in
        data.age.withUnsafeBufferPointer { fT in
          data.weight.withUnsafeBufferPointer { fw in
            data.levelIndex.withUnsafeBufferPointer { fl in
              BTYDChunkedSum.sum(count: data.count, width: 5, parallel: parallel) { range, acc in
                var sll = 0.0, sdr = 0.0, sdal = 0.0, sumW = 0.0, sumWE = 0.0, sdb = 0.0
                for i in range {
                  let x = fx[i], w = fw[i], c = r + x
                  let aT = alpha + fT[i]
                  let l1 = log(aT)
                  sll += w * (r * logAlpha - c * l1)
                  sdr += w * (logAlpha - l1)
                  sumW += w
                  sdal -= w * c / aT
                  if modified || x > 0 {
                    let atx = alpha + ftx[i]
                    let gap = l1 - log(atx)
                    let level = Int(fl[i])
                    let logE = levelLogRatio[level] + c * gap
                    // softplus(logE) and logistic(logE) (``log1pExp(_:)``, ``logistic(_:)``) from
                    // one exponential: the inner loop of the fit.
                    let e = exp(-abs(logE))
                    let softplus = max(logE, 0) + log1p(e)
                    let weightE = w * (logE >= 0 ? 1 / (1 + e) : e / (1 + e))
                    sll += w * softplus
                    sdr += weightE * gap
                    sdal += weightE * c * (1 / aT - 1 / atx)
                    sumWE += weightE
                    sdb -= weightE * levelInverse[level]
                  }
                }
                acc[0] += sll; acc[1] += sdr; acc[2] += sdal + sumW * r / alpha
                acc[3] += sumWE / a; acc[4] += sdb
              }
            }
          }
        }
      }
    }
    return (ll + sums[0], [dr + sums[1], sums[2], da + sums[3], db + sums[4]])
  }
}
