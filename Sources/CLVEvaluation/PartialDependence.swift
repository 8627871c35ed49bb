import CLVMath

/// A partial dependence curve of one encoded column, with the column's deciles for a rug.
package struct PartialDependenceCurve: Codable, Sendable, Equatable {
  /// The encoded column index.
  package var column: Int
  /// Grid values (ascending, distinct), in encoded units.
  package var grid: [Double]
  /// Mean prediction over the rows with the column set to each grid value.
  package var averagePrediction: [Double]
  /// The column's nine interior deciles (rug marks), in encoded units.
  package var deciles: [Double]

  /// Creates a curve.
  package init(column: Int, grid: [Double], averagePrediction: [Double], deciles: [Double]) {
    self.column = column
    self.grid = grid
    self.averagePrediction = averagePrediction
    self.deciles = deciles
  }
}

/// Partial dependence (hyperparameters): the model's average prediction as one column varies.
///
/// PD(v) = (1/n) Σ_i f(x_i with column j set to v) over the rows given (the caller
/// samples them), for v on a grid of the column's type-7 quantiles at levels
/// 0, 1/g, …, 1 (duplicates removed); a column with at most g + 1 distinct values
/// (binary, one-hot) uses those values instead, so no grid point is unobserved.
/// Friedman (2001), "Greedy function approximation", Ann. Stat. 29(5), §8.2. Exact
/// for the rows given; one `predict` call per grid value.
package struct PartialDependence: Sendable {
  /// Number of grid intervals g (the grid has up to g + 1 points).
  package var gridIntervals: Int

  /// Creates the settings.
  package init(gridIntervals: Int = 10) {
    precondition(gridIntervals > 0, "grid intervals must be positive")
    self.gridIntervals = gridIntervals
  }

  /// The curve for `column` of `features`; an explicit `grid` overrides the quantile
  /// grid. Works on encoded columns: the caller maps grid values back to raw units.
  /// Empty rows give an empty curve.
  package func compute(
    features: Matrix, column: Int, grid explicitGrid: [Double]? = nil,
    predict: (Matrix) throws -> [Double]
  ) rethrows -> PartialDependenceCurve {
    precondition(column >= 0 && column < features.columns, "column out of range")
    let values = features.column(column)
    let levels = (0...gridIntervals).map { Double($0) / Double(gridIntervals) }
    let distinct = Array(Set(values.filter(\.isFinite))).sorted()
    let grid: [Double]
    if let explicitGrid {
      grid = explicitGrid
    } else if distinct.count <= gridIntervals + 1 {
      grid = distinct  // few levels (binary, one-hot, small counts): the observed values
    } else {
      grid = Quantiles.of(values, levels: levels).reduce(into: [Double]()) { out, v in
        if out.last != v { out.append(v) }
      }
    }
    guard features.rows > 0 else {
      return PartialDependenceCurve(column: column, grid: [], averagePrediction: [], deciles: [])
    }
    var work = features  // x: (rows, columns) with column `column` overwritten
    var averages = [Double]()
    for v in grid {
      for i in 0..<work.rows { work[i, column] = v }
      let p = try predict(work)
      precondition(p.count == features.rows, "predict must return one value per row")
      averages.append(p.reduce(0, +) / Double(p.count))
    }
    return PartialDependenceCurve(
      column: column, grid: grid, averagePrediction: averages, deciles: Quantiles.deciles(values))
  }

  /// Up to `count` distinct row indices of `0..<total`, ascending, drawn uniformly
  /// without replacement (a partial Fisher–Yates shuffle with the injected generator);
  /// all rows when `count ≥ total`. For sampling the rows a curve averages over.
  package static func sampleRows(
    total: Int, count: Int, using rng: inout some RandomNumberGenerator
  ) -> [Int] {
    precondition(total >= 0 && count >= 0, "counts must be non-negative")
    guard count < total else { return Array(0..<total) }
    var pool = Array(0..<total)
    for i in 0..<count {
      let j = i + Int(rng.next() % UInt64(total - i))
      pool.swapAt(i, j)
    }
    return pool[0..<count].sorted()
  }
}
