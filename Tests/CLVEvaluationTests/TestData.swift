import CLVMath
import Foundation

/// Synthetic zero-inflated CLV-like data for tests: a seeded generator, no fixtures.
enum TestData {
  /// n customers: actual = 0 with probability 0.4, else lognormal-ish spend; predicted =
  /// the true mean distorted by noise, so metrics are good but not perfect. All values distinct.
  static func clvLike(n: Int, seed: UInt64) -> (predicted: [Double], actual: [Double]) {
    var rng = SplitMix64(seed: seed)
    var predicted = [Double](), actual = [Double]()
    for _ in 0..<n {
      let level = rng.nextNormal(mean: 3, standardDeviation: 1)
      let buys = rng.nextUniform() > 0.4
      actual.append(buys ? (level + rng.nextNormal(standardDeviation: 0.5)).exp() : 0)
      predicted.append(0.6 * (level + rng.nextNormal(standardDeviation: 0.7)).exp() + rng.nextUniform() * 1e-6)
    }
    return (predicted, actual)
  }
}

extension Double {
  /// e^self.
  func exp() -> Double { Foundation.exp(self) }
}
