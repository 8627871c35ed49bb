import CLVMath
import CLVModels
import Foundation

/// `clv bench btyd`: fit time of BG/NBD, MBG/NBD, Pareto/NBD and Gamma-Gamma on customers
/// simulated from the BG/NBD process with the CDNOW estimates, at 2,357, 23,570 and
/// `--size` (default 1,000,000) customers.
///
/// Customers first buy on a uniform day of a 12-week cohort window, are observed to day
/// 272 (as CDNOW), buy at rate λ ~ Gamma(0.243, 1/4.414) per week while alive and die
/// after each repeat purchase with probability p ~ Beta(0.793, 2.426); times are kept on
/// the day grid, like real data. Mean repeat spend is drawn from the Gamma-Gamma model
/// with the CDNOW estimates (p = 6.25, q = 3.74, γ = 15.44). References: Python
/// `lifetimes` on the same machine kind (reference.md and bench/README.md); figures at
/// other sizes are the peer's 1.9M-customer time scaled linearly, and say so.
enum BTYDBenchmark {
  static let benchmark = Benchmark(
    name: "btyd",
    summary: "BTYD fits (BG/NBD, MBG/NBD, Pareto/NBD, Gamma-Gamma) at 2,357 / 23,570 / 1M customers",
    minimumSize: 100, sizeUnit: "customers",
    minimumReason: "the fits need repeat buyers, which a smaller simulated cohort may not have"
  ) { options in
    var figures: [BenchmarkFigure] = []
    let parallel = (options.threads ?? 2) > 1
    let sizes = [2357, 23_570, options.size ?? 1_000_000]
    for size in sizes {
      var rng = SplitMix64(seed: options.seed)
      let (histories, spend) = simulate(customers: size, using: &rng)
      let repeats = size >= 500_000 ? 1 : 3
      let label = size.formatted()
      var patterns = 0
      let compressTime = try Stopwatch.best(of: repeats) {
        patterns = try CompressedHistories(histories).count
      }
      print("  \(label) customers: \(patterns) distinct (x, t_x, T) patterns")
      figures.append(
        BenchmarkFigure(
          name: "compress histories (part of each count-model fit), \(label) customers",
          value: compressTime, unit: "s"))

      var bg: BGNBDModel?
      let bgTime = try Stopwatch.best(of: repeats) { bg = try BGNBD(parallel: parallel).fit(histories) }
      let (bgRef, bgSource) = reference(size: size, exact: [2357: 0.090, 23_570: 0.380], peerAt1_9M: 27.4)
      figures.append(
        BenchmarkFigure(
          name: "BG/NBD fit, \(label) customers", value: bgTime, unit: "s", reference: bgRef,
          referenceSource: bgSource))
      if let bg { print("    BG/NBD: \(describe(bg))") }
      // CPU time of the same fit on one thread: on the shared, overloaded machine the
      // wall time above includes waiting for a core; this does not.
      var cpu = Double.infinity
      for _ in 0..<repeats {
        let start = threadCPUSeconds()
        _ = try BGNBD(parallel: false).fit(histories)
        cpu = min(cpu, threadCPUSeconds() - start)
      }
      figures.append(
        BenchmarkFigure(
          name: "BG/NBD fit, \(label) customers, one thread, CPU time", value: cpu, unit: "s",
          reference: bgRef, referenceSource: bgSource))
      if size == sizes.last && parallel {
        // The same fit on one thread, wall time, to show what the chunked parallel sum buys.
        let serial = try Stopwatch.best(of: repeats) { _ = try BGNBD(parallel: false).fit(histories) }
        figures.append(
          BenchmarkFigure(
            name: "BG/NBD fit, \(label) customers, one thread", value: serial, unit: "s"))
      }

      var mbg: MBGNBDModel?
      let mbgTime = try Stopwatch.best(of: repeats) { mbg = try MBGNBD(parallel: parallel).fit(histories) }
      figures.append(BenchmarkFigure(name: "MBG/NBD fit, \(label) customers", value: mbgTime, unit: "s"))
      if let mbg { print("    MBG/NBD: \(describe(mbg))") }

      var pareto: ParetoNBDModel?
      let paretoTime = try Stopwatch.best(of: repeats) { pareto = try ParetoNBD(parallel: parallel).fit(histories) }
      figures.append(BenchmarkFigure(name: "Pareto/NBD fit, \(label) customers", value: paretoTime, unit: "s"))
      if let pareto { print("    Pareto/NBD: \(describe(pareto))") }

      var gg: GammaGammaModel?
      let frequency = histories.map(\.frequency)
      let ggTime = try Stopwatch.best(of: repeats) {
        gg = try GammaGamma(parallel: parallel).fit(frequency: frequency, meanSpend: spend)
      }
      let (ggRef, ggSource) = reference(size: size, exact: [2357: 0.040], peerAt1_9M: 7.4)
      figures.append(
        BenchmarkFigure(
          name: "Gamma-Gamma fit, \(label) customers", value: ggTime, unit: "s", reference: ggRef,
          referenceSource: ggSource))
      var ggCPU = Double.infinity
      for _ in 0..<repeats {
        let start = threadCPUSeconds()
        _ = try GammaGamma(parallel: false).fit(frequency: frequency, meanSpend: spend)
        ggCPU = min(ggCPU, threadCPUSeconds() - start)
      }
      figures.append(
        BenchmarkFigure(
          name: "Gamma-Gamma fit, \(label) customers, one thread, CPU time", value: ggCPU, unit: "s",
          reference: ggRef, referenceSource: ggSource))
      if let gg {
        print(
          "    Gamma-Gamma: p=\(fmt(gg.p)) q=\(fmt(gg.q)) gamma=\(fmt(gg.gamma)) iterations=\(gg.iterations) converged=\(gg.converged)"
        )
      }
    }
    return figures
  }

