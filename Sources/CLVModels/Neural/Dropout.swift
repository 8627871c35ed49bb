import CLVMath

/// Inverted dropout: each unit is kept with probability `keep` and scaled by
/// `1/keep`, so the expected activation is unchanged and inference needs no rescaling.
///
/// Srivastava et al. (2014), "Dropout: a simple way to prevent neural networks from
/// overfitting", JMLR 15. The backward pass is folded into ``ReLU/backward(_:output:count:scale:)``.
enum Dropout {
  /// Forward, in place: `a ← a · m / keep`, `m ~ Bernoulli(keep)`.
  ///
  /// Each 64-bit draw of `rng` gives four 16-bit uniforms, so the keep probability
  /// is quantised to 1/65536.
  static func forward(
    _ a: UnsafeMutablePointer<Float>, count: Int, keep: Float, using rng: inout SplitMix64
  ) {
    let threshold = UInt64((Double(keep) * 65536).rounded())
    let scale = 1 / keep
    var i = 0
    while i < count {
      var bits = rng.next()
      for _ in 0..<4 where i < count {
        a[i] = (bits & 0xFFFF) < threshold ? a[i] * scale : 0
        bits >>= 16
        i += 1
      }
    }
  }
}
