import Foundation

/// A strictly increasing map from a model's predictions to calibrated values, fitted on
/// (prediction, outcome) pairs: centred isotonic regression (CIR).
///
/// 1. Pool-adjacent-violators (PAV) on the pairs sorted by prediction gives the
///    least-squares non-decreasing step function: blocks of consecutive pairs with the
///    block's mean outcome (Ayer et al. 1955; Barlow et al. 1972). Blocks with equal
///    values are merged too, so block values strictly increase.
/// 2. Each block is represented by its centroid (mean prediction, mean outcome), and the
///    map interpolates linearly between consecutive centroids (Oron & Flournoy 2017,
///    "Centered isotonic regression", Statistics in Biopharmaceutical Research 9(3)).
/// 3. Outside the centroids the map is proportional to the prediction through the end
///    centroid: `x · ȳ₁/x̄₁` below the first, `x · ȳ_K/x̄_K` above the last (a model's
///    larger predictions keep their relative size; zero maps to zero).
///
/// The map is strictly increasing where the block values are positive, so it keeps the
/// ranking of the predictions (normalized Gini and Spearman do not change), unlike plain
/// isotonic regression, whose flat steps create ties. When every outcome is 0 or only
/// one block remains, it is the scalar `Σy / Σx` (1 when undefined).
package struct CenteredIsotonicRegression: Sendable, Codable, Equatable {
  /// Centroid predictions, strictly increasing.
  package let knots: [Double]
  /// Calibrated values at the knots, strictly increasing.
  package let values: [Double]

  /// The identity-like map x ↦ x (no calibration).
  package static let identity = CenteredIsotonicRegression(knots: [1], values: [1])

  /// Creates a map from its knots.
  package init(knots: [Double], values: [Double]) {
    precondition(knots.count == values.count && !knots.isEmpty, "one value per knot")
    self.knots = knots
    self.values = values
  }

  /// Fits the map on pairs with finite, non-negative predictions and outcomes (others
  /// are ignored). Ties in prediction are pooled first (one block per distinct value).
  package static func fit(predicted: [Double], actual: [Double]) -> CenteredIsotonicRegression {
    let pairs = zip(predicted, actual).filter { $0.0.isFinite && $0.1.isFinite && $0.0 >= 0 }
      .sorted { $0.0 < $1.0 }
    // Blocks: (Σx, Σy, n), tied predictions together.
    var blocks = [(x: Double, y: Double, n: Double)]()
    for (x, y) in pairs {
      if let last = blocks.last, last.x / last.n == x {
        blocks[blocks.count - 1] = (last.x + x, last.y + y, last.n + 1)
      } else {
        blocks.append((x, y, 1))
      }
      // Pool while the last block's mean is not above the previous one's.
      while blocks.count >= 2 {
        let b = blocks[blocks.count - 1], a = blocks[blocks.count - 2]
        guard b.y / b.n <= a.y / a.n else { break }
        blocks.removeLast(2)
        blocks.append((a.x + b.x, a.y + b.y, a.n + b.n))
      }
    }
    // Zero-valued blocks at the bottom carry no scale: merge them into the next block
    // so every knot has a positive value and the map stays strictly increasing.
    while blocks.count >= 2 && blocks[0].y <= 0 {
      let a = blocks.removeFirst()
      blocks[0] = (a.x + blocks[0].x, a.y + blocks[0].y, a.n + blocks[0].n)
    }
    let sx = blocks.reduce(0) { $0 + $1.x }, sy = blocks.reduce(0) { $0 + $1.y }
    guard blocks.count >= 2, blocks[0].y > 0, blocks[0].x > 0 else {
      let r = sx > 0 && sy > 0 ? sy / sx : 1
      return CenteredIsotonicRegression(knots: [1], values: [r])
    }
    return CenteredIsotonicRegression(knots: blocks.map { $0.x / $0.n }, values: blocks.map { $0.y / $0.n })
  }

  /// The calibrated value of prediction `x` (non-finite or negative x is returned as is).
  @inline(__always)
  package func apply(_ x: Double) -> Double {
    guard x.isFinite, x >= 0 else { return x }
    let k = knots.count
    if x <= knots[0] { return x * values[0] / knots[0] }
    if x >= knots[k - 1] { return x * values[k - 1] / knots[k - 1] }
    var lo = 0, hi = k - 1
    while hi - lo > 1 {
      let mid = (lo + hi) / 2
      if knots[mid] <= x { lo = mid } else { hi = mid }
    }
    let t = (x - knots[lo]) / (knots[hi] - knots[lo])
    return values[lo] + t * (values[hi] - values[lo])
  }

  /// The calibrated values of `xs`.
  package func apply(_ xs: [Double]) -> [Double] { xs.map { apply($0) } }
}
