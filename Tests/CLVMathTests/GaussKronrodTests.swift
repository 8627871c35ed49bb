import Foundation
import Testing

@testable import CLVMath

@Suite struct GaussKronrodTests {
  /// ∫₀¹ eˣ dx = e − 1 and ∫₀^π sin = 2, every component on the same nodes.
  @Test func smoothIntegralsToRoundingLevel() {
    let r = GaussKronrod.integrate(from: 0, to: 1) { x in SIMD8(exp(x), x * x, 1, 0, 0, 0, 0, 0) }
    #expect(abs(r.value[0] - (M_E - 1)) < 1e-15)
    #expect(abs(r.value[1] - 1.0 / 3) < 1e-15)
    #expect(abs(r.value[2] - 1) < 1e-15)
    #expect(r.intervals == 1)
    let s = GaussKronrod.integrate(from: 0, to: .pi) { x in SIMD8(sin(x), 0, 0, 0, 0, 0, 0, 0) }
    #expect(abs(s.value[0] - 2) < 1e-14)
  }

  /// A sharp peak needs bisection: ∫₀¹⁰ e^{−50x} dx = (1 − e^{−500})/50, reached to 1e-12.
  @Test func adaptsToAPeak() {
    let r = GaussKronrod.integrate(from: 0, to: 10) { x in SIMD8(exp(-50 * x), 0, 0, 0, 0, 0, 0, 0) }
    #expect(abs(r.value[0] * 50 - 1) < 1e-12)
    #expect(r.intervals > 1 && r.intervals <= 64)
  }

  /// The work is bounded: an integrand with a singularity stops at maxIntervals.
  @Test func workIsBounded() {
    var calls = 0
    let r = GaussKronrod.integrate(from: 0, to: 1, maxIntervals: 10) { x in
      calls += 1
      return SIMD8(1 / x.squareRoot().squareRoot() / x.squareRoot(), 0, 0, 0, 0, 0, 0, 0)
    }
    #expect(r.intervals == 10)
    #expect(calls == 15 * (1 + 2 * 9))
  }
}
