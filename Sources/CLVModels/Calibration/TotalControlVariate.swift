import Foundation

/// A less noisy estimate of the log scale that matches a model's total, using models that never
/// saw a label as control variates (the regression estimator of survey sampling: Cochran 1977,
/// *Sampling Techniques*, 3rd ed., §7.1 and §7.10 for several auxiliaries).
///
/// Plain total matching on the fitting rows v (the validation customers) uses
///
///     θ̂ = log(Σᵥ y / Σᵥ ŷ),
///
/// whose error is the luck of the draw of those customers: on a 200,000-customer shop the
/// validation customers happened to spend 3% less than their histories predict, so every
/// candidate scaled to them under-predicted test by 2–3%. A label-free model zⱼ (BTYD, the
/// baseline) is honest on the training customers t too, whose labels are known, so its own
/// log scale can be estimated on v and on t: φⱼᵥ = log(Σᵥ y / Σᵥ zⱼ), φⱼₜ likewise. Both estimate
/// the same population value; their difference dⱼ = φⱼᵥ − φⱼₜ is mostly the draw of v, and it is
/// correlated with θ̂'s error because both are driven by the same unexpected spenders. Then
///
///     θ̂_cv = θ̂ − βᵀ d,   β = (Σ_zz,v + Σ_zz,t)⁻¹ σ_z,θ
///
/// minimises the linearised variance (delta method): with residuals e = y − e^θ̂·ŷ and
/// rⱼ = y − e^φⱼ·zⱼ, Var θ̂ ≈ Σᵥ e² / (Σᵥ y)², Cov(θ̂, φⱼᵥ) ≈ Σᵥ e·rⱼ / (Σᵥ y)² and
/// Cov(φⱼᵥ, φₖᵥ) ≈ Σᵥ rⱼrₖ / (Σᵥ y)² (the t terms the same on t; v and t are disjoint, so
/// φᵥ and φₜ are independent). The remaining variance is
/// Var θ̂ − σᵀ(Σ_zz,v + Σ_zz,t)⁻¹σ. Without usable auxiliaries or training rows the shift is 0.
package enum TotalControlVariate {
  /// The shift to add to θ̂ (the log of the total-matching scale on the fitting rows) and the
  /// standard errors of θ̂ and of θ̂_cv by the linearised variances above.
  package struct Shift: Sendable, Equatable {
    /// `−βᵀd`, to add to the log scale.
    package let shift: Double
    /// The linearised standard error of the plain `θ̂`.
    package let plainStandardError: Double
    /// The linearised standard error of `θ̂ + shift`.
    package let standardError: Double
    /// No correction.
    package static let none = Shift(shift: 0, plainStandardError: .nan, standardError: .nan)
  }

  /// The shift for `predicted` on the fitting rows (against `actual`), from label-free
  /// predictions `auxiliary[j]` on the same rows and `otherAuxiliary[j]` on other customers
  /// of the same population with their labels `otherActual`. Auxiliaries with a total of 0 on
  /// either set are left out.
  package static func shift(
    predicted: [Double], actual: [Double], auxiliary: [[Double]], otherActual: [Double],
    otherAuxiliary: [[Double]]
  ) -> Shift {
    precondition(auxiliary.count == otherAuxiliary.count, "each auxiliary on both sets")
    let y = actual.map { max(0, $0) }
    let yt = otherActual.map { max(0, $0) }
    let sv = y.reduce(0, +)
    let st = yt.reduce(0, +)
    let sp = predicted.reduce(0) { $0 + max(0, $1) }
    guard sv > 0, st > 0, sp > 0, sv.isFinite, st.isFinite, sp.isFinite else { return .none }
    let c = sv / sp
    let e = zip(y, predicted).map { $0 - c * max(0, $1) }
    let plainVariance = e.reduce(0) { $0 + $1 * $1 } / (sv * sv)
    var r = [[Double]](), rt = [[Double]](), d = [Double]()
    for (z, zt) in zip(auxiliary, otherAuxiliary) {
      precondition(z.count == y.count && zt.count == yt.count, "one auxiliary value per row")
      let sz = z.reduce(0) { $0 + max(0, $1) }
      let szt = zt.reduce(0) { $0 + max(0, $1) }
      guard sz > 0, szt > 0, sz.isFinite, szt.isFinite else { continue }
      r.append(zip(y, z).map { $0 - sv / sz * max(0, $1) })
      rt.append(zip(yt, zt).map { $0 - st / szt * max(0, $1) })
      d.append(log(sv / sz) - log(st / szt))
    }
    let k = d.count
    guard k > 0 else {
      let se = plainVariance.squareRoot()
      return Shift(shift: 0, plainStandardError: se, standardError: se)
    }
    func dot(_ a: [Double], _ b: [Double]) -> Double { zip(a, b).reduce(0) { $0 + $1.0 * $1.1 } }
    var a = [Double](repeating: 0, count: k * k)
    for i in 0..<k {
      for j in i..<k {
        let v = dot(r[i], r[j]) / (sv * sv) + dot(rt[i], rt[j]) / (st * st)
        a[i * k + j] = v
        a[j * k + i] = v
      }
    }
    let sigma = r.map { dot($0, e) / (sv * sv) }
    // β = A⁻¹σ (Cholesky; a ridge when auxiliaries are collinear, as BG/NBD and MBG/NBD are).
    let beta = LogLinkBlend.Objective.solve(a, sigma, m: k, free: Array(0..<k))
    let reduction = dot(beta, sigma)
    let variance = max(0, plainVariance - reduction)
    return Shift(
      shift: -dot(beta, d), plainStandardError: plainVariance.squareRoot(), standardError: variance.squareRoot())
  }
}
