import Foundation

/// Wall-clock and CPU time of a piece of work, for benchmarks only.
package enum Stopwatch {
  /// Seconds of wall-clock time `body` takes (monotonic clock).
  package static func time(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
  }

  /// The best (smallest) of `repeats` timings of `body`: the usual estimate of
  /// cost on a noisy shared machine.
  package static func best(of repeats: Int, _ body: () throws -> Void) rethrows -> Double {
    precondition(repeats > 0, "repeats must be positive")
    var best = Double.infinity
    for _ in 0..<repeats { best = min(best, try time(body)) }
    return best
  }

  /// Peak resident set size of this process so far, in bytes (Linux `getrusage`).
  package static func peakResidentBytes() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Int(usage.ru_maxrss) * 1024
  }
}
