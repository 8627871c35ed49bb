import CFloatKernels
import CLVMath
import Foundation

/// Adam with optional decoupled weight decay (AdamW), over a flat Float parameter vector.
///
///     m ← β₁m + (1−β₁)g,   v ← β₂v + (1−β₂)g²
///     θ ← θ − η · (m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε) − η·λ·θ   (λ term on weights only)
///
/// Kingma & Ba (2015), "Adam: a method for stochastic optimization", ICLR;
/// Loshchilov & Hutter (2019), "Decoupled weight decay regularization", ICLR.
///
/// A step is ``beginStep()`` (once) then ``apply(_:gradients:_:range:decay:)`` over
/// ranges that cover the parameters once; the update is element-wise, so two threads
/// may apply disjoint ranges at the same time and get the bits one thread would.
final class AdamOptimizer {
  let learningRate: Float
  let beta1: Float = 0.9
  let beta2: Float = 0.999
  let epsilon: Float = 1e-8
  /// Decoupled weight decay λ (0: plain Adam).
  let weightDecay: Float
  /// Number of parameters.
  let parameterCount: Int
  /// First and second moment estimates, one per parameter.
  private let mBuffer: UnsafeMutablePointer<Float>
  private let vBuffer: UnsafeMutablePointer<Float>
  /// Steps begun.
  private(set) var step = 0
  /// Bias corrections 1/(1−β₁ᵗ) and 1/(1−β₂ᵗ) of the current step.
  private var corrections: (Float, Float) = (1, 1)

  init(parameterCount: Int, learningRate: Float, weightDecay: Float) {
    self.parameterCount = parameterCount
    self.learningRate = learningRate
    self.weightDecay = weightDecay
    mBuffer = .allocate(capacity: max(1, parameterCount))
    mBuffer.initialize(repeating: 0, count: max(1, parameterCount))
    vBuffer = .allocate(capacity: max(1, parameterCount))
    vBuffer.initialize(repeating: 0, count: max(1, parameterCount))
  }

  deinit {
    mBuffer.deallocate()
    vBuffer.deallocate()
  }

  /// First moments (a copy).
  var m: [Float] { Array(UnsafeBufferPointer(start: mBuffer, count: parameterCount)) }
  /// Second moments (a copy).
  var v: [Float] { Array(UnsafeBufferPointer(start: vBuffer, count: parameterCount)) }

  /// Starts step t + 1: fixes its bias corrections.
  func beginStep() {
    step += 1
    corrections = (
      Float(1 / (1 - pow(Double(beta1), Double(step)))), Float(1 / (1 - pow(Double(beta2), Double(step))))
    )
  }

  /// The current step on `parameters[range]` with the gradient `g0 + g1` (the two
  /// shards' sums, added in that order); `decay` applies the weight decay (weights,
  /// not biases).
  func apply(
    _ parameters: UnsafeMutablePointer<Float>, gradients g0: UnsafePointer<Float>, _ g1: UnsafePointer<Float>,
    range: Range<Int>, decay: Bool
  ) {
    precondition(range.lowerBound >= 0 && range.upperBound <= parameterCount, "range outside the parameters")
    let (b1, b2, eps, lr) = (beta1, beta2, epsilon, learningRate)
    let (c1, c2) = corrections
    if decay && weightDecay > 0 {
      let shrink = 1 - lr * weightDecay
      for i in range { parameters[i] *= shrink }
    }
    let count = range.count
    guard count > 0 else { return }
    let o = range.lowerBound
    // In C: Swift's SIMD8 square root is lowered lane by lane on the x86-64 baseline.
    if FloatMatrixKernels.fastest == .avxFMA {
      cfk_adam_avx(parameters + o, mBuffer + o, vBuffer + o, g0 + o, g1 + o, count, b1, b2, lr, eps, c1, c2)
    } else {
      cfk_adam_portable(parameters + o, mBuffer + o, vBuffer + o, g0 + o, g1 + o, count, b1, b2, lr, eps, c1, c2)
    }
  }

  /// One whole step on every parameter; `decayed` are the weight ranges, in increasing
  /// order and disjoint.
  func update(
    _ parameters: UnsafeMutablePointer<Float>, gradients g0: UnsafePointer<Float>, _ g1: UnsafePointer<Float>,
    decayed: [Range<Int>]
  ) {
    beginStep()
    var start = 0
    for r in decayed {
      precondition(r.lowerBound >= start, "decayed ranges must be increasing and disjoint")
      if start < r.lowerBound { apply(parameters, gradients: g0, g1, range: start..<r.lowerBound, decay: false) }
      apply(parameters, gradients: g0, g1, range: r, decay: true)
      start = r.upperBound
    }
    if start < parameterCount { apply(parameters, gradients: g0, g1, range: start..<parameterCount, decay: false) }
  }
}
