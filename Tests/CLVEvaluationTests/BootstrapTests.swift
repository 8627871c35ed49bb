import CLVMath
import Testing

@testable import CLVEvaluation

@Suite struct BootstrapTests {
  @Test func intervalsContainEstimateAndAreSeeded() throws {
    let (p, a) = TestData.clvLike(n: 400, seed: 7)
    var rng1 = SplitMix64(seed: 11), rng2 = SplitMix64(seed: 11), rng3 = SplitMix64(seed: 12)
    let boot = MetricBootstrap(resamples: 100)
    let first = boot.intervals(predicted: p, actual: a, using: &rng1)
    let again = boot.intervals(predicted: p, actual: a, using: &rng2)
    let other = boot.intervals(predicted: p, actual: a, using: &rng3)
    #expect(first == again)
    #expect(first != other)
    for key: MetricKey in [.normGini, .rmse, .spearman, .decileMAPE, .topDecileCapture, .totalRatio] {
      let ci = try #require(first.first { $0.metric == key })
      let (lo, hi, est) = (try #require(ci.lower), try #require(ci.upper), try #require(ci.estimate))
      #expect(lo <= est && est <= hi, "\(key): \(lo) ≤ \(est) ≤ \(hi)")
      #expect(lo < hi)
      #expect(ci.definedResamples == 100)
    }
  }

  /// The multiplicity trick against the textbook bootstrap: the same draws, resample
  /// arrays materialised and evaluated from scratch. Values are distinct, so no tie
  /// order can differ; agreement to 1e-9 relative (floating summation order differs).
  @Test func matchesNaiveBootstrap() throws {
    let (p, a) = TestData.clvLike(n: 97, seed: 3)
    let b = 25
    var rng = SplitMix64(seed: 5)
    let fast = MetricBootstrap(resamples: b, confidence: 0.9).intervals(predicted: p, actual: a, using: &rng)

    var replay = SplitMix64(seed: 5)
    var ginis = [Double](), maes = [Double](), mapes = [Double]()
    for _ in 0..<b {
      let idx = (0..<p.count).map { _ in Int(replay.next() % UInt64(p.count)) }
      let m = RegressionMetrics.evaluate(predicted: idx.map { p[$0] }, actual: idx.map { a[$0] })
      ginis.append(try #require(m.normalizedGini))
      maes.append(try #require(m.mae))
      mapes.append(try #require(m.decileMAPE))
    }
    for (key, values) in [(MetricKey.normGini, ginis), (.mae, maes), (.decileMAPE, mapes)] {
      let s = values.sorted()
      let ci = try #require(fast.first { $0.metric == key })
      let lo = try #require(Quantiles.sorted(s, level: 0.05)), hi = try #require(Quantiles.sorted(s, level: 0.95))
      #expect(abs(try #require(ci.lower) - lo) <= 1e-9 * abs(lo), "\(key) lower")
      #expect(abs(try #require(ci.upper) - hi) <= 1e-9 * abs(hi), "\(key) upper")
    }
  }

  /// Resamples are drawn in order and their metrics computed side by side: one thread or
  /// two give the same intervals, with a last block shorter than the others.
  @Test func sameIntervalsWithOneOrTwoThreads() {
    let (p, a) = TestData.clvLike(n: 500, seed: 13)
    let boot = MetricBootstrap(resamples: 4 * MetricBootstrap.block + 3)
    let limit = WorkPool.shared.threadLimit
    defer { WorkPool.shared.threadLimit = limit }
    var results = [[MetricInterval]]()
    for threads in [1, 2] {
      WorkPool.shared.threadLimit = threads
      var rng = SplitMix64(seed: 17)
      results.append(boot.intervals(predicted: p, actual: a, using: &rng))
    }
    #expect(results[0] == results[1])
  }

  @Test func weightedWalkEqualsExpandedSample() throws {
    // Customer i repeated weights[i] times in place = the weighted computation.
    let (p, a) = TestData.clvLike(n: 60, seed: 9)
    var rng = SplitMix64(seed: 1)
    let w = (0..<60).map { _ in Int(rng.next() % 4) }
    var ep = [Double](), ea = [Double]()
    for i in 0..<60 { for _ in 0..<w[i] { ep.append(p[i]); ea.append(a[i]) } }
    let sample = try #require(RankedSample(predicted: p, actual: a))
    let weighted = sample.metrics(weights: w)
    let expanded = RegressionMetrics.evaluate(predicted: ep, actual: ea)
    #expect(weighted.count == expanded.count)
    for key in MetricKey.allCases {
      let x = try #require(weighted.value(of: key)), y = try #require(expanded.value(of: key))
      #expect(abs(x - y) <= 1e-9 * max(1, abs(y)), "\(key): \(x) vs \(y)")
    }
  }

  @Test func emptyInputHasNoBounds() {
    var rng = SplitMix64(seed: 1)
    let cis = MetricBootstrap(resamples: 5).intervals(predicted: [], actual: [], using: &rng)
    #expect(cis.count == MetricKey.allCases.count)
    #expect(cis.allSatisfy { $0.lower == nil && $0.upper == nil })
  }
}
