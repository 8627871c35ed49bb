import Foundation

/// One bin of a population stability index.
package struct StabilityBin: Codable, Sendable, Equatable {
  /// Bin label, e.g. `"(1.9, 2.8]"`, `"web"` or `"missing"`.
  package var label: String
  /// Share of the reference (previous) sample in the bin, before the ε floor.
  package var expectedShare: Double
  /// Share of the current sample in the bin, before the ε floor.
  package var actualShare: Double
  /// (a − e)·ln(a / e) with both shares floored at ε.
  package var contribution: Double

  /// Creates a bin.
  package init(label: String, expectedShare: Double, actualShare: Double, contribution: Double) {
    self.label = label
    self.expectedShare = expectedShare
    self.actualShare = actualShare
    self.contribution = contribution
  }
}

/// Population stability index of one feature between a reference (previous) sample
/// and the current one.
///
/// PSI = Σ_bins (a − e)·ln(a / e), a and e the current and reference shares, each
/// floored at ``epsilon`` = 1e-4 so an empty bin contributes a large but finite term
/// (an empty bin against a 10% bin adds (0.1 − 1e-4)·ln(1000) ≈ 0.69). Numeric bins
/// come from the reference's deciles (type-7); duplicate edges (ties, a point mass
/// such as 80% zeros) are merged, so a point mass is one bin; bins are right-closed,
/// (−∞, q₁], (q₁, q₂], …, (q_k, ∞). Non-finite values form a `"missing"` bin when
/// either sample has any. Categorical levels are bins (nil → `"missing"`), sorted.
/// Bands: see ``StabilityBand``. Reference: Siddiqi (2006), *Credit Risk
/// Scorecards*, ch. 8; Yurdakul (2018), WMU dissertation.
package struct PopulationStabilityIndex: Codable, Sendable, Equatable {
  /// Floor applied to both shares of every bin.
  package static let epsilon = 1e-4

  /// The index, ≥ 0.
  package var value: Double
  /// Its conventional reading.
  package var band: StabilityBand
  /// The bins with their shares and contributions (Σ contribution = value).
  package var bins: [StabilityBin]

  /// Creates an index from bins.
  package init(bins: [StabilityBin]) {
    self.bins = bins
    self.value = bins.reduce(0) { $0 + $1.contribution }
    self.band = StabilityBand(psi: value)
  }

  /// PSI of a numeric feature; `nil` when either sample is empty.
  package static func numeric(reference: [Double], current: [Double]) -> PopulationStabilityIndex? {
    guard !reference.isEmpty, !current.isEmpty else { return nil }
    let edges = Quantiles.deciles(reference).reduce(into: [Double]()) { out, q in
      if out.last != q { out.append(q) }
    }
    // Bin index: number of edges strictly below v (binary search), so v ≤ edge[k] lands in bin k.
    func bin(_ v: Double) -> Int {
      guard v.isFinite else { return edges.count + 1 }
      var lo = 0, hi = edges.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if edges[mid] < v { lo = mid + 1 } else { hi = mid }
      }
      return lo
    }
    var labels = [String]()
    if edges.isEmpty {
      labels = ["all values"]
    } else {
      labels.append("≤ \(fmt(edges[0]))")
      for k in edges.indices.dropFirst() {
        labels.append("(\(fmt(edges[k - 1])), \(fmt(edges[k]))]")
      }
      labels.append("> \(fmt(edges[edges.count - 1]))")
    }
    labels.append("missing")
    var e = [Int](repeating: 0, count: labels.count)
    var a = [Int](repeating: 0, count: labels.count)
    for v in reference { e[min(bin(v), labels.count - 1)] += 1 }
    for v in current { a[min(bin(v), labels.count - 1)] += 1 }
    if e[labels.count - 1] == 0 && a[labels.count - 1] == 0 {
      labels.removeLast(); e.removeLast(); a.removeLast()
    }
    return make(labels: labels, expected: e, actual: a)
  }

  /// PSI of a categorical feature (levels as bins, nil as `"missing"`); `nil` when
  /// either sample is empty.
  package static func categorical(reference: [String?], current: [String?]) -> PopulationStabilityIndex? {
    guard !reference.isEmpty, !current.isEmpty else { return nil }
    let missing = "missing"
    var e = [String: Int](), a = [String: Int]()
    for v in reference { e[v ?? missing, default: 0] += 1 }
    for v in current { a[v ?? missing, default: 0] += 1 }
    let levels = Set(e.keys).union(a.keys).sorted()
    return make(labels: levels, expected: levels.map { e[$0] ?? 0 }, actual: levels.map { a[$0] ?? 0 })
  }

  /// Shares, floors and contributions from counts.
  static func make(labels: [String], expected: [Int], actual: [Int]) -> PopulationStabilityIndex {
    let ne = Double(expected.reduce(0, +)), na = Double(actual.reduce(0, +))
    let bins = labels.indices.map { k -> StabilityBin in
      let es = Double(expected[k]) / ne, as_ = Double(actual[k]) / na
      let ef = max(es, epsilon), af = max(as_, epsilon)
      return StabilityBin(label: labels[k], expectedShare: es, actualShare: as_, contribution: (af - ef) * log(af / ef))
    }
    return PopulationStabilityIndex(bins: bins)
  }
}

/// Compact number for bin labels.
private func fmt(_ x: Double) -> String { String(format: "%g", x) }
