/// Lloyd's assignment step with Hamerly's bounds: skips the scan over all centres for
/// rows that provably keep their centre.
///
/// For row i with centre a: u = ‖x_i − c_a‖ (computed exactly every step, d flops),
/// l_i = a lower bound on the distance to every other centre, and s_a = ½ min_{c≠a}
/// ‖c_a − c‖. If u < max(s_a, l_i) no other centre can be as close (triangle
/// inequality), so the label stays; otherwise all k distances are computed and u, l_i
/// are reset to the nearest and second-nearest distances. After the centres move by
/// δ_c, l_i decreases by max_{c≠a} δ_c. The skip test is strict and shrunk by a relative
/// 1e-12 so ties and round-off always fall to the full scan: labels and distances are
/// bit-identical to plain Lloyd (same per-row arithmetic), only faster — typically
/// most rows skip after the first few steps.
///
/// Reference: Hamerly (2010), "Making k-means even faster", SIAM International
/// Conference on Data Mining.
enum KMeansBoundedAssignment {
  /// Per-step inputs shared by all blocks.
  struct Step {
    /// (k, d) centres, row-major (for the own-centre distance).
    let centres: UnsafePointer<Double>
    /// (d, w) transposed, padded centres (for the full scan).
    let centresT: UnsafePointer<Double>
    /// (k) s_c = half the distance from centre c to its nearest other centre.
    let halfGap: UnsafePointer<Double>
    /// (k) amount to subtract from the lower bound of a row in cluster c.
    let lowerShift: UnsafePointer<Double>
    /// Scan every row (first step, or after an empty-cluster relocation).
    let fullScan: Bool
  }

  /// Bounded assignment of `rows`; same outputs as ``KMeansKernels/assign`` plus the
  /// lower bounds `lower` (n), read and written at `rows`.
  static func assign(
    _ a: KMeansKernels.AssignArguments, lower: UnsafeMutablePointer<Double>, step: Step
  ) -> (inertia: Double, changed: Int) {
    if let sums = a.sums { sums.update(repeating: 0, count: a.k * a.d) }
    if let counts = a.counts { counts.update(repeating: 0, count: a.k) }
    switch KMeansKernels.width(for: a.k) {
    case 2: return assign(a, lower, step, SIMD2<Double>.self)
    case 4: return assign(a, lower, step, SIMD4<Double>.self)
    case 8: return assign(a, lower, step, SIMD8<Double>.self)
    default: return assign(a, lower, step, SIMD16<Double>.self)
    }
  }

  @inline(__always)
  private static func assign<V: SIMD>(
    _ a: KMeansKernels.AssignArguments, _ lower: UnsafeMutablePointer<Double>, _ step: Step,
    _: V.Type
  ) -> (Double, Int) where V.Scalar == Double {
    withUnsafeTemporaryAllocation(of: Double.self, capacity: V.scalarCount) { buffer in
      assign(a, lower, step, V.self, scratch: buffer.baseAddress!)
    }
  }

  @inline(__always)
  private static func assign<V: SIMD>(
    _ a: KMeansKernels.AssignArguments, _ lower: UnsafeMutablePointer<Double>, _ step: Step,
    _: V.Type, scratch dist: UnsafeMutablePointer<Double>
  ) -> (Double, Int) where V.Scalar == Double {
    let d = a.d
    var inertia = 0.0
    var changed = 0
    for i in a.rows {
      let row = a.x + i * d
      let old = a.labels[i]
      var best = old
      var bestDistance = 0.0
      var scan = step.fullScan || old < 0
      if !scan {
        // Exact squared distance to the current centre, summed like a SIMD lane.
        let centre = step.centres + old * d
        var own = 0.0
        for j in 0..<d {
          let e = row[j] - centre[j]
          own += e * e
        }
        let l = lower[i] - step.lowerShift[old]
        lower[i] = l
        // u < bound, compared squared (both ≥ 0) to keep the square root off the path.
        let bound = max(step.halfGap[old], l) * (1 - 1e-12)
        if own < bound * bound {
          bestDistance = own
        } else {
          scan = true
        }
      }
      if scan {
        KMeansKernels.spill(
          KMeansKernels.distances(row, d: d, centresT: step.centresT, as: V.self), to: dist)
        best = 0
        bestDistance = dist[0]
        var second = Double.infinity
        for c in 1..<a.k {
          let v = dist[c]
          if v < bestDistance {
            second = bestDistance
            bestDistance = v
            best = c
          } else if v < second {
            second = v
          }
        }
        lower[i] = second.squareRoot()
      }
      if old != best { changed += 1 }
      a.labels[i] = best
      a.distances[i] = bestDistance
      inertia += bestDistance
      if let sums = a.sums, let counts = a.counts {
        let target = sums + best * d
        for j in 0..<d { target[j] += row[j] }
        counts[best] += 1
      }
    }
    return (inertia, changed)
  }
}
