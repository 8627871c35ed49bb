import Foundation
import Testing

@testable import CLVModels

/// ZILN loss (Wang, Liu & Miao 2019, arXiv:1912.07753) against values worked by hand
/// and its gradient against central finite differences in Double.
@Suite struct ZILNLossTests {
  /// σ at s = 0: softplus(0) + floor = ln 2 + 0.001.
  let sigma0 = 0.6941471805599453

  @Test func zeroLabelIsPureBinaryCrossEntropy() {
    // y = 0, ℓ = 2: BCE(0, 2) = log(1 + e²) = 2.1269280110429727; ∂/∂ℓ = sigmoid(2).
    let r = ZILNLoss.lossAndGradient(logit: 2, mu: 5, s: -1, label: 0)
    #expect(abs(r.loss - 2.1269280110429727) < 1e-14)
    #expect(abs(r.dLogit - 0.8807970779778823) < 1e-14)
    #expect(r.dMu == 0 && r.dS == 0)
    // Negative net spend (refunds) counts as no purchase.
    #expect(ZILNLoss.lossAndGradient(logit: 2, mu: 5, s: -1, label: -3).loss == r.loss)
  }

  @Test func positiveLabelByHand() {
    // y = e, ℓ = 0, μ = 0, s = 0: ln 2 + log e + log σ + ½ log 2π + (1 − 0)²/(2σ²)
    //   = 0.693147 + 1 − 0.365076 + 0.918939 + 1.037688 = 3.2847026440028104.
    let r = ZILNLoss.lossAndGradient(logit: 0, mu: 0, s: 0, label: M_E)
    #expect(abs(r.loss - 3.2847026440028104) < 1e-13)
    #expect(abs(r.dLogit - (-0.5)) < 1e-15)
    #expect(abs(r.dMu - (-1 / (sigma0 * sigma0))) < 1e-13)  // −(log y − μ)/σ² = −2.07538
    #expect(abs(r.dS - (1 / sigma0 - 1 / pow(sigma0, 3)) * 0.5) < 1e-13)
  }

  @Test func predictionByHand() {
    // ℓ = 0 → p = ½; value = ½·exp(1 + σ²/2) = 1.7293973125759208.
    let r = ZILNLoss.prediction(logit: 0, mu: 1, s: 0)
    #expect(r.probability == 0.5)
    #expect(abs(r.value - 1.7293973125759208) < 1e-14)
  }

  @Test func extremeLogitsStayFinite() {
    // Log-sum-exp BCE: ℓ = ±800 must not overflow (naive log(1+e^800) is inf).
    #expect(abs(ZILNLoss.lossAndGradient(logit: 800, mu: 0, s: 0, label: 0).loss - 800) < 1e-9)
    #expect(ZILNLoss.lossAndGradient(logit: -800, mu: 0, s: 0, label: 0).loss < 1e-300)
    #expect(ZILNLoss.lossAndGradient(logit: -800, mu: 0, s: 0, label: 2).loss.isFinite)
  }

  /// Central differences, h = 1e-6: truncation O(h²) ≈ 1e-12, rounding ≈ 1e-10 → tolerance 1e-7.
  @Test(arguments: [
    (0.3, 1.2, -0.4, 5.0), (-1.5, 2.0, 0.7, 0.5), (2.0, -0.5, 1.5, 30.0), (0.1, 0.0, -2.0, 0.0),
  ])
  func gradientMatchesFiniteDifferences(_ c: (Double, Double, Double, Double)) {
    let (l, m, s, y) = c
    let h = 1e-6
    func f(_ l: Double, _ m: Double, _ s: Double) -> Double {
      ZILNLoss.lossAndGradient(logit: l, mu: m, s: s, label: y).loss
    }
    let g = ZILNLoss.lossAndGradient(logit: l, mu: m, s: s, label: y)
    #expect(abs(g.dLogit - (f(l + h, m, s) - f(l - h, m, s)) / (2 * h)) < 1e-7)
    #expect(abs(g.dMu - (f(l, m + h, s) - f(l, m - h, s)) / (2 * h)) < 1e-7)
    #expect(abs(g.dS - (f(l, m, s + h) - f(l, m, s - h)) / (2 * h)) < 1e-7)
  }
}
