import CLVMath

/// One run of Lloyd's algorithm from given initial centroids.
///
/// Alternates the assignment step (each row to its nearest centroid) and the update
/// step (each centroid to the mean of its rows) until the labels stop changing or the
/// total squared centroid shift Σ_c ‖c_new − c_old‖² falls to `shiftTolerance`, or
/// `maxIterations` updates were made. The run always ends with an assignment, so the
/// labels and inertia belong to the final centroids.
///
/// The inertia after each assignment never increases: the update step minimises the
/// within-cluster sum of squares for fixed labels and the assignment step minimises it
/// for fixed centroids (Lloyd 1982, "Least squares quantization in PCM", IEEE Trans.
/// Inf. Theory 28(2)). Empty clusters are re-seeded at the rows farthest from their
/// centroid (largest D², lowest index on ties, taken only from clusters with ≥ 2 rows),
/// which lowers the inertia too, so the monotonicity survives.
struct KMeansLloyd {
  /// (n, d) data.
  let x: Matrix
  /// Number of clusters.
  let k: Int
  /// Fixed row blocking for the parallel loops.
  let blocks: ClusteringRowBlocks
  /// Update budget.
  let maxIterations: Int
  /// Absolute tolerance on Σ_c ‖Δc‖².
  let shiftTolerance: Double
  /// Whether to skip rows by Hamerly's bounds (``KMeansBoundedAssignment``; k ≤ 16).
  /// Same labels as the plain step, so this only changes speed.
  var useBounds = true

  /// Result of one run.
  struct Run {
    /// (k, d) centroids.
    var centroids: [Double]
    /// (n) cluster of each row.
    var labels: [Int]
    /// Σ squared distance of each row to its centroid.
    var inertia: Double
    /// Number of update steps.
    var iterations: Int
    /// Whether a stopping rule fired before the budget ran out.
    var converged: Bool
    /// Inertia after each assignment step (length iterations + 1).
    var inertiaHistory: [Double]
  }

  /// Runs Lloyd's algorithm from `initial` ((k, d) row-major).
  func run(from initial: [Double]) -> Run {
    let n = x.rows
    let d = x.columns
    let blockCount = blocks.count
    var centroids = initial
    var labels = [Int](repeating: -1, count: n)
    var distances = [Double](repeating: 0, count: n)
    // Per-block partial results: sums (blocks, k, d), counts (blocks, k),
    // inertia (blocks), changed labels (blocks).
    var blockSums = [Double](repeating: 0, count: blockCount * k * d)
    var blockCounts = [Int](repeating: 0, count: blockCount * k)
    var blockInertia = [Double](repeating: 0, count: blockCount)
    var blockChanged = [Int](repeating: 0, count: blockCount)
    // Hamerly state: lower bounds (n), half gaps and lower-bound shifts (k).
    let bounded = useBounds && KMeansKernels.width(for: k) != nil
    var lower = [Double](repeating: 0, count: bounded ? n : 0)
    var halfGap = [Double](repeating: 0, count: k)
    var lowerShift = [Double](repeating: 0, count: k)
    var fullScan = true

    /// Assignment step plus per-block accumulation; returns (inertia, changed).
    func assignAll() -> (Double, Int) {
      let centresT = KMeansKernels.transposed(centroids, k: k, d: d)
      if bounded { halfGap = Self.halfGaps(centroids, k: k, d: d) }
      x.values.withUnsafeBufferPointer { xp in
        centresT.withUnsafeBufferPointer { cp in
          labels.withUnsafeMutableBufferPointer { lp in
            distances.withUnsafeMutableBufferPointer { dp in
              blockSums.withUnsafeMutableBufferPointer { sp in
                blockCounts.withUnsafeMutableBufferPointer { np in
                  blockInertia.withUnsafeMutableBufferPointer { ip in
                    blockChanged.withUnsafeMutableBufferPointer { hp in
                      let xb = xp.baseAddress!, cb = cp.baseAddress!
                      let lb = lp.baseAddress!, db = dp.baseAddress!
                      let sb = sp.baseAddress!, nb = np.baseAddress!
                      let ib = ip.baseAddress!, hb = hp.baseAddress!
                      let args = { (b: Int, rows: Range<Int>) in
                        KMeansKernels.AssignArguments(
                          x: xb, d: d, rows: rows, centresT: cb, k: k, labels: lb,
                          distances: db, sums: sb + b * k * d, counts: nb + b * k)
                      }
                      if bounded {
                        centroids.withUnsafeBufferPointer { rp in
                          halfGap.withUnsafeBufferPointer { gp in
                            lowerShift.withUnsafeBufferPointer { fp in
                              lower.withUnsafeMutableBufferPointer { wp in
                                let step = KMeansBoundedAssignment.Step(
                                  centres: rp.baseAddress!, centresT: cb,
                                  halfGap: gp.baseAddress!, lowerShift: fp.baseAddress!,
                                  fullScan: fullScan)
                                let lowerBase = wp.baseAddress!
                                blocks.forEach { b, rows in
                                  let r = KMeansBoundedAssignment.assign(
                                    args(b, rows), lower: lowerBase, step: step)
                                  ib[b] = r.inertia
                                  hb[b] = r.changed
                                }
                              }
                            }
                          }
                        }
                      } else {
                        blocks.forEach { b, rows in
                          let a = args(b, rows)
                          let r = KMeansKernels.assign(
                            x: a.x, d: d, rows: rows, centresT: cb, k: k, labels: lb,
                            distances: db, sums: a.sums, counts: a.counts)
                          ib[b] = r.inertia
                          hb[b] = r.changed
                        }
                      }
                    }
                  }
                }
              }
            }
          }
        }
      }
      // Reduce in block order: deterministic whatever the scheduling.
      var inertia = 0.0
      var changed = 0
      for b in 0..<blockCount {
        inertia += blockInertia[b]
        changed += blockChanged[b]
      }
      fullScan = false
      return (inertia, changed)
    }

    var (inertia, _) = assignAll()
    var history = [inertia]
    var iterations = 0
    var converged = false
    while iterations < maxIterations {
      // Update step: reduce the block sums in block order.
      var sums = [Double](repeating: 0, count: k * d)
      var counts = [Int](repeating: 0, count: k)
      for b in 0..<blockCount {
        for t in 0..<(k * d) { sums[t] += blockSums[b * k * d + t] }
        for c in 0..<k { counts[c] += blockCounts[b * k + c] }
      }
      if relocateEmptyClusters(sums: &sums, counts: &counts, labels: &labels, distances: distances) {
        fullScan = true  // moved rows invalidate their bounds
      }
      var shift = 0.0
      var moves = [Double](repeating: 0, count: k)  // δ_c = ‖c_new − c_old‖
      for c in 0..<k where counts[c] > 0 {
        let inverse = 1 / Double(counts[c])
        var move = 0.0
        for j in 0..<d {
          let updated = sums[c * d + j] * inverse
          let delta = updated - centroids[c * d + j]
          move += delta * delta
          centroids[c * d + j] = updated
        }
        shift += move
        moves[c] = move.squareRoot()
      }
      lowerShift = Self.lowerBoundShifts(moves)
      iterations += 1
      let (newInertia, changed) = assignAll()
      inertia = newInertia
      history.append(inertia)
      if changed == 0 || shift <= shiftTolerance {
        converged = true
        break
      }
    }
    return Run(
      centroids: centroids, labels: labels, inertia: inertia, iterations: iterations,
      converged: converged, inertiaHistory: history)
  }

