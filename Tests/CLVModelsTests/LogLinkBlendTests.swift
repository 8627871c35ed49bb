import CLVMath
import Foundation
import Testing

@testable import CLVModels

/// The log-link blend on constructed cases: weights recovered, gradient against central
/// differences, the total matched, and the same seed giving the same cross-fitted values.
@Suite struct LogLinkBlendTests {
  /// Three members: y = 2 · (a + ε)^0.3 · (b + ε)^0.7 exactly; c is independent noise and
  /// gets weight 0.
  static func constructed(_ n: Int, seed: UInt64, epsilon: Double) -> ([[Double]], [Double]) {
    var rng = SplitMix64(seed: seed)
    var a = [Double](), b = [Double](), c = [Double](), y = [Double]()
    for i in 0..<n {
      // Every tenth customer: one member predicts exactly 0 (the log needs ε).
      let u = i % 10 == 0 ? 0 : rng.nextExponential(rate: 0.1)
      let v = rng.nextExponential(rate: 0.05)
      a.append(u)
      b.append(v)
      c.append(rng.nextExponential(rate: 0.02))
      y.append(2 * pow(u + epsilon, 0.3) * pow(v + epsilon, 0.7))
    }
    return ([a, b, c], y)
  }

  @Test func recoversConstructedWeights() {
    let (members, y) = Self.constructed(3_000, seed: 8, epsilon: 0.5)
    let blend = LogLinkBlend.fit(members: members, actual: y, epsilon: 0.5)
    #expect(abs(blend.weights[0] - 0.3) < 1e-7, "w₀ \(blend.weights[0])")
    #expect(abs(blend.weights[1] - 0.7) < 1e-7, "w₁ \(blend.weights[1])")
    #expect(blend.weights[2] < 1e-8, "w₂ \(blend.weights[2])")
    #expect(abs(blend.scale - 2) < 1e-6, "scale \(blend.scale)")
    for (p, t) in zip(blend.apply(members), y) { #expect(abs(p - t) < 1e-6 * max(1, t)) }
    // Cross-fitted: each fold's weights come from the others, and the truth is the same.
    let oof = LogLinkBlend.crossFitted(members: members, actual: y, folds: 5, seed: 1, epsilon: 0.5)
    for (p, t) in zip(oof, y) { #expect(abs(p - t) < 1e-6 * max(1, t)) }
  }

  /// The analytic gradient of the mean deviance against central differences, Poisson and
  /// Tweedie 1.5, at a point away from the optimum (weights of either sign are fine here).
  @Test(arguments: [1.0, 1.5])
  func gradientMatchesFiniteDifferences(_ power: Double) {
    let (members, y0) = Self.constructed(400, seed: 5, epsilon: 1)
    var rng = SplitMix64(seed: 9)
    let y = y0.map { $0 * rng.nextExponential(rate: 1) }  // noise, so the point is no optimum
    let x = members.map { m in m.map { log($0 + 1) } }
    let theta = [0.4, 0.2, 0.5, 0.1]
    let analytic = LogLinkBlend.gradient(theta: theta, x: x, y: y, power: power)
    let numeric = centralDifferenceGradient(
      of: { LogLinkBlend.loss(theta: $0, x: x, y: y, power: power) }, at: theta)
    for (g, h) in zip(analytic, numeric) {
      #expect(abs(g - h) <= 1e-6 * max(1, abs(h)), "power \(power): \(g) vs \(h)")
    }
    #expect(analytic.contains { abs($0) > 1e-3 }, "the gradient is not trivially 0")
  }

  /// With noise, no weight vector fits exactly; the fit must still match the total on its
  /// rows (Poisson and Tweedie: b is shifted after the fit) and lower the loss below the
  /// plain geometric mean's.
  @Test(arguments: [1.0, 1.5])
  func matchesTheTotalAndLowersTheLoss(_ power: Double) {
    let (members, y0) = Self.constructed(2_000, seed: 3, epsilon: 1)
    var rng = SplitMix64(seed: 4)
    let y = y0.enumerated().map { i, v in i % 3 == 0 ? 0 : v * rng.nextExponential(rate: 1) }
    let blend = LogLinkBlend.fit(members: members, actual: y, power: power, epsilon: 1)
    let total = blend.apply(members).reduce(0, +)
    #expect(abs(total / y.reduce(0, +) - 1) < 1e-12)
    let x = members.map { m in m.map { log($0 + 1) } }
    let fitted = LogLinkBlend.loss(theta: [blend.intercept] + blend.weights, x: x, y: y, power: power)
    let plain = LogLinkBlend.loss(theta: [log(2.0), 1.0 / 3, 1.0 / 3, 1.0 / 3], x: x, y: y, power: power)
    #expect(fitted < plain)
    // The projected gradient vanishes at the optimum: 0 for free weights, ≥ 0 at the bound
    // (before the total shift, which for p = 1 is nil; for p ≠ 1 only b moves).
    if power == 1 {
      let g = LogLinkBlend.gradient(theta: [blend.intercept] + blend.weights, x: x, y: y, power: power)
      for (j, w) in ([1.0] + blend.weights).enumerated() {
        if w > 0 { #expect(abs(g[j]) < 1e-6 * max(1, y.reduce(0, +) / Double(y.count)), "g[\(j)] \(g[j])") }
        else { #expect(g[j] >= -1e-9, "g[\(j)] \(g[j]) at the bound") }
      }
    }
  }

  @Test func sameSeedSameValuesAndFoldsMatter() {
    let (members, y0) = Self.constructed(1_000, seed: 6, epsilon: 1)
    let y = y0.enumerated().map { i, v in Double(i % 7) * v / 3 }
    let a = LogLinkBlend.crossFitted(members: members, actual: y, folds: 5, seed: 11)
    let b = LogLinkBlend.crossFitted(members: members, actual: y, folds: 5, seed: 11)
    let c = LogLinkBlend.crossFitted(members: members, actual: y, folds: 5, seed: 12)
    #expect(a == b)
    #expect(a != c)
    #expect(LogLinkBlend.fit(members: members, actual: y) == LogLinkBlend.fit(members: members, actual: y))
  }

  /// The floor: customers every member predicts 0 (and who buy nothing) are predicted
  /// c·ε^{Σw} exactly; with the default ε that is below 10⁻³ × the mean actual, and under
  /// half the floor of a blend fitted with ε ten times larger (the previous default).
  @Test func floorOfCustomersEveryMemberPutsAtZero() {
    let (m0, y0) = Self.constructed(2_000, seed: 8, epsilon: 0.5)
    let zero = Set(stride(from: 5, to: 2_000, by: 10))
    let members = m0.map { m in m.enumerated().map { zero.contains($0) ? 0 : $1 } }
    let y = y0.enumerated().map { zero.contains($0) ? 0 : $1 }
    let blend = LogLinkBlend.fit(members: members, actual: y)
    let mean = y.reduce(0, +) / Double(y.count)
    #expect(abs(blend.epsilon - 1e-5 * mean) < 1e-12 * mean)
    let floor = blend.scale * pow(blend.epsilon, blend.weights.reduce(0, +))
    let p = blend.apply(members)
    for i in zero { #expect(abs(p[i] / floor - 1) < 1e-9) }
    #expect(floor < 1e-3 * mean, "floor \(floor) against mean \(mean)")
    let wider = LogLinkBlend.fit(members: members, actual: y, epsilon: 10 * blend.epsilon)
    let widerFloor = wider.scale * pow(wider.epsilon, wider.weights.reduce(0, +))
    #expect(floor < 0.5 * widerFloor, "floor \(floor) against \(widerFloor) with ε × 10")
  }

  /// ε defaults to 10⁻⁵ × the mean actual (at least 10⁻⁶); a member's 0 stays finite on the log scale.
  @Test func defaultEpsilonAndZeros() {
    #expect(abs(LogLinkBlend.defaultEpsilon(actual: [0, 100, 200, .nan]) - 0.001) < 1e-15)
    #expect(LogLinkBlend.defaultEpsilon(actual: [0, 0.01, 0.02]) == 1e-6)
    let blend = LogLinkBlend(weights: [0.5, 0.5], intercept: log(3), epsilon: 1)
    let p = blend.apply([[0, 3], [8, 0]])
    #expect(abs(p[0] - 3 * 3) < 1e-12 && abs(p[1] - 3 * 2) < 1e-12)
  }
}
