import Foundation

/// Adam with optional decoupled weight decay (AdamW), over a flat Float parameter vector.
///
///     m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²
///     θ ← θ − η · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε) − η·λ·θ   (λ term on weights only)
///
/// Kingma & Ba (2015), "Adam: a method for stochastic optimization", ICLR;
/// Loshchilov & Hutter (2019), "Decoupled weight decay regularization", ICLR.
struct AdamOptimizer {
  let learningRate: Float
  let beta1: Float = 0.9
  let beta2: Float = 0.999
  let epsilon: Float = 1e-8
  /// Decoupled weight decay λ (0: plain Adam).
  let weightDecay: Float
  /// First and second moment estimates, one per parameter.
  private(set) var m: [Float]
  private(set) var v: [Float]
  /// Steps taken.
  private(set) var step = 0

  init(parameterCount: Int, learningRate: Float, weightDecay: Float) {
    self.learningRate = learningRate
    self.weightDecay = weightDecay
    m = [Float](repeating: 0, count: parameterCount)
    v = [Float](repeating: 0, count: parameterCount)
  }

  /// One update of `parameters` with the gradient `g0 + g1` (the two shards' sums,
  /// added here in that order); `decayed` are the weight ranges.
  mutating func update(
    _ parameters: UnsafeMutablePointer<Float>, gradients g0: UnsafePointer<Float>, _ g1: UnsafePointer<Float>,
    decayed: [Range<Int>]
  ) {
    step += 1
    let (b1, b2, eps, lr) = (beta1, beta2, epsilon, learningRate)
    let c1 = Float(1 / (1 - pow(Double(b1), Double(step))))
    let c2 = Float(1 / (1 - pow(Double(b2), Double(step))))
    let n = m.count
    if weightDecay > 0 {
      let shrink = 1 - lr * weightDecay
      for r in decayed { for i in r { parameters[i] *= shrink } }
    }
    m.withUnsafeMutableBufferPointer { mp in
      v.withUnsafeMutableBufferPointer { vp in
        let (mr, vr, pr) = (UnsafeMutableRawPointer(mp.baseAddress!), UnsafeMutableRawPointer(vp.baseAddress!), UnsafeMutableRawPointer(parameters))
        let (g0r, g1r) = (UnsafeRawPointer(g0), UnsafeRawPointer(g1))
        // 8 lanes at a time (the compiler cannot prove the buffers do not overlap).
        var i = 0
        while i + 8 <= n {
          let o = 4 * i
          let g = g0r.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
            + g1r.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
          let mi = b1 * mr.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self) + (1 - b1) * g
          let vi = b2 * vr.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self) + (1 - b2) * g * g
          mr.storeBytes(of: mi, toByteOffset: o, as: SIMD8<Float>.self)
          vr.storeBytes(of: vi, toByteOffset: o, as: SIMD8<Float>.self)
          let p = pr.loadUnaligned(fromByteOffset: o, as: SIMD8<Float>.self)
          let stepv = lr * (mi * c1) / ((vi * c2).squareRoot() + eps)
          pr.storeBytes(of: p - stepv, toByteOffset: o, as: SIMD8<Float>.self)
          i += 8
        }
        while i < n {
          let gi = g0[i] + g1[i]
          mp[i] = b1 * mp[i] + (1 - b1) * gi
          vp[i] = b2 * vp[i] + (1 - b2) * gi * gi
          parameters[i] -= lr * (mp[i] * c1) / ((vp[i] * c2).squareRoot() + eps)
          i += 1
        }
      }
    }
  }
}
