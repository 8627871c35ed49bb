import CLVMath
import Foundation

/// The zero-inflated lognormal (ZILN) loss and prediction for customer lifetime value.
///
/// Three network outputs per customer: logit `ℓ`, location `μ` and scale parameter
/// `s`, with `p = sigmoid(ℓ)` and `σ = softplus(s) + σ_min`. For a label `y` (values
/// ≤ 0, e.g. net refunds, count as "no purchase"):
///
///     L = BCE(1[y>0], ℓ) + 1[y>0]·(log y + log σ + ½ log 2π + (log y − μ)² / (2σ²))
///     BCE(t, ℓ) = max(ℓ, 0) − ℓ·t + log(1 + e^(−|ℓ|))      (log-sum-exp form, never overflows)
///
/// Prediction: `E[Y] = p · exp(μ + σ²/2)`. Computed in Double from the Float outputs;
/// relative error ~1e-15 on top of the network's Float rounding.
///
/// Reference: Wang, Liu & Miao (2019), "A Deep Probabilistic Model for Customer
/// Lifetime Value Prediction", arXiv:1912.07753, eq. (2)–(4).
package enum ZILNLoss {
  /// Floor added to `softplus(s)` so `σ` never reaches 0 (keeps `1/σ²` finite).
  package static let sigmaFloor = 1e-3

  /// The loss of one customer and its gradient with respect to `(ℓ, μ, s)`.
  ///
  ///     ∂L/∂ℓ = p − t
  ///     ∂L/∂μ = −t · (log y − μ) / σ²
  ///     ∂L/∂s = t · (1/σ − (log y − μ)²/σ³) · sigmoid(s)
  package static func lossAndGradient(
    logit: Double, mu: Double, s: Double, label y: Double
  )
    -> (loss: Double, dLogit: Double, dMu: Double, dS: Double)
  {
    // One exp(−|x|) serves both the log-sum-exp and the sigmoid of the same x.
    let positive = y > 0
    let t: Double = positive ? 1 : 0
    let el = exp(-abs(logit))
    let bce = max(logit, 0) - logit * t + log1p(el)
    let dLogit = (logit >= 0 ? 1 / (1 + el) : el / (1 + el)) - t
    guard positive else { return (bce, dLogit, 0, 0) }
    let es = exp(-abs(s))
    let sigma = max(s, 0) + log1p(es) + sigmaFloor
    let sigmoidS = s >= 0 ? 1 / (1 + es) : es / (1 + es)
    let logY = log(y)
    let r = logY - mu
    let inv2 = 1 / (sigma * sigma)
    let nll = logY + log(sigma) + halfLog2Pi + 0.5 * r * r * inv2
    let dSigma = 1 / sigma - r * r * inv2 / sigma
    return (bce + nll, dLogit, -r * inv2, dSigma * sigmoidS)
  }

  /// ½ log 2π.
  static let halfLog2Pi = 0.918_938_533_204_672_7

  /// Expected value `p · exp(μ + σ²/2)` and purchase probability `p`.
  package static func prediction(logit: Double, mu: Double, s: Double) -> (value: Double, probability: Double) {
    let p = logistic(logit)
    let sigma = log1pExp(s) + sigmaFloor
    return (p * exp(mu + 0.5 * sigma * sigma), p)
  }

  /// Inverse of softplus, `log(eˣ − 1)`, for initialising `s` from a target σ.
  package static func inverseSoftplus(_ x: Double) -> Double {
    x > 30 ? x : log(expm1(x))
  }
}
