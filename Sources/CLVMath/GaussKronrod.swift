/// Adaptive Gauss–Kronrod quadrature (7-point Gauss, 15-point Kronrod) of a vector-valued
/// integrand, as QUADPACK's QAG: the interval with the largest error estimate is bisected
/// until the summed estimate is below `relativeTolerance` × |∫ f₀| or `maxIntervals` is
/// reached.
///
/// The error estimate of an interval is |K₁₅ − G₇| of component 0 (the other components
/// are integrated on the same nodes, which suits integrands that are smooth multiples of
/// component 0). For smooth integrands this overestimates the error of K₁₅ by orders of
/// magnitude. The work is bounded: at most `maxIntervals` × 15 evaluations; the nodes and
/// the order of bisection are fixed, so the result is deterministic.
///
/// Reference: Piessens, de Doncker-Kapenga, Überhuber & Kahaner (1983), *QUADPACK*,
/// routines QK15 and QAG (node and weight values from QK15).
package enum GaussKronrod {
  /// Kronrod abscissae on [−1, 1] (positive half; the last is the centre).
  @usableFromInline static let nodes: [Double] = [
    0.991455371120812639206854697526329, 0.949107912342758524526189684047851,
    0.864864423359769072789712788640926, 0.741531185599394439863864773280788,
    0.586087235467691130294144845693013, 0.405845151377397166906606412076961,
    0.207784955007898467600689403773245, 0,
  ]
  /// Kronrod weights for ``nodes``.
  @usableFromInline static let kronrodWeights: [Double] = [
    0.022935322010529224963732008058970, 0.063092092629978553290700663189204,
    0.104790010322250183839876322541518, 0.140653259715525918745189590510238,
    0.169004726639267902826583426598550, 0.190350578064785409913256402421014,
    0.204432940075298892414161999234649, 0.209482141084727828012999174891714,
  ]
  /// Gauss weights of the nodes with odd index (1, 3, 5) and of the centre.
  @usableFromInline static let gaussWeights: [Double] = [
    0.129484966168869693270611432679082, 0.279705391489276667901467771423780,
    0.381830050505118944950369775488975, 0.417959183673469387755102040816327,
  ]

  /// The result of ``integrate(from:to:relativeTolerance:maxIntervals:_:)``.
  package struct Result: Sendable {
    /// ∫ f over the interval, per component.
    package var value: SIMD8<Double>
    /// The summed error estimate of component 0.
    package var error: Double
    /// Intervals used.
    package var intervals: Int

    @usableFromInline init(value: SIMD8<Double>, error: Double, intervals: Int) {
      self.value = value
      self.error = error
      self.intervals = intervals
    }
  }

  /// ∫ₐᵇ f(u) du for every component of f.
  @inlinable
  package static func integrate(
    from a: Double, to b: Double, relativeTolerance: Double = 1e-12, maxIntervals: Int = 64,
    _ f: (Double) -> SIMD8<Double>
  ) -> Result {
    var pieces = [(a: Double, b: Double, value: SIMD8<Double>, error: Double)]()
    let first = rule(a, b, f)
    pieces.append((a, b, first.value, first.error))
    var total = first.value
    var error = first.error
    while error > relativeTolerance * abs(total[0]), pieces.count < maxIntervals {
      var worst = 0
      for i in pieces.indices where pieces[i].error > pieces[worst].error { worst = i }
      let p = pieces[worst]
      let middle = 0.5 * (p.a + p.b)
      guard middle > p.a, middle < p.b else { break }  // no room left to split
      let left = rule(p.a, middle, f)
      let right = rule(middle, p.b, f)
      pieces[worst] = (p.a, middle, left.value, left.error)
      pieces.append((middle, p.b, right.value, right.error))
      // Re-summed in a fixed order, so the result does not depend on rounding drift.
      total = pieces.reduce(SIMD8<Double>.zero) { $0 + $1.value }
      error = pieces.reduce(0) { $0 + $1.error }
    }
    return Result(value: total, error: error, intervals: pieces.count)
  }

  /// The 15-point Kronrod estimate on [a, b] and |K₁₅ − G₇| of component 0.
  @inlinable
  static func rule(_ a: Double, _ b: Double, _ f: (Double) -> SIMD8<Double>) -> (value: SIMD8<Double>, error: Double) {
    let centre = 0.5 * (a + b)
    let half = 0.5 * (b - a)
    let fc = f(centre)
    var kronrod = kronrodWeights[7] * fc
    var gauss = gaussWeights[3] * fc
    for j in 0..<7 {
      let pair = f(centre - half * nodes[j]) + f(centre + half * nodes[j])
      kronrod += kronrodWeights[j] * pair
      if j % 2 == 1 { gauss += gaussWeights[j / 2] * pair }
    }
    return (half * kronrod, abs(half * (kronrod[0] - gauss[0])))
  }
}
