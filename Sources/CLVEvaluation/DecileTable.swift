/// One prediction decile: how many customers, and their mean predicted and actual value.
package struct DecileRow: Codable, Sendable, Equatable {
  /// 1 = the 10% with the highest predictions, 10 = the lowest.
  package var decile: Int
  /// Customers in the decile (⌊(d)·n/10⌋ − ⌊(d−1)·n/10⌋; 0 when n < 10 for some deciles).
  package var count: Int
  /// Mean prediction in the decile; `nil` when empty.
  package var meanPredicted: Double?
  /// Mean actual value in the decile; `nil` when empty.
  package var meanActual: Double?
  /// Σ actual in the decile.
  package var totalActual: Double

  /// Creates a row.
  package init(decile: Int, count: Int, meanPredicted: Double?, meanActual: Double?, totalActual: Double) {
    self.decile = decile
    self.count = count
    self.meanPredicted = meanPredicted
    self.meanActual = meanActual
    self.totalActual = totalActual
  }
}

/// The calibration table behind decile MAPE and the decile chart.
///
/// Customers are sorted by prediction, largest first (ties in input order), and cut
/// into 10 groups of ⌊n/10⌋ or ⌈n/10⌉: decile d holds sorted positions
/// ⌊(d−1)·n/10⌋ ..< ⌊d·n/10⌋. Decile MAPE = mean over deciles with a non-zero mean
/// actual of |mean predicted − mean actual| / |mean actual| (Wang, Liu & Miao 2019,
/// arXiv:1912.07753, §4.2); `nil` when n < 10 or every decile is skipped.
package struct DecileTable: Codable, Sendable, Equatable {
  /// Ten rows, decile 1 (highest predictions) first.
  package var rows: [DecileRow]

  /// Builds the table; `nil` when lengths differ or any value is non-finite.
  package init?(predicted: [Double], actual: [Double]) {
    guard predicted.count == actual.count,
      let sample = RankedSample(predicted: predicted, actual: actual)
    else { return nil }
    let sums = sample.decileSums(weights: sample.unitWeights)
    rows = sums.enumerated().map { g, s in
      DecileRow(
        decile: g + 1, count: s.count,
        meanPredicted: s.count > 0 ? s.predicted / Double(s.count) : nil,
        meanActual: s.count > 0 ? s.actual / Double(s.count) : nil,
        totalActual: s.actual)
    }
  }

  /// Decile MAPE of this table; `nil` when some decile is empty (n < 10) or all are skipped.
  package var mape: Double? {
    DecileTable.mape(rows.map { ($0.count, ($0.meanPredicted ?? 0) * Double($0.count), $0.totalActual) })
  }

  /// Decile MAPE from per-group (count, Σ predicted, Σ actual).
  static func mape(_ groups: [(count: Int, predicted: Double, actual: Double)]) -> Double? {
    guard groups.allSatisfy({ $0.count > 0 }) else { return nil }
    var total = 0.0
    var used = 0
    for g in groups {
      let meanA = g.actual / Double(g.count)
      guard meanA != 0 else { continue }  // a zero-mean decile has no relative error
      let meanP = g.predicted / Double(g.count)
      total += abs(meanP - meanA) / abs(meanA)
      used += 1
    }
    return used > 0 ? total / Double(used) : nil
  }
}
