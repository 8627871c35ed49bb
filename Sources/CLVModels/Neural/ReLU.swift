import CFloatKernels

/// The rectified linear unit `a = max(z, 0)`, with inverted dropout folded into its
/// backward pass.
///
/// Nair & Hinton (2010), "Rectified linear units improve restricted Boltzmann
/// machines", ICML. Forward and backward run in place on `count` contiguous values,
/// in C (`CFloatKernels`), where the compiler turns the selects into vector masks
/// (activation signs are random, so a branch per element mispredicts half the time).
/// Training applies the same operations fused into the matrix products' stores
/// (``DenseLayer/forward(rows:x:parameters:y:relu:)``, `FloatMatrixKernels.Finish`);
/// the tests check the fused network against these passes.
enum ReLU {
  /// Forward, in place: `z ← max(z, 0)`.   z: (rows, width) flattened to `count`
  static func forward(_ z: UnsafeMutablePointer<Float>, count: Int) {
    cfk_relu_forward(z, count)
  }

  /// Backward, in place: `da ← da · 1[a > 0] · scale`.
  ///
  /// `a` is the layer's output after dropout: with inverted dropout
  /// `a = relu(z) · m / keep`, so `a > 0` exactly when `z > 0` and the unit was kept,
  /// and `∂a/∂z = 1/keep` there: pass `scale = 1/keep` (1 without dropout). No mask is
  /// stored.
  static func backward(
    _ da: UnsafeMutablePointer<Float>, output a: UnsafePointer<Float>, count: Int, scale: Float
  ) {
    cfk_relu_backward(da, a, count, scale)
  }
}
