/// One point of a cumulative gain curve.
package struct GainPoint: Codable, Sendable, Equatable {
  /// Share of customers targeted, in [0, 1].
  package var customerShare: Double
  /// Share of total actual value those customers hold.
  package var valueShare: Double

  /// Creates a point.
  package init(customerShare: Double, valueShare: Double) {
    self.customerShare = customerShare
    self.valueShare = valueShare
  }
}

/// Cumulative gain (Lorenz-style) curves for the gain chart: the model's ranking,
/// the perfect ranking (by actual) and random targeting (the diagonal).
///
/// The model curve is the "gain" of ``NormalizedGini``, sampled at
/// k = round(i·n/resolution) customers, i = 0…resolution (fewer points when n is
/// smaller), starting at (0, 0) and ending at (1, 1).
package struct GainCurve: Codable, Sendable, Equatable {
  /// The model ranking (by prediction, largest first, ties in input order).
  package var model: [GainPoint]
  /// The perfect ranking (by actual, largest first).
  package var perfect: [GainPoint]
  /// Random targeting: valueShare = customerShare.
  package var random: [GainPoint]

  /// Builds the curves; `nil` when lengths differ, the input is empty or non-finite,
  /// or Σ actual ≤ 0.
  package init?(predicted: [Double], actual: [Double], resolution: Int = 100) {
    precondition(resolution > 0, "resolution must be positive")
    guard predicted.count == actual.count, !predicted.isEmpty,
      let sample = RankedSample(predicted: predicted, actual: actual)
    else { return nil }
    let total = actual.reduce(0, +)
    guard total > 0 else { return nil }
    let n = predicted.count
    var cuts = [Int]()
    for i in 0...resolution {
      let k = Int((Double(i) * Double(n) / Double(resolution)).rounded())
      if cuts.last != k { cuts.append(k) }
    }
    func curve(_ order: [Int]) -> [GainPoint] {
      var points = [GainPoint]()
      var cumulative = 0.0
      var taken = 0
      for k in cuts {
        while taken < k {
          cumulative += actual[order[taken]]
          taken += 1
        }
        points.append(GainPoint(customerShare: Double(k) / Double(n), valueShare: cumulative / total))
      }
      return points
    }
    model = curve(sample.byPrediction)
    perfect = curve(sample.byActual)
    random = cuts.map {
      GainPoint(customerShare: Double($0) / Double(n), valueShare: Double($0) / Double(n))
    }
  }
}
