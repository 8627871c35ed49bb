import CLVMath
import Foundation
import Testing

@testable import CLVModels

/// The control-variate total correction on constructed populations: a validation draw with a
/// known shortfall is corrected, the linearised standard errors agree with the spread over many
/// draws, and without auxiliaries nothing moves.
@Suite struct TotalControlVariateTests {
  /// One customer: the true mean m, the model's prediction (m itself: a perfect model up to
  /// its scale), a label-free auxiliary that knows m only roughly, and the spend y.
  struct Customer {
    var mean: Double
    var auxiliary: Double
    var spend: Double
  }

  /// Customers with lognormal means; spend = m · g with g a unit-mean gamma (shape 0.5, the
  /// heavy tail of spend); the auxiliary is m^0.8 · lognormal noise (a weaker model, never
  /// seeing y).
  static func customers(_ n: Int, rng: inout SplitMix64) -> [Customer] {
    (0..<n).map { _ in
      let m = exp(4 + 0.8 * rng.nextNormal())
      let g = rng.nextGamma(shape: 0.5) / 0.5
      return Customer(mean: m, auxiliary: pow(m, 0.8) * exp(0.3 * rng.nextNormal()), spend: m * g)
    }
  }

  static func shift(_ v: [Customer], _ t: [Customer], auxiliaries: Bool = true) -> TotalControlVariate.Shift {
    TotalControlVariate.shift(
      predicted: v.map(\.mean), actual: v.map(\.spend), auxiliary: auxiliaries ? [v.map(\.auxiliary)] : [],
      otherActual: t.map(\.spend), otherAuxiliary: auxiliaries ? [t.map(\.auxiliary)] : [])
  }

  /// The plain log scale log(Σy / Σŷ) on `v`.
  static func plain(_ v: [Customer]) -> Double {
    log(v.reduce(0) { $0 + $1.spend } / v.reduce(0) { $0 + $1.mean })
  }

  /// A validation draw whose customers spent 10% less than their means (every spend scaled by
  /// 0.9 after the draw: a known bias of the plain scale, log 0.9 = −0.105). The auxiliary sees
  /// the same shortfall against the train customers, so the corrected scale is back near 0.
  @Test func correctsAKnownShortfall() {
    var rng = SplitMix64(seed: 21)
    var validation = Self.customers(4_000, rng: &rng)
    for i in validation.indices { validation[i].spend *= 0.9 }
    let train = Self.customers(20_000, rng: &rng)
    let s = Self.shift(validation, train)
    let plain = Self.plain(validation)
    let corrected = plain + s.shift
    #expect(abs(plain - log(0.9)) < 0.06, "plain \(plain)")
    #expect(abs(corrected) < abs(plain) / 3, "corrected \(corrected), plain \(plain)")
    #expect(s.standardError < s.plainStandardError, "\(s)")
  }

  /// Over 400 validation draws of the same population (the model's true scale is 1, log 0):
  /// the corrected scale's spread is smaller than the plain one's, each within 20% of its
  /// linearised standard error, and it is centred at 0.
  @Test func standardErrorsMatchTheSpreadOverDraws() {
    var rng = SplitMix64(seed: 5)
    var plain = [Double](), corrected = [Double](), predictedSE = [Double](), predictedPlainSE = [Double]()
    for _ in 0..<400 {
      let v = Self.customers(1_000, rng: &rng)
      let t = Self.customers(4_000, rng: &rng)
      let s = Self.shift(v, t)
      plain.append(Self.plain(v))
      corrected.append(Self.plain(v) + s.shift)
      predictedSE.append(s.standardError)
      predictedPlainSE.append(s.plainStandardError)
    }
    func sd(_ x: [Double]) -> Double {
      let m = x.reduce(0, +) / Double(x.count)
      return (x.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(x.count - 1)).squareRoot()
    }
    func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
    #expect(sd(corrected) < 0.8 * sd(plain), "sd corrected \(sd(corrected)), plain \(sd(plain))")
    #expect(abs(mean(predictedPlainSE) / sd(plain) - 1) < 0.2, "plain: \(mean(predictedPlainSE)) vs \(sd(plain))")
    #expect(abs(mean(predictedSE) / sd(corrected) - 1) < 0.2, "corrected: \(mean(predictedSE)) vs \(sd(corrected))")
    #expect(abs(mean(corrected)) < 3 * sd(corrected) / Double(corrected.count).squareRoot() + 0.005)
  }

  /// No auxiliary, no train spend, or an auxiliary that is 0 everywhere: no shift.
  @Test func nothingToLearnFromMeansNoShift() {
    var rng = SplitMix64(seed: 2)
    let v = Self.customers(500, rng: &rng)
    let t = Self.customers(500, rng: &rng)
    #expect(Self.shift(v, t, auxiliaries: false).shift == 0)
    #expect(Self.shift(v, t.map { Customer(mean: $0.mean, auxiliary: $0.auxiliary, spend: 0) }).shift == 0)
    let zero = TotalControlVariate.shift(
      predicted: v.map(\.mean), actual: v.map(\.spend), auxiliary: [v.map { _ in 0 }], otherActual: t.map(\.spend),
      otherAuxiliary: [t.map { _ in 0 }])
    #expect(zero.shift == 0)
  }
}