  /// The lifetimes reference at `size`: an exact same-machine figure when there is one,
  /// else the 1.9M-customer peer time scaled linearly (labelled as such).
  static func reference(size: Int, exact: [Int: Double], peerAt1_9M: Double) -> (Double, String) {
    if let value = exact[size] { return (value, "Python lifetimes, same machine kind") }
    if size == 1_900_000 { return (peerAt1_9M, "Python lifetimes peer, 1.9M customers") }
    return (
      peerAt1_9M * Double(size) / 1_900_000,
      "lifetimes peer 1.9M time \(peerAt1_9M) s scaled linearly"
    )
  }

  /// Simulated (x, tₓ, T) in weeks on the day grid, and each repeater's mean repeat spend.
  static func simulate(
    customers: Int, using rng: inout some RandomNumberGenerator
  ) -> ([PurchaseHistory], [Double]) {
    let (r, alpha, a, b) = (0.243, 4.414, 0.793, 2.426)
    let (p, q, gamma) = (6.25, 3.74, 15.44)
    var histories: [PurchaseHistory] = []
    var spend: [Double] = []
    histories.reserveCapacity(customers)
    spend.reserveCapacity(customers)
    for _ in 0..<customers {
      let firstDay = Int(rng.next() % 84)
      let ageDays = 272 - firstDay
      let age = Double(ageDays) / 7
      let lambda = rng.nextGamma(shape: r, scale: 1 / alpha)
      let dropout = rng.nextBeta(a, b)
      var t = 0.0, last = 0.0, x = 0
      while lambda > 0 {
        t += rng.nextExponential(rate: lambda)
        if t > age { break }
        x += 1
        last = t
        if rng.nextUniform() < dropout { break }
      }
      let recencyDays = x > 0 ? min(ageDays, Int(last * 7)) : 0
      histories.append(PurchaseHistory(frequency: Double(x), recency: Double(recencyDays) / 7, age: age))
      if x > 0 {
        // The mean of x Gamma(p, 1/ν) spends is Gamma(px, 1/(νx)); ν ~ Gamma(q, 1/γ).
        let nu = rng.nextGamma(shape: q, scale: 1 / gamma)
        spend.append(rng.nextGamma(shape: p * Double(x), scale: 1 / (nu * Double(x))))
      } else {
        spend.append(0)
      }
    }
    return (histories, spend)
  }

  /// CPU seconds consumed by the calling thread (Linux `CLOCK_THREAD_CPUTIME_ID`).
  static func threadCPUSeconds() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
  }

  static func describe(_ m: some PurchaseCountModel) -> String {
    m.parameters.map { "\($0.name)=\(fmt($0.value))" }.joined(separator: " ")
      + " iterations=\(m.iterations) converged=\(m.converged)"
  }

  static func fmt(_ v: Double) -> String { String(format: "%.4g", v) }
}
