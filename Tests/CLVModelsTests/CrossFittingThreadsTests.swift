import CLVMath
import Foundation
import Testing

@testable import CLVModels

/// Cross-fitted folds are fitted side by side (``CrossFitting/outOfFold(count:folds:seed:threads:fit:)``):
/// with one thread or two the values are the same bits, and each held-out row gets the map
/// fitted on the other folds, as in a plain loop over the folds.
struct CrossFittingThreadsTests {
  /// A fold's "fit" is the mean of its training rows' values plus the row's own value: every
  /// held-out value tells which rows its fold was fitted on.
  @Test func outOfFoldOnOneAndTwoThreadsEqualsThePlainLoop() {
    var rng = SplitMix64(seed: 21)
    let values = (0..<5_003).map { _ in rng.nextExponential(rate: 0.2) }
    func fit(_ train: [Int]) -> (Int) -> Double {
      let mean = train.reduce(0) { $0 + values[$1] } / Double(train.count)
      return { i in mean + values[i] }
    }
    let one = CrossFitting.outOfFold(count: values.count, folds: 5, seed: 4, threads: 1, fit: fit)
    let two = CrossFitting.outOfFold(count: values.count, folds: 5, seed: 4, threads: 2, fit: fit)
    let fold = CrossFitting.folds(count: values.count, folds: 5, seed: 4)
    var plain = [Double](repeating: .nan, count: values.count)
    for f in 0..<5 {
      let map = fit(values.indices.filter { fold[$0] != f })
      for i in values.indices where fold[i] == f { plain[i] = map(i) }
    }
    #expect(one.map(\.bitPattern) == plain.map(\.bitPattern))
    #expect(two.map(\.bitPattern) == plain.map(\.bitPattern))
    #expect(Set(fold).count == 5)
  }

  /// Both blends' cross-fitted predictions with one thread and with two.
  @Test func blendsCrossFittedOnOneAndTwoThreads() {
    var rng = SplitMix64(seed: 5)
    let n = 3_000
    let a = (0..<n).map { _ in rng.nextExponential(rate: 0.05) }
    let b = a.map { $0 * (0.5 + rng.nextUniform()) }
    let y = zip(a, b).map { u, v in rng.nextUniform() < 0.4 ? 0 : 0.6 * u + 0.5 * v }
    let log1 = LogLinkBlend.crossFitted(members: [a, b], actual: y, folds: 5, seed: 9, threads: 1)
    let log2 = LogLinkBlend.crossFitted(members: [a, b], actual: y, folds: 5, seed: 9, threads: 2)
    #expect(log1.map(\.bitPattern) == log2.map(\.bitPattern))
    #expect(log1.allSatisfy { $0.isFinite })
    let total = { (p: [Double], t: [Double]) in t.reduce(0, +) / p.reduce(0, +) }
    let lin1 = NonNegativeBlend.crossFitted(members: [a, b], actual: y, folds: 5, seed: 9, threads: 1, scale: total)
    let lin2 = NonNegativeBlend.crossFitted(members: [a, b], actual: y, folds: 5, seed: 9, threads: 2, scale: total)
    #expect(lin1.map(\.bitPattern) == lin2.map(\.bitPattern))
    #expect(lin1.allSatisfy { $0.isFinite })
  }
}
