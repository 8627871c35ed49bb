import CLVMath

/// A blend of several models' predicted spend with non-negative weights and no
/// intercept, `ŷ = Σⱼ wⱼ·ŷⱼ`, `wⱼ ≥ 0`, fitted by non-negative least squares on
/// validation rows (stacking with non-negativity: Breiman 1996, "Stacked regressions",
/// Machine Learning 24; the constraint keeps the blend a sum of forecasts and stops
/// collinear models from cancelling each other with large opposite weights).
///
/// The blend's own validation predictions are cross-fitted (``CrossFitting``): each
/// fold is predicted with weights fitted on the other folds, so the blend is judged on
/// rows its weights did not see, like every other candidate.
package struct NonNegativeBlend: Sendable, Codable, Equatable {
  /// One weight per member, in member order.
  package let weights: [Double]

  /// Creates a blend from weights (each ≥ 0).
  package init(weights: [Double]) {
    precondition(weights.allSatisfy { $0 >= 0 && $0.isFinite }, "blend weights must be finite and non-negative")
    self.weights = weights
  }

  /// A blend read back from a file, weights as they are (``BlendCandidate``'s
  /// `stateProblem` in the pipeline says why weights no fit produces cannot be used).
  package init(restoring weights: [Double]) { self.weights = weights }

  /// Weights fitted on `members[j][i]` (member j's prediction for row i) against
  /// `actual[i]`; rows with a non-finite value anywhere are left out.
  package static func fit(members: [[Double]], actual: [Double]) -> NonNegativeBlend {
    let rows = actual.indices.filter { i in actual[i].isFinite && members.allSatisfy { $0[i].isFinite } }
    let w = NonNegativeLeastSquares.solve(
      columns: members.map { m in rows.map { m[$0] } }, target: rows.map { actual[$0] })
    return NonNegativeBlend(weights: w.map { max(0, $0) })
  }

  /// The blend of `members[j][i]` for every row i.
  package func apply(_ members: [[Double]]) -> [Double] {
    precondition(members.count == weights.count, "one prediction list per weight")
    guard let n = members.first?.count else { return [] }
    var out = [Double](repeating: 0, count: n)
    for (j, w) in weights.enumerated() where w > 0 {
      for i in 0..<n { out[i] += w * members[j][i] }
    }
    return out
  }

  /// The blend with every weight multiplied by `factor` (≥ 0): the blend's predictions
  /// scaled by `factor`, since the blend is linear in its weights.
  package func scaled(by factor: Double) -> NonNegativeBlend {
    NonNegativeBlend(weights: weights.map { $0 * factor })
  }

  /// Out-of-fold blend predictions on the fitting rows (`folds` folds, seeded). With
  /// `scale`, each fold's blend is scaled by `scale(its predictions, actual)` on its own
  /// fitting rows, as the full blend is on all of them. The folds are fitted side by side
  /// on up to `threads` threads (``CrossFitting/outOfFold(count:folds:seed:threads:fit:)``:
  /// the same bits with any number).
  package static func crossFitted(
    members: [[Double]], actual: [Double], folds: Int, seed: UInt64, threads: Int = .max,
    scale: (_ predicted: [Double], _ actual: [Double]) -> Double = { _, _ in 1 }
  ) -> [Double] {
    CrossFitting.outOfFold(count: actual.count, folds: folds, seed: seed, threads: threads) { train in
      let parts = members.map { m in train.map { m[$0] } }
      let target = train.map { actual[$0] }
      let fitted = fit(members: parts, actual: target)
      let blend = fitted.scaled(by: scale(fitted.apply(parts), target))
      return { i in zip(blend.weights, members).reduce(0) { $0 + $1.0 * $1.1[i] } }
    }
  }
}
