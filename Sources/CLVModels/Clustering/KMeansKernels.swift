/// The hot loops of K-Means, on raw pointers into row-major storage.
///
/// Squared Euclidean distances are computed directly as Σ_j (x_j − c_j)²: with the
/// handful of features of this project, the ‖x‖² − 2x·c + ‖c‖² expansion saves no
/// work without a BLAS GEMM and loses accuracy by cancellation for points near a
/// centroid. Speed comes from the layout instead: centres are passed transposed and
/// padded to a SIMD width W ≥ k, shape (d, W), so one row's distances to all centres
/// accumulate in one SIMD register (lane c = centre c) with no dependency chain through
/// memory. Every lane sums its features in order j = 0, 1, …, exactly like a scalar
/// loop, so results do not depend on W. Ties go to the lowest centre index.
enum KMeansKernels {
  /// The SIMD width used for `k` centres: 2, 4, 8 or 16, or nil above 16 (scalar path).
  static func width(for k: Int) -> Int? {
    switch k {
    case ...2: 2
    case ...4: 4
    case ...8: 8
    case ...16: 16
    default: nil
    }
  }

  /// (k, d) row-major centres → (d, w) row-major with lanes k..<w zero-padded
  /// (w = the SIMD width for k, or k on the scalar path).
  static func transposed(_ centres: [Double], k: Int, d: Int) -> [Double] {
    let w = width(for: k) ?? k
    var t = [Double](repeating: 0, count: w * d)
    for c in 0..<k { for j in 0..<d { t[j * w + c] = centres[c * d + j] } }
    return t
  }

  /// Squared distances from `row` (d) to the centres `centresT` (d, V.scalarCount).
  @inline(__always)
  static func distances<V: SIMD>(
    _ row: UnsafePointer<Double>, d: Int, centresT: UnsafePointer<Double>, as _: V.Type
  ) -> V where V.Scalar == Double {
    var acc = V()
    let raw = UnsafeRawPointer(centresT)
    for j in 0..<d {
      let c = raw.loadUnaligned(fromByteOffset: j * V.scalarCount * 8, as: V.self)
      let e = V(repeating: row[j]) - c
      acc += e * e
    }
    return acc
  }

  /// Writes `v` to `scratch` (V.scalarCount doubles) so its lanes can be read as plain
  /// scalars: indexing a SIMD value with a run-time lane number spills it to the stack
  /// on every access, which costs more than the arithmetic.
  @inline(__always)
  static func spill<V: SIMD>(_ v: V, to scratch: UnsafeMutablePointer<Double>)
  where V.Scalar == Double {
    UnsafeMutableRawPointer(scratch).storeBytes(of: v, as: V.self)
  }

  /// Nearest centre of each row in `rows`, its squared distance, and (optionally)
  /// the per-cluster coordinate sums and counts of the block.
  ///
  /// - Parameters:
  ///   - x: (n, d) data; `centresT`: (d, w) from ``transposed(_:k:d:)``.
  ///   - labels, distances: (n) outputs, written only at `rows`.
  ///   - sums: (k, d) block accumulator, zeroed here; `counts`: (k), zeroed here.
  /// - Returns: the block's inertia Σ distances and the number of labels that changed
  ///   from the values `labels` held before.
  static func assign(
    x: UnsafePointer<Double>, d: Int, rows: Range<Int>,
    centresT: UnsafePointer<Double>, k: Int,
    labels: UnsafeMutablePointer<Int>, distances: UnsafeMutablePointer<Double>,
    sums: UnsafeMutablePointer<Double>?, counts: UnsafeMutablePointer<Int>?
  ) -> (inertia: Double, changed: Int) {
    if let sums { sums.update(repeating: 0, count: k * d) }
    if let counts { counts.update(repeating: 0, count: k) }
    let args = AssignArguments(
      x: x, d: d, rows: rows, centresT: centresT, k: k, labels: labels,
      distances: distances, sums: sums, counts: counts)
    switch width(for: k) {
    case 2: return assign(args, as: SIMD2<Double>.self)
    case 4: return assign(args, as: SIMD4<Double>.self)
    case 8: return assign(args, as: SIMD8<Double>.self)
    case 16: return assign(args, as: SIMD16<Double>.self)
    default: return assignScalar(args)
    }
  }

  /// The pointers and sizes of one assignment call.
  struct AssignArguments {
    let x: UnsafePointer<Double>
    let d: Int
    let rows: Range<Int>
    let centresT: UnsafePointer<Double>
    let k: Int
    let labels: UnsafeMutablePointer<Int>
    let distances: UnsafeMutablePointer<Double>
    let sums: UnsafeMutablePointer<Double>?
    let counts: UnsafeMutablePointer<Int>?
  }

