import CLVMath
import Foundation
import Testing

@testable import CLVModels

/// Centred isotonic calibration, non-negative blends and conformal spend intervals on
/// cases worked by hand, against SciPy, and on problems with a known distribution.
@Suite struct CalibrationTests {
  /// x = 1…6, y = 0, 2, 1, 5, 3, 9. PAV pools (2, 3) → mean 1.5 at x̄ 2.5 and (4, 5) → 4 at
  /// 4.5; the zero block {1} merges upwards: knots (2, 4.5, 6), values (1, 4, 9). Then
  /// f(1) = 1·1/2, f(3) = 1 + 3·(1/2.5), f(5) = 4 + 5·(0.5/1.5), f(8) = 8·9/6.
  @Test func centredIsotonicByHand() {
    let m = CenteredIsotonicRegression.fit(predicted: [1, 2, 3, 4, 5, 6], actual: [0, 2, 1, 5, 3, 9])
    #expect(m.knots == [2, 4.5, 6] && m.values == [1, 4, 9])
    #expect(abs(m.apply(1) - 0.5) < 1e-15)
    #expect(abs(m.apply(3) - 2.2) < 1e-14)
    #expect(abs(m.apply(5) - 17.0 / 3) < 1e-14)
    #expect(abs(m.apply(8) - 12) < 1e-14)
    #expect(m.apply(0) == 0)
  }

