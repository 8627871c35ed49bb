/// The loss layer: turns network outputs and labels into a loss sum and `∂L/∂outputs`.
extension MLPLoss {
  /// Sums the per-row loss over `rows` rows and, if `dOutputs` is given, writes
  /// `gradientScale · ∂loss_i/∂outputs_i` per row (pass `1 / batchSize` so the two
  /// shards' gradients add up to the gradient of the batch mean).
  ///
  /// outputs: (rows, outputCount); labels: (rows), already standardised for `.mse`;
  /// dOutputs: (rows, outputCount).
  /// - ZILN: see ``ZILNLoss``, columns (ℓ, μ, s).
  /// - MSE: `L = (o − t)²`, `∂L/∂o = 2(o − t)`.
  func evaluate(
    rows: Int, outputs: UnsafePointer<Float>, labels: UnsafePointer<Double>,
    gradientScale: Double, dOutputs: UnsafeMutablePointer<Float>?
  ) -> Double {
    var total = 0.0
    switch self {
    case .ziln:
      for i in 0..<rows {
        let o = outputs + 3 * i
        let r = ZILNLoss.lossAndGradient(
          logit: Double(o[0]), mu: Double(o[1]), s: Double(o[2]), label: labels[i])
        total += r.loss
        if let d = dOutputs.map({ $0 + 3 * i }) {
          d[0] = Float(r.dLogit * gradientScale)
          d[1] = Float(r.dMu * gradientScale)
          d[2] = Float(r.dS * gradientScale)
        }
      }
    case .mse:
      for i in 0..<rows {
        let e = Double(outputs[i]) - labels[i]
        total += e * e
        if let d = dOutputs { d[i] = Float(2 * e * gradientScale) }
      }
    }
    return total
  }
}
