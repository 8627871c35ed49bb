/// Index orders and ranks shared by the ranking metrics.
///
/// Ties are broken by input position (a stable sort), as the metric definitions
/// require: two customers with the same prediction keep their input order.
enum RankOrder {
  /// Indices of `values` sorted by value, largest first; equal values keep input order.
  ///
  /// Values must be finite (callers check), so the comparison is a strict weak order.
  static func descending(_ values: [Double]) -> [Int] {
    values.withUnsafeBufferPointer { v in
      Array(0..<v.count).sorted { i, j in
        v[i] > v[j] || (v[i] == v[j] && i < j)
      }
    }
  }

  /// Average (fractional) ranks with integer multiplicities, walking `order` (any
  /// monotone order of `values`): a run of equal values occupying weighted positions
  /// `start+1 … start+W` all get rank `start + (W + 1) / 2`.
  ///
  /// With all weights 1 this is the "average" tie method of Spearman's ρ
  /// (Kendall & Gibbons 1990, *Rank Correlation Methods*, §3.8).
  static func averageRanks(_ values: [Double], order: [Int], weights: [Int]) -> [Double] {
    var ranks = [Double](repeating: 0, count: values.count)
    var position = 0  // weighted count before the current run
    var k = 0
    while k < order.count {
      var end = k
      var runWeight = 0
      while end < order.count && values[order[end]] == values[order[k]] {
        runWeight += weights[order[end]]
        end += 1
      }
      let rank = Double(position) + Double(runWeight + 1) / 2
      for m in k..<end { ranks[order[m]] = rank }
      position += runWeight
      k = end
    }
    return ranks
  }

  /// Where each run of equal values of `sorted` (a monotone sequence) ends: the positions
  /// after each run, ascending, the last one `sorted.count` (empty for no values).
  static func runEnds(_ sorted: [Double]) -> [Int] {
    var ends = [Int]()
    var k = 0
    while k < sorted.count {
      var end = k + 1
      while end < sorted.count && sorted[end] == sorted[k] { end += 1 }
      ends.append(end)
      k = end
    }
    return ends
  }

  /// ``averageRanks(_:order:weights:)`` with the runs of equal values already found
  /// (``runEnds(_:)`` of the values in `order`) and the weights in `order`'s sequence: the
  /// same ranks, the same bits, without reading the values again.
  static func averageRanks(order: [Int], runEnds: [Int], orderedWeights weights: [Int]) -> [Double] {
    var ranks = [Double](repeating: 0, count: order.count)
    var position = 0  // weighted count before the current run
    var k = 0
    for end in runEnds {
      var runWeight = 0
      for m in k..<end { runWeight += weights[m] }
      let rank = Double(position) + Double(runWeight + 1) / 2
      for m in k..<end { ranks[order[m]] = rank }
      position += runWeight
      k = end
    }
    return ranks
  }
}
