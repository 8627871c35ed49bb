import Foundation

/// Draws from common distributions using any injected generator.
///
/// All functions are deterministic for a given generator state.
extension RandomNumberGenerator {
  /// A uniform double in [0, 1) with 53 random bits.
  package mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A uniform double in (0, 1): never exactly zero, safe for `log`.
  package mutating func nextOpenUniform() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1.0p-53
  }

  /// A standard normal draw by the Box–Muller transform (one of the pair is used).
  package mutating func nextNormal(mean: Double = 0, standardDeviation: Double = 1) -> Double {
    let u1 = nextOpenUniform()
    let u2 = nextUniform()
    return mean + standardDeviation * (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
  }

  /// An exponential draw with the given rate (mean 1/rate).
  package mutating func nextExponential(rate: Double) -> Double {
    precondition(rate > 0, "rate must be positive")
    return -log(nextOpenUniform()) / rate
  }

  /// A Gamma(shape, scale) draw by Marsaglia & Tsang (2000), "A simple method for
  /// generating gamma variables", ACM TOMS 26(3); shape < 1 uses the boost
  /// Gamma(shape + 1) · U^(1/shape).
  package mutating func nextGamma(shape: Double, scale: Double = 1) -> Double {
    precondition(shape > 0 && scale > 0, "gamma shape and scale must be positive")
    if shape < 1 {
      let boost = pow(nextOpenUniform(), 1 / shape)
      return nextGamma(shape: shape + 1, scale: scale) * boost
    }
    let d = shape - 1.0 / 3.0
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x: Double
      var v: Double
      repeat {
        x = nextNormal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = nextOpenUniform()
      if u < 1 - 0.0331 * x * x * x * x { return d * v * scale }
      if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v * scale }
    }
  }

  /// A Beta(a, b) draw from two gamma draws.
  package mutating func nextBeta(_ a: Double, _ b: Double) -> Double {
    let x = nextGamma(shape: a)
    let y = nextGamma(shape: b)
    return x / (x + y)
  }

  /// A Poisson draw: Knuth's product method for small means, a rounded normal
  /// approximation above 30 (accurate enough for synthetic data).
  package mutating func nextPoisson(mean: Double) -> Int {
    precondition(mean >= 0, "Poisson mean must be non-negative")
    if mean == 0 { return 0 }
    if mean > 30 {
      return max(0, Int((nextNormal(mean: mean, standardDeviation: mean.squareRoot())).rounded()))
    }
    let limit = exp(-mean)
    var k = 0
    var p = nextOpenUniform()
    while p > limit {
      k += 1
      p *= nextOpenUniform()
    }
    return k
  }

  /// An index in `0..<weights.count` drawn with probability proportional to its weight.
  package mutating func nextIndex(weights: [Double]) -> Int {
    let total = weights.reduce(0, +)
    precondition(total > 0, "weights must have a positive sum")
    var u = nextUniform() * total
    for (i, w) in weights.enumerated() {
      u -= w
      if u < 0 { return i }
    }
    return weights.count - 1
  }
}

extension MutableCollection where Self: RandomAccessCollection, Index == Int {
  /// Fisher–Yates shuffle driven by the injected generator. Unlike the standard
  /// library's `shuffle(using:)`, the sequence of draws is fixed by this code, so
  /// results do not change with the toolchain.
  package mutating func seededShuffle(using rng: inout some RandomNumberGenerator) {
    guard count > 1 else { return }
    for i in stride(from: endIndex - 1, to: startIndex, by: -1) {
      let j = startIndex + Int(rng.next() % UInt64(i - startIndex + 1))
      swapAt(i, j)
    }
  }
}