  /// SIMD assignment (k ≤ V.scalarCount).
  @inline(__always)
  private static func assign<V: SIMD>(_ a: AssignArguments, as _: V.Type) -> (Double, Int)
  where V.Scalar == Double {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: V.scalarCount) { buffer in
      let dist = buffer.baseAddress!
      var inertia = 0.0
      var changed = 0
      for i in a.rows {
        let row = a.x + i * a.d
        spill(distances(row, d: a.d, centresT: a.centresT, as: V.self), to: dist)
        var best = 0
        var bestDistance = dist[0]
        for c in 1..<a.k where dist[c] < bestDistance {
          bestDistance = dist[c]
          best = c
        }
        record(a, i, row, best, bestDistance, &inertia, &changed)
      }
      return (inertia, changed)
    }
  }

  /// Scalar assignment for k > 16 (centresT is (d, k)).
  private static func assignScalar(_ a: AssignArguments) -> (Double, Int) {
    var inertia = 0.0
    var changed = 0
    for i in a.rows {
      let row = a.x + i * a.d
      var best = 0
      var bestDistance = Double.infinity
      for c in 0..<a.k {
        var s = 0.0
        for j in 0..<a.d {
          let e = row[j] - a.centresT[j * a.k + c]
          s += e * e
        }
        if s < bestDistance {
          bestDistance = s
          best = c
        }
      }
      record(a, i, row, best, bestDistance, &inertia, &changed)
    }
    return (inertia, changed)
  }

  /// Stores row i's label and distance and adds it to the block accumulators.
  @inline(__always)
  private static func record(
    _ a: AssignArguments, _ i: Int, _ row: UnsafePointer<Double>, _ best: Int,
    _ bestDistance: Double, _ inertia: inout Double, _ changed: inout Int
  ) {
    if a.labels[i] != best { changed += 1 }
    a.labels[i] = best
    a.distances[i] = bestDistance
    inertia += bestDistance
    if let sums = a.sums, let counts = a.counts {
      let target = sums + best * a.d
      for j in 0..<a.d { target[j] += row[j] }
      counts[best] += 1
    }
  }

  /// For m candidate centres `candidatesT` (d, w) from ``transposed(_:k:d:)``:
  /// out[t·n + i] = min(closest[i], ‖x_i − candidate_t‖²) for each row in `rows`, and
  /// blockSums[t] = Σ_rows of it (summed in row order).
  ///
  /// This is the greedy k-means++ potential of every candidate in one pass.
  static func candidatePotentials(
    x: UnsafePointer<Double>, n: Int, d: Int, rows: Range<Int>,
    candidatesT: UnsafePointer<Double>, m: Int, closest: UnsafePointer<Double>,
    out: UnsafeMutablePointer<Double>, blockSums: UnsafeMutablePointer<Double>
  ) {
    switch width(for: m) {
    case 2: potentials(x, n, d, rows, candidatesT, m, closest, out, blockSums, SIMD2<Double>.self)
    case 4: potentials(x, n, d, rows, candidatesT, m, closest, out, blockSums, SIMD4<Double>.self)
    case 8: potentials(x, n, d, rows, candidatesT, m, closest, out, blockSums, SIMD8<Double>.self)
    case 16: potentials(x, n, d, rows, candidatesT, m, closest, out, blockSums, SIMD16<Double>.self)
    default:
      // m > 16 candidates only for k > e^14: run them 16 lanes' worth at a time is not
      // worth the code; a precondition documents the limit instead.
      preconditionFailure("k-means++ with more than 16 local trials is not supported")
    }
  }

  @inline(__always)
  private static func potentials<V: SIMD>(
    _ x: UnsafePointer<Double>, _ n: Int, _ d: Int, _ rows: Range<Int>,
    _ candidatesT: UnsafePointer<Double>, _ m: Int, _ closest: UnsafePointer<Double>,
    _ out: UnsafeMutablePointer<Double>, _ blockSums: UnsafeMutablePointer<Double>,
    _: V.Type
  ) where V.Scalar == Double {
    blockSums.update(repeating: 0, count: m)
    withUnsafeTemporaryAllocation(of: Double.self, capacity: V.scalarCount) { buffer in
      let dist = buffer.baseAddress!
      for i in rows {
        spill(distances(x + i * d, d: d, centresT: candidatesT, as: V.self), to: dist)
        let current = closest[i]
        for t in 0..<m {
          let v = min(dist[t], current)
          out[t * n + i] = v
          blockSums[t] += v
        }
      }
    }
  }
}
