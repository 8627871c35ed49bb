/// The rectified linear unit `a = max(z, 0)`, with inverted dropout folded into its
/// backward pass.
///
/// Nair & Hinton (2010), "Rectified linear units improve restricted Boltzmann
/// machines", ICML. Forward and backward run in place on `count` contiguous values,
/// 8 lanes at a time with masks instead of branches (activation signs are random, so
/// a branch per element mispredicts half the time).
enum ReLU {
  /// Forward, in place: `z ← max(z, 0)`.   z: (rows, width) flattened to `count`
  static func forward(_ z: UnsafeMutablePointer<Float>, count: Int) {
    let raw = UnsafeMutableRawPointer(z)
    var i = 0
    while i + 8 <= count {
      let v = raw.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
      raw.storeBytes(of: v.replacing(with: 0, where: v .< 0), toByteOffset: 4 * i, as: SIMD8<Float>.self)
      i += 8
    }
    while i < count {
      if z[i] < 0 { z[i] = 0 }
      i += 1
    }
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
    let rawD = UnsafeMutableRawPointer(da)
    let rawA = UnsafeRawPointer(a)
    var i = 0
    while i + 8 <= count {
      let d = rawD.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self) * scale
      let v = rawA.loadUnaligned(fromByteOffset: 4 * i, as: SIMD8<Float>.self)
      rawD.storeBytes(of: d.replacing(with: 0, where: v .<= 0), toByteOffset: 4 * i, as: SIMD8<Float>.self)
      i += 8
    }
    while i < count {
      da[i] = a[i] > 0 ? da[i] * scale : 0
      i += 1
    }
  }
}
