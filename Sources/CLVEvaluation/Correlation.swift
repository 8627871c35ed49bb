/// Correlation coefficients between two equally long samples.
package enum Correlation {
  /// Pearson's r = Σ(x − x̄)(y − ȳ) / √(Σ(x − x̄)² · Σ(y − ȳ)²), two-pass.
  ///
  /// `nil` when fewer than 2 values, any value is non-finite, or either sample is
  /// constant (zero variance). Reference: Pearson (1896), Phil. Trans. R. Soc. A 187.
  package static func pearson(_ x: [Double], _ y: [Double]) -> Double? {
    precondition(x.count == y.count, "samples must have the same length")
    guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else { return nil }
    return weightedPearson(x, y, weights: [Int](repeating: 1, count: x.count))
  }

  /// Spearman's ρ: Pearson's r of the average ranks (ties share their mean rank).
  ///
  /// `nil` in the same cases as ``pearson(_:_:)``. Reference: Spearman (1904), Am. J.
  /// Psychol. 15; tie handling as in Kendall & Gibbons (1990), §3.8.
  package static func spearman(_ x: [Double], _ y: [Double]) -> Double? {
    precondition(x.count == y.count, "samples must have the same length")
    guard let sample = RankedSample(predicted: x, actual: y) else { return nil }
    return sample.spearman(weights: sample.unitWeights)
  }

  /// Pearson's r with integer multiplicities (the bootstrap's resample counts).
  static func weightedPearson(_ x: [Double], _ y: [Double], weights: [Int]) -> Double? {
    var n = 0.0, sx = 0.0, sy = 0.0
    // Constancy is tested exactly: rounding in the mean would turn a constant
    // sample's zero variance into a tiny positive one and a meaningless r.
    var xMin = Double.infinity, xMax = -Double.infinity
    var yMin = Double.infinity, yMax = -Double.infinity
    for i in 0..<x.count where weights[i] > 0 {
      let w = Double(weights[i])
      xMin = min(xMin, x[i]); xMax = max(xMax, x[i])
      yMin = min(yMin, y[i]); yMax = max(yMax, y[i])
      n += w
      sx += w * x[i]
      sy += w * y[i]
    }
    guard n >= 2, xMin < xMax, yMin < yMax else { return nil }
    let mx = sx / n, my = sy / n
    var sxx = 0.0, syy = 0.0, sxy = 0.0
    for i in 0..<x.count where weights[i] > 0 {
      let w = Double(weights[i])
      let dx = x[i] - mx, dy = y[i] - my
      sxx += w * dx * dx
      syy += w * dy * dy
      sxy += w * dx * dy
    }
    guard sxx > 0, syy > 0 else { return nil }
    // Clamp: rounding can push |r| a hair above 1 for perfectly linear data.
    return min(1, max(-1, sxy / (sxx * syy).squareRoot()))
  }
}
