import CLVMath

/// Per-feature bin edges for histogram-based trees, fitted on the training rows only.
///
/// Feature j gets strictly increasing edges `e₀ < e₁ < … < e_{k−1}` (k ≤ `maxBins − 1`) and
/// a value x its bin `b(x) = min{i : x ≤ eᵢ}` (k when x > e_{k−1}); a missing value (NaN)
/// goes to the reserved bin ``missingBin``. So `b(x) ≤ i ⇔ x ≤ eᵢ`, and a split found on
/// bins ("bin ≤ i") is the same as the split "x ≤ eᵢ" on raw values: the fitted trees
/// predict raw rows without binning them.
///
/// Edges: with at most `maxBins − 1` distinct finite values, the midpoints between
/// consecutive distinct values (every distinct value its own bin); otherwise the
/// midpoints between the order statistics at the quantiles i/`maxBins`, ties merged.
/// This is the scheme of LightGBM and scikit-learn's HistGradientBoosting
/// (Ke et al. 2017, "LightGBM", NeurIPS; Guolin Ke's `BinMapper`).
package struct FeatureBins: Sendable, Codable, Equatable {
  /// The bin code of a missing value.
  package static let missingBin: UInt8 = 255
  /// Most bins a feature may have (the codes 0…254; 255 is missing).
  package static let maximumBins = 255

  /// Edges of each feature (strictly increasing).
  package let edges: [[Double]]

  /// Creates bins from edges (each list strictly increasing, at most 254 edges).
  package init(edges: [[Double]]) {
    precondition(edges.allSatisfy { $0.count < Self.maximumBins }, "at most 254 edges per feature")
    self.edges = edges
  }

  /// Number of features.
  package var featureCount: Int { edges.count }

  /// Fits the edges of every column of `x` (rows, features) on the rows in `rows`
  /// (all rows when nil), with at most `maxBins` bins per feature (2…255).
  package static func fit(_ x: Matrix, rows: [Int]? = nil, maxBins: Int = 255) -> FeatureBins {
    precondition((2...maximumBins).contains(maxBins), "2…255 bins")
    let sample = rows ?? Array(0..<x.rows)
    var edges = [[Double]]()
    edges.reserveCapacity(x.columns)
    var values = [Double]()
    values.reserveCapacity(sample.count)
    for j in 0..<x.columns {
      values.removeAll(keepingCapacity: true)
      for i in sample {
        let v = x.values[i * x.columns + j]
        if !v.isNaN { values.append(v) }
      }
      edges.append(Self.edges(sortedValues: values.sorted(), maxBins: maxBins))
    }
    return FeatureBins(edges: edges)
  }

  /// Edges for one feature from its sorted finite values.
  static func edges(sortedValues v: [Double], maxBins: Int) -> [Double] {
    guard !v.isEmpty else { return [] }
    var distinct = [Double]()
    for x in v where distinct.last != x { distinct.append(x) }
    if distinct.count <= maxBins - 1 {
      return zip(distinct, distinct.dropFirst()).map { midpoint($0, $1) }
    }
    var out = [Double]()
    let n = v.count
    for i in 1..<maxBins {
      // Order statistic at quantile i/maxBins, and the next distinct value above it.
      let k = min(n - 1, (i * n) / maxBins)
      let lower = v[k]
      guard let above = upperNeighbour(of: lower, in: distinct) else { break }
      let e = midpoint(lower, above)
      if out.last.map({ e > $0 }) ?? true { out.append(e) }
    }
    return out
  }

  /// The smallest distinct value above `x`, if any (binary search).
  private static func upperNeighbour(of x: Double, in distinct: [Double]) -> Double? {
    var lo = 0, hi = distinct.count
    while lo < hi {
      let mid = (lo + hi) / 2
      if distinct[mid] <= x { lo = mid + 1 } else { hi = mid }
    }
    return lo < distinct.count ? distinct[lo] : nil
  }

  /// (a + b)/2, nudged so that a ≤ midpoint < b holds in floating point.
  private static func midpoint(_ a: Double, _ b: Double) -> Double {
    let m = a + (b - a) / 2
    return m < b ? m : a
  }

  /// The bin of value `x` of feature `j`.
  @inline(__always)
  package func bin(_ x: Double, feature j: Int) -> UInt8 {
    if x.isNaN { return Self.missingBin }
    return UInt8(edges[j].withUnsafeBufferPointer { Self.firstIndex(notBelow: x, in: $0) })
  }

  /// min{i : x ≤ v[i]} (v.count when x is above every value) for increasing `v` and x not
  /// NaN: the number of values below x. Binary search whose steps are selects, not
  /// branches (the branch on x against each midpoint is mispredicted half the time).
  @inline(__always)
  package static func firstIndex(notBelow x: Double, in v: UnsafeBufferPointer<Double>) -> Int {
    var lo = 0, count = v.count
    while count > 0 {
      let half = count / 2
      let below = v[lo + half] < x
      lo = below ? lo + half + 1 : lo
      count = below ? count - half - 1 : half
    }
    return lo
  }

  /// Number of non-missing bins of feature `j` (edges + 1).
  package func binCount(feature j: Int) -> Int { edges[j].count + 1 }

  /// Bins every row of `x`, feature-major: code of (row i, feature j) at `j · rows + i`.
  package func binned(_ x: Matrix) -> BinnedMatrix {
    precondition(x.columns == featureCount, "bins fitted on \(featureCount) features, got \(x.columns)")
    let (rows, columns) = (x.rows, x.columns)
    var codes = [UInt8](repeating: 0, count: rows * columns)
    // Row by row: the matrix is row-major (a column at a time strode through all of it).
    let (flat, starts) = Self.flattened(edges)
    codes.withUnsafeMutableBufferPointer { codes in
      x.values.withUnsafeBufferPointer { values in
        flat.withUnsafeBufferPointer { flat in
          for i in 0..<rows {
            for j in 0..<columns {
              let v = values[i * columns + j]
              let e = UnsafeBufferPointer(rebasing: flat[starts[j]..<starts[j + 1]])
              codes[j * rows + i] = v.isNaN ? Self.missingBin : UInt8(Self.firstIndex(notBelow: v, in: e))
            }
          }
        }
      }
    }
    return BinnedMatrix(rows: rows, features: columns, codes: codes)
  }

  /// Lists of values laid end to end, and where each starts (`starts[j]..<starts[j + 1]`).
  static func flattened(_ lists: [[Double]]) -> (values: [Double], starts: [Int]) {
    var starts = [0]
    for l in lists { starts.append(starts.last! + l.count) }
    return (lists.flatMap { $0 }, starts)
  }
}

/// Bin codes of a matrix, feature-major (each feature's codes contiguous), so that one
/// feature's histogram reads one array in row order.
package struct BinnedMatrix: Sendable {
  /// Number of rows.
  package let rows: Int
  /// Number of features.
  package let features: Int
  /// Code of (row i, feature j) at `j · rows + i`.
  package let codes: [UInt8]

  /// The code of row `i`, feature `j`.
  @inline(__always)
  package func code(row i: Int, feature j: Int) -> UInt8 { codes[j * rows + i] }
}
