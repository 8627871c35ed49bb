import Foundation
import Testing

@testable import CLVMath

/// Digamma, log-gamma, ₂F₁ and log-sum-exp against closed forms (Abramowitz & Stegun).
@Suite struct SpecialFunctionsTests {
  static let eulerGamma = 0.577_215_664_901_532_9

  /// ψ(1) = −γ, ψ(1/2) = −γ − 2 ln 2, ψ(n) = −γ + Σ_{k<n} 1/k (A&S 6.3.2–6.3.3), ±1e-14.
  @Test func digammaClosedForms() {
    #expect(abs(digamma(1) + Self.eulerGamma) < 1e-14)
    #expect(abs(digamma(0.5) + Self.eulerGamma + 2 * log(2.0)) < 1e-14)
    let harmonic = (1..<20).reduce(0.0) { $0 + 1 / Double($1) }
    #expect(abs(digamma(20) - (-Self.eulerGamma + harmonic)) < 1e-13)
  }

  /// ψ is the derivative of ln Γ: central difference at several x agrees to 1e-8.
  @Test(arguments: [1e-3, 0.3, 2.7, 14.2, 250.0])
  func digammaIsLogGammaDerivative(x: Double) {
    let h = 1e-5 * max(x, 1e-3)
    let numeric = (logGamma(x + h) - logGamma(x - h)) / (2 * h)
    #expect(abs(digamma(x) - numeric) < 1e-7 * max(1, abs(numeric)))
  }

  /// ln Γ(5) = ln 24, ln Γ(1/2) = ½ ln π; ln B(2, 3) = ln(1/12).
  @Test func logGammaValues() {
    #expect(abs(logGamma(5) - log(24.0)) < 1e-14)
    #expect(abs(logGamma(0.5) - 0.5 * log(Double.pi)) < 1e-14)
    #expect(abs(logBeta(2, 3) - log(1.0 / 12)) < 1e-14)
  }

  /// ₂F₁(1, 1; 2; z) = −ln(1−z)/z and ₂F₁(a, b; b; z) = (1−z)^{−a} (A&S 15.1.3, 15.1.8),
  /// including z = 0.95 where the series needs hundreds of terms; ±1e-13 relative.
  @Test(arguments: [-0.7, 0.1, 0.5, 0.9, 0.95])
  func hypergeometricClosedForms(z: Double) {
    #expect(abs(hypergeometric2F1(1, 1, 2, z) / (-log1p(-z) / z) - 1) < 1e-13)
    #expect(abs(hypergeometric2F1(0.7, 2.3, 2.3, z) / pow(1 - z, -0.7) - 1) < 1e-13)
  }

  /// Outside the disc, or for a pole c = 0, −1, …, the function reports NaN.
  @Test func hypergeometricDomain() {
    #expect(hypergeometric2F1(1, 1, 2, 1).isNaN)
    #expect(hypergeometric2F1(1, 1, -2, 0.5).isNaN)
    #expect(hypergeometric2F1(-2, 1, 1, 0.5) == 0.25)  // terminating: 1 − z + z²/... = (1−z)²
  }

  /// softplus and logistic at extreme arguments stay finite and exact.
  @Test func logSumExp() {
    #expect(log1pExp(1000) == 1000)
    #expect(abs(log1pExp(-1000)) < 1e-300)
    #expect(abs(log1pExp(0) - log(2.0)) < 1e-15)
    #expect(logistic(-1000) >= 0 && logistic(1000) == 1)
    #expect(abs(logAddExp(log(2.0), log(3.0)) - log(5.0)) < 1e-15)
  }
}