  @Test func centredIsotonicKeepsTheRankingAndFixesTheLevel() {
    var rng = SplitMix64(seed: 4)
    // True mean m; the model predicts 3·m^0.7 (right order, wrong level and shape).
    var x = [Double](), y = [Double](), m = [Double]()
    for _ in 0..<20_000 {
      let mean = exp(rng.nextNormal(mean: 1, standardDeviation: 1))
      m.append(mean)
      x.append(3 * pow(mean, 0.7))
      y.append(rng.nextUniform() < 0.4 ? mean / 0.4 * rng.nextExponential(rate: 1) : 0)
    }
    let cal = CenteredIsotonicRegression.fit(predicted: x, actual: y)
    let fitted = cal.apply(x)
    let order = x.indices.sorted { x[$0] < x[$1] }
    for (a, b) in zip(order, order.dropFirst()) where x[a] < x[b] { #expect(fitted[a] < fitted[b]) }
    // The calibrated level is near the truth for the middle 80% of predictions.
    let middle = order[2_000..<18_000]
    let ratio = middle.reduce(0) { $0 + fitted[$1] } / middle.reduce(0) { $0 + m[$1] }
    #expect(abs(ratio - 1) < 0.05, "calibrated / true mean \(ratio)")
  }

  @Test func centredIsotonicDegenerateCasesAreScalars() {
    #expect(CenteredIsotonicRegression.fit(predicted: [1, 2], actual: [0, 0]).apply(3) == 3)
    #expect(CenteredIsotonicRegression.fit(predicted: [], actual: []).apply(2) == 2)
    // One block: the total ratio Σy/Σx.
    let m = CenteredIsotonicRegression.fit(predicted: [1, 2, 3], actual: [3, 3, 0])
    #expect(abs(m.apply(2) - 2 * 6.0 / 6) < 1e-15)
  }

  /// Reference: scipy.optimize.nnls on the same 6 × 3 system (the unconstrained solution
  /// has a third weight of −0.3228, which the constraint sets to 0).
  @Test func nonNegativeLeastSquaresMatchesSciPy() {
    let a: [[Double]] = [[1, 2, 3, 4, 5, 6], [2, 1, 4, 3, 7, 5], [0.5, 1.5, 2, 3.5, 1, 6]]
    let b: [Double] = [2, 3, 7, 6, 11, 9]
    let w = NonNegativeLeastSquares.solve(columns: a, target: b)
    #expect(abs(w[0] - 0.703067484662577) < 1e-10)
    #expect(abs(w[1] - 1.0539877300613492) < 1e-10)
    #expect(w[2] == 0)
  }

  /// y = 0.3·a + 0.7·b exactly; c is noise and d is b's mirror image, so both get 0.
  @Test func blendRecoversConstructedWeights() {
    var rng = SplitMix64(seed: 8)
    var a = [Double](), b = [Double](), c = [Double](), d = [Double](), y = [Double]()
    for _ in 0..<2_000 {
      let u = rng.nextExponential(rate: 0.1), v = rng.nextExponential(rate: 0.05)
      a.append(u)
      b.append(v)
      c.append(rng.nextExponential(rate: 0.1))
      d.append(max(0, 60 - v))
      y.append(0.3 * u + 0.7 * v)
    }
    let blend = NonNegativeBlend.fit(members: [a, b, c, d], actual: y)
    #expect(abs(blend.weights[0] - 0.3) < 1e-9 && abs(blend.weights[1] - 0.7) < 1e-9)
    #expect(blend.weights[2] < 1e-9 && blend.weights[3] < 1e-9)
    let oof = NonNegativeBlend.crossFitted(members: [a, b, c, d], actual: y, folds: 5, seed: 1)
    for (p, t) in zip(oof, y) { #expect(abs(p - t) < 1e-6 * max(1, t)) }
  }

  /// Least squares without an intercept misses the total: y = (0, 0, 0, 10) on a = (1, 2, 3, 4)
  /// gives w = Σay / Σa² = 40/30 and a blended total of 40/3 against 10; scaled by 10 / (40/3)
  /// the weight is 1 and the total is matched. Cross-fitting applies each fold's own factor.
  @Test func blendScaledToMatchTheTotal() {
    let a: [Double] = [1, 2, 3, 4], y: [Double] = [0, 0, 0, 10]
    let blend = NonNegativeBlend.fit(members: [a], actual: y)
    #expect(abs(blend.weights[0] - 4.0 / 3) < 1e-9)
    let total = blend.apply([a]).reduce(0, +)
    let scaled = blend.scaled(by: 10 / total)
    #expect(abs(scaled.weights[0] - 1) < 1e-9)
    #expect(abs(scaled.apply([a]).reduce(0, +) - 10) < 1e-12)
    var rng = SplitMix64(seed: 3)
    let u = (0..<200).map { _ in rng.nextExponential(rate: 0.1) }
    let v = u.map { $0 * $0 / 10 }
    let plain = NonNegativeBlend.crossFitted(members: [u], actual: v, folds: 4, seed: 2)
    let doubled = NonNegativeBlend.crossFitted(members: [u], actual: v, folds: 4, seed: 2, scale: { _, _ in 2 })
    for (p, q) in zip(plain, doubled) { #expect(abs(q - 2 * p) <= 1e-12 * max(1, p)) }
    // With the total factor, every fold's blend matches the total of the rows it was fitted on,
    // so the out-of-fold total lands near the actual total (here within 10%), unlike least squares.
    let matched = NonNegativeBlend.crossFitted(
      members: [u], actual: v, folds: 4, seed: 2, scale: { p, t in t.reduce(0, +) / p.reduce(0, +) })
    let actualTotal = v.reduce(0, +)
    #expect(abs(matched.reduce(0, +) / actualTotal - 1) < 0.1)
    #expect(abs(plain.reduce(0, +) / actualTotal - 1) > abs(matched.reduce(0, +) / actualTotal - 1))
  }

  /// Spend = prediction × Exp(1): the exact ratios are −ln 0.9 = 0.10536 and −ln 0.1 =
  /// 2.30259; coverage on 10,000 new draws must be 80% ± 3%.
  @Test func intervalsOnAContinuousKnownDistribution() throws {
    func draw(_ n: Int, _ seed: UInt64) -> ([Double], [Double]) {
      var rng = SplitMix64(seed: seed)
      var p = [Double](), y = [Double]()
      for _ in 0..<n {
        let m = exp(rng.nextNormal(mean: 3, standardDeviation: 1))
        p.append(m)
        y.append(m * rng.nextExponential(rate: 1))
      }
      return (p, y)
    }
    let (cp, cy) = draw(10_000, 1)
    let model = try #require(SpendIntervals.fit(predicted: cp, actual: cy))
    #expect(model.lowerRatio.count == 10)
    for (l, u) in zip(model.lowerRatio, model.upperRatio) {
      #expect(abs(l - 0.10536) < 0.03 && abs(u - 2.30259) < 0.25)
    }
    let (tp, ty) = draw(10_000, 2)
    let covered = zip(tp, ty).filter { p, y in
      let i = model.interval(p); return i.lower <= y && y <= i.upper
    }.count
    #expect(abs(Double(covered) / 10_000 - 0.8) < 0.03, "coverage \(covered)")
  }

  /// Zero-inflated lognormal customers (P(spend) from 0.3 to 0.97, the champion's
  /// prediction being the true mean): coverage on 10,000 new draws 80% ± 3%, and the
  /// total's interval covers the actual total of 2,000 customers in 80% ± 8% of 200 repeats
  /// (binomial sd 2.8%).
  @Test func intervalsOnZeroInflatedSpend() throws {
    func draw(_ n: Int, _ rng: inout SplitMix64) -> ([Double], [Double]) {
      var p = [Double](), y = [Double]()
      for _ in 0..<n {
        let buy = 0.3 + 0.67 * rng.nextUniform()
        let mu = rng.nextNormal(mean: 3, standardDeviation: 0.7), sigma = 0.9
        p.append(buy * exp(mu + sigma * sigma / 2))
        y.append(rng.nextUniform() < buy ? exp(mu + sigma * rng.nextNormal()) : 0)
      }
      return (p, y)
    }
    var rng = SplitMix64(seed: 5)
    let (cp, cy) = draw(10_000, &rng)
    let model = try #require(SpendIntervals.fit(predicted: cp, actual: cy))
    let (tp, ty) = draw(10_000, &rng)
    let covered = zip(tp, ty).filter { p, y in
      let i = model.interval(p); return i.lower <= y && y <= i.upper
    }.count
    #expect(abs(Double(covered) / 10_000 - 0.8) < 0.03, "coverage \(covered)")
    // The total's interval includes the calibration's own error, so each repeat draws a
    // new calibration set as well as a new set of customers.
    var hits = 0
    for _ in 0..<200 {
      let (cp, cy) = draw(3_000, &rng)
      let (p, y) = draw(2_000, &rng)
      let t = try #require(SpendIntervals.fit(predicted: cp, actual: cy)).totalInterval(p)
      let actual = y.reduce(0, +)
      if t.lower <= actual && actual <= t.upper { hits += 1 }
    }
    #expect(abs(Double(hits) / 200 - 0.8) < 0.08, "total interval hit \(hits) of 200")
  }

  @Test func groupsThatMostlySpendNothingGetZeroWidthIntervals() throws {
    // 90% zeros at every prediction level: the 80% interval is [0, 0] and holds 90%.
    var rng = SplitMix64(seed: 2)
    var p = [Double](), y = [Double]()
    for _ in 0..<4_000 {
      let m = 1 + 9 * rng.nextUniform()
      p.append(m)
      y.append(rng.nextUniform() < 0.1 ? m * 10 * rng.nextExponential(rate: 1) : 0)
    }
    let model = try #require(SpendIntervals.fit(predicted: p, actual: y))
    #expect(model.upperRatio.allSatisfy { $0 == 0 } && model.lowerRatio.allSatisfy { $0 == 0 })
    #expect(SpendIntervals.fit(predicted: [1, 2], actual: [0, 1]) == nil)
  }

  @Test func normalQuantileMatchesSciPy() {
    #expect(abs(NormalQuantile.of(0.9) - 1.2815515655446004) < 1e-8)
    #expect(abs(NormalQuantile.of(0.975) - 1.959963984540054) < 1e-8)
    #expect(abs(NormalQuantile.of(0.01) - (-2.3263478740408408)) < 1e-8)
  }
}