  /// s_c = ½ min_{c' ≠ c} ‖c − c'‖ for (k, d) centres (infinity when k = 1).
  static func halfGaps(_ centres: [Double], k: Int, d: Int) -> [Double] {
    var gaps = [Double](repeating: .infinity, count: k)
    for a in 0..<k {
      for b in (a + 1)..<max(a + 1, k) {
        var s = 0.0
        for j in 0..<d {
          let e = centres[a * d + j] - centres[b * d + j]
          s += e * e
        }
        let half = s.squareRoot() / 2
        gaps[a] = min(gaps[a], half)
        gaps[b] = min(gaps[b], half)
      }
    }
    return gaps
  }

  /// For each cluster a, max_{c ≠ a} δ_c: how far the nearest other centre of a row in
  /// cluster a may have come closer.
  static func lowerBoundShifts(_ moves: [Double]) -> [Double] {
    var first = -1
    for c in moves.indices where first < 0 || moves[c] > moves[first] { first = c }
    var second = 0.0
    for c in moves.indices where c != first { second = max(second, moves[c]) }
    let largest = first >= 0 ? moves[first] : 0
    return moves.indices.map { $0 == first ? second : largest }
  }

  /// Moves the farthest rows into empty clusters (see the type's documentation);
  /// returns whether any row moved.
  @discardableResult
  private func relocateEmptyClusters(
    sums: inout [Double], counts: inout [Int], labels: inout [Int], distances: [Double]
  ) -> Bool {
    let d = x.columns
    var taken = Set<Int>()
    for empty in 0..<k where counts[empty] == 0 {
      var far = -1
      for i in 0..<x.rows where !taken.contains(i) && counts[labels[i]] > 1 {
        if far < 0 || distances[i] > distances[far] { far = i }
      }
      guard far >= 0 else { break }  // fewer distinct rows than clusters: nothing to move
      taken.insert(far)
      let old = labels[far]
      for j in 0..<d {
        let v = x.values[far * d + j]
        sums[old * d + j] -= v
        sums[empty * d + j] = v
      }
      counts[old] -= 1
      counts[empty] = 1
      labels[far] = empty
    }
    return !taken.isEmpty
  }
}
