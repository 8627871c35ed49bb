import Foundation

/// The gradient of `f` at `x` by central differences,
/// ∂f/∂xᵢ ≈ (f(x + hᵢeᵢ) − f(x − hᵢeᵢ)) / (2hᵢ), hᵢ = `relativeStep` · max(1, |xᵢ|).
///
/// The error is O(h²·f‴) from truncation plus O(ε·|f| / h) from rounding; the default
/// step ≈ ε^{1/3} balances the two, giving about 10 correct digits for smooth f of
/// order one. Costs 2n evaluations of f.
///
/// Reference: Nocedal & Wright (2006), *Numerical Optimization*, §8.1, eq. (8.7).
package func centralDifferenceGradient(
  of f: ([Double]) -> Double, at x: [Double], relativeStep: Double = 6e-6
) -> [Double] {
  var probe = x
  return x.indices.map { i in
    let h = relativeStep * max(1, abs(x[i]))
    probe[i] = x[i] + h
    let up = f(probe)
    probe[i] = x[i] - h
    let down = f(probe)
    probe[i] = x[i]
    return (up - down) / (2 * h)
  }
}
