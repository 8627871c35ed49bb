import Foundation

/// "Nice" tick values: multiples of 1, 2 or 5 × 10^k, as d3-array's `ticks`,
/// `tickIncrement` and `tickStep` (d3-array v3.2, `src/ticks.js`, ISC licence).
///
/// The step is the power of ten times 1, 2, 5 or 10 closest to `(stop − start) / count`
/// with the cut points √2, √10, √50 (geometric means of neighbouring factors). Negative
/// increments encode steps below 1 as their inverse (`-10` means 0.1) so that tick values
/// are computed as `i / 10`, which avoids `0.30000000000000004`. Reference:
/// Heckbert, "Nice numbers for graph labels", Graphics Gems (1990); d3-array.
package enum NiceTicks {
  private static let e10 = 50.0.squareRoot()
  private static let e5 = 10.0.squareRoot()
  private static let e2 = 2.0.squareRoot()

  /// `(i1, i2, inc)`: tick indices and the (possibly inverted) increment; start ≤ stop.
  static func tickSpec(_ start: Double, _ stop: Double, _ count: Double) -> (Double, Double, Double) {
    let step = (stop - start) / max(0, count)
    let power = (log10(step)).rounded(.down)
    let error = step / pow(10, power)
    let factor: Double = error >= e10 ? 10 : error >= e5 ? 5 : error >= e2 ? 2 : 1
    var i1: Double
    var i2: Double
    var inc: Double
    if power < 0 {
      inc = pow(10, -power) / factor
      i1 = (start * inc).jsRounded
      i2 = (stop * inc).jsRounded
      if i1 / inc < start { i1 += 1 }
      if i2 / inc > stop { i2 -= 1 }
      inc = -inc
    } else {
      inc = pow(10, power) * factor
      i1 = (start / inc).jsRounded
      i2 = (stop / inc).jsRounded
      if i1 * inc < start { i1 += 1 }
      if i2 * inc > stop { i2 -= 1 }
    }
    if i2 < i1 && 0.5 <= count && count < 2 { return tickSpec(start, stop, count * 2) }
    return (i1, i2, inc)
  }

  /// About `count` nice values covering [start, stop] (in the order of start → stop).
  /// `ticks(0, 1, 5)` → `[0, 0.2, 0.4, 0.6, 0.8, 1]`. Empty for a non-positive or NaN count.
  package static func ticks(_ start: Double, _ stop: Double, count: Int) -> [Double] {
    let count = Double(count)
    guard count > 0, start.isFinite, stop.isFinite else { return [] }
    if start == stop { return [start] }
    let reverse = stop < start
    let (i1, i2, inc) = reverse ? tickSpec(stop, start, count) : tickSpec(start, stop, count)
    guard i2 >= i1, i2 - i1 < 10_000 else { return [] }
    let n = Int(i2 - i1) + 1
    return (0..<n).map { k -> Double in
      let i = reverse ? i2 - Double(k) : i1 + Double(k)
      return inc < 0 ? i / -inc : i * inc
    }
  }

  /// The increment as d3 encodes it: positive step ≥ 1, or `-1/step` for steps below 1.
  package static func tickIncrement(_ start: Double, _ stop: Double, count: Int) -> Double {
    tickSpec(start, stop, Double(count)).2
  }

  /// The signed tick step between consecutive ticks: `tickStep(0, 1, count: 10)` → 0.1.
  package static func tickStep(_ start: Double, _ stop: Double, count: Int) -> Double {
    let reverse = stop < start
    let inc = reverse ? tickIncrement(stop, start, count: count) : tickIncrement(start, stop, count: count)
    return (reverse ? -1 : 1) * (inc < 0 ? 1 / -inc : inc)
  }

  /// Extends [start, stop] outward to tick multiples, like d3-scale's `linear.nice(count)`:
  /// `nice(0.7, 11.001, count: 10)` → `(0, 12)`. Iterates at most 10 times until the step settles.
  package static func nice(_ start: Double, _ stop: Double, count: Int = 10) -> (Double, Double) {
    guard start.isFinite, stop.isFinite, start != stop else { return (start, stop) }
    let reverse = stop < start
    var lo = reverse ? stop : start
    var hi = reverse ? start : stop
    var previous: Double? = nil
    for _ in 0..<10 {
      let step = tickIncrement(lo, hi, count: count)
      if step == previous { break }
      if step > 0 {
        lo = (lo / step).rounded(.down) * step
        hi = (hi / step).rounded(.up) * step
      } else if step < 0 {
        lo = (lo * step).rounded(.up) / step
        hi = (hi * step).rounded(.down) / step
      } else {
        break
      }
      previous = step
    }
    return reverse ? (hi, lo) : (lo, hi)
  }
}

extension Double {
  /// JavaScript's `Math.round`: halves round towards +∞ (`-2.5` → `-2`), as d3 relies on.
  fileprivate var jsRounded: Double { (self + 0.5).rounded(.down) }
}
