/// The rectified linear unit `a = max(z, 0)`, with inverted dropout folded into its
/// backward pass: the reference form of what training does fused into the matrix
/// products' stores (``DenseLayer/forward(rows:x:parameters:y:relu:)`` and the `dx`
/// product of ``DenseLayer/backward(rows:x:dy:weightsTransposed:gradient:dx:accumulate:reluInput:dropoutScale:)``,
/// `FloatMatrixKernels.Finish`). The tests check the fused network against these passes.
///
/// Nair & Hinton (2010), "Rectified linear units improve restricted Boltzmann
/// machines", ICML. Both run in place on `count` contiguous values.
enum ReLU {
  /// Forward, in place: `z ← z < 0 ? 0 : z` (a NaN or −0 passes through).
  /// z: (rows, width) flattened to `count`
  static func forward(_ z: UnsafeMutablePointer<Float>, count: Int) {
    for i in 0..<count where z[i] < 0 { z[i] = 0 }
  }

  /// Backward, in place: `da ← a <= 0 ? 0 : da · scale`.
  ///
  /// `a` is the layer's output after dropout: with inverted dropout
  /// `a = relu(z) · m / keep`, so `a > 0` exactly when `z > 0` and the unit was kept,
  /// and `∂a/∂z = 1/keep` there: pass `scale = 1/keep` (1 without dropout). No mask is
  /// stored.
  static func backward(
    _ da: UnsafeMutablePointer<Float>, output a: UnsafePointer<Float>, count: Int, scale: Float
  ) {
    for i in 0..<count {
      let d = da[i] * scale
      da[i] = a[i] <= 0 ? 0 : d
    }
  }
}
