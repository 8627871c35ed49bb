import CLVMath
import Testing

@testable import CLVEvaluation

/// The ranking metrics walk values stored in rank order (``RankedSample``'s ordered copies
/// and run ends) instead of gathering them through the order: checked bit for bit against
/// the gathering walks they replace (kept here as the reference), on ties in both
/// predictions and actuals (many zero actuals) and weights with zeros, as a bootstrap draws.
@Suite struct OrderedWalkTests {
  /// The gathering walks as they were.
  enum Reference {
    static func rawGini(_ s: RankedSample, order: [Int], weights: [Int]) -> Double? {
      var total = 0.0
      var n = 0
      for i in order {
        total += Double(weights[i]) * s.actual[i]
        n += weights[i]
      }
      guard total > 0, n > 0 else { return nil }
      var cumulative = 0.0
      var gainSum = 0.0
      for i in order {
        let w = Double(weights[i])
        guard w > 0 else { continue }
        gainSum += w * cumulative + s.actual[i] * w * (w + 1) / 2
        cumulative += w * s.actual[i]
      }
      return 2 * (gainSum / (total * Double(n))) - 1
    }

    static func decileSums(_ s: RankedSample, weights: [Int]) -> [Double] {
      var groups = [(count: Int, predicted: Double, actual: Double)](repeating: (0, 0, 0), count: 10)
      let n = weights.reduce(0, +)
      var g = 0
      var position = 0
      func end(_ g: Int) -> Int { (g + 1) * n / 10 }
      for i in s.byPrediction {
        var w = weights[i]
        while w > 0 {
          while g < 9 && position >= end(g) { g += 1 }
          let take = min(w, end(g) - position)
          groups[g].count += take
          groups[g].predicted += Double(take) * s.predicted[i]
          groups[g].actual += Double(take) * s.actual[i]
          position += take
          w -= take
        }
      }
      return groups.flatMap { [Double($0.count), $0.predicted, $0.actual] }
    }

    static func topDecileCapture(_ s: RankedSample, weights: [Int]) -> Double? {
      let n = weights.reduce(0, +)
      let k = (n + 9) / 10
      var total = 0.0, top = 0.0
      var taken = 0
      for i in s.byPrediction where weights[i] > 0 {
        let w = weights[i]
        total += Double(w) * s.actual[i]
        let take = min(w, k - taken)
        if take > 0 {
          top += Double(take) * s.actual[i]
          taken += take
        }
      }
      return total > 0 ? top / total : nil
    }

    static func spearman(_ s: RankedSample, weights: [Int]) -> Double? {
      let rp = RankOrder.averageRanks(s.predicted, order: s.byPrediction, weights: weights)
      let ra = RankOrder.averageRanks(s.actual, order: s.byActual, weights: weights)
      return Correlation.weightedPearson(rp, ra, weights: weights)
    }
  }

  @Test func orderedWalksAreTheGatheringWalksBitForBit() throws {
    var rng = SplitMix64(seed: 29)
    for n in [1, 2, 10, 97, 1_000, 5_003] {
      // Predictions on a coarse grid (ties), actuals mostly zero (long runs of ties).
      let predicted = (0..<n).map { _ in Double(rng.next() % 50) / 4 }
      let actual = (0..<n).map { _ in rng.next() % 3 == 0 ? Double(rng.next() % 1_000) / 7 : 0 }
      let s = try #require(RankedSample(predicted: predicted, actual: actual))
      for round in 0..<4 {
        var weights = [Int](repeating: 0, count: n)
        if round == 0 {
          weights = s.unitWeights
        } else {
          for _ in 0..<n { weights[Int(rng.next() % UInt64(n))] += 1 }
        }
        let w = s.ordered(weights)
        func bits(_ x: Double?) -> UInt64? { x?.bitPattern }
        #expect(
          bits(s.normalizedGini(ordered: w))
            == bits(
              Reference.rawGini(s, order: s.byPrediction, weights: weights).flatMap { m in
                Reference.rawGini(s, order: s.byActual, weights: weights).flatMap { $0 > 0 ? m / $0 : nil }
              }), "n \(n) round \(round)")
        #expect(
          bits(s.rawGini(order: s.byPrediction, weights: weights))
            == bits(Reference.rawGini(s, order: s.byPrediction, weights: weights)))
        #expect(
          s.decileSums(byPrediction: w.byPrediction).flatMap { [Double($0.count), $0.predicted, $0.actual] }
            .map(\.bitPattern) == Reference.decileSums(s, weights: weights).map(\.bitPattern))
        #expect(
          bits(s.topDecileCapture(byPrediction: w.byPrediction))
            == bits(Reference.topDecileCapture(s, weights: weights)))
        #expect(bits(s.spearman(weights: weights, ordered: w)) == bits(Reference.spearman(s, weights: weights)))
        #expect(
          RankOrder.averageRanks(order: s.byActual, runEnds: s.actualRunEnds, orderedWeights: w.byActual)
            .map(\.bitPattern)
            == RankOrder.averageRanks(s.actual, order: s.byActual, weights: weights).map(\.bitPattern))
      }
    }
  }
}
