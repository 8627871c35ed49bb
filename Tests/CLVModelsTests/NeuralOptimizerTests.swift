import CFloatKernels
import CLVMath
import Testing

@testable import CLVModels

/// Adam / AdamW steps worked by hand (Kingma & Ba 2015; Loshchilov & Hutter 2019).
@Suite struct NeuralOptimizerTests {
  @Test func firstStepMovesEachParameterByTheLearningRate() {
    // Step 1: m̂ = g, v̂ = g², so Δ = −η·g/(|g| + ε) ≈ −η·sign(g); AdamW also
    // subtracts η·λ·θ from the weights (index 0 here), not from the bias (index 1).
    // θ₀ = 1 − 0.1·0.1·1 − 0.1 = 0.89; θ₁ = −2 + 0.1 = −1.9.
    let adam = AdamOptimizer(parameterCount: 2, learningRate: 0.1, weightDecay: 0.1)
    var theta: [Float] = [1, -2]
    let g0: [Float] = [0.25, -1], g1: [Float] = [0.25, -2]  // shard gradients, summed: (0.5, −3)
    adam.update(&theta, gradients: g0, g1, decayed: [0..<1])
    #expect(abs(theta[0] - 0.89) < 1e-6)
    #expect(abs(theta[1] - -1.9) < 1e-6)
    // (1 − β₁)·g, up to Float rounding of 1 − 0.9.
    #expect(abs(adam.m[0] - 0.05) < 1e-7 && abs(adam.m[1] - -0.3) < 1e-6)
  }

  @Test func secondStepFollowsTheMomentFormulas() {
    // g = 1 then g = −1, η = 0.01, no decay: step 1 moves θ by −η; step 2 has
    // m = 0.9·0.1 − 0.1, v = 0.999·0.001 + 0.001, bias corrections 1 − 0.9², 1 − 0.999².
    let adam = AdamOptimizer(parameterCount: 9, learningRate: 0.01, weightDecay: 0)
    var theta = [Float](repeating: 0, count: 9)  // 9 > 8 exercises the SIMD body and the tail
    let zero = [Float](repeating: 0, count: 9)
    adam.update(&theta, gradients: [Float](repeating: 1, count: 9), zero, decayed: [])
    adam.update(&theta, gradients: [Float](repeating: -1, count: 9), zero, decayed: [])
    let m = 0.9 * 0.1 - 0.1, v = 0.999 * 0.001 + 0.001
    let expected = -0.01 - 0.01 * (m / (1 - 0.81)) / ((v / (1 - 0.998001)).squareRoot() + 1e-8)
    for t in theta { #expect(abs(Double(t) - expected) < 1e-6) }
  }
}

extension NeuralOptimizerTests {
  /// Two threads update disjoint ranges in training; splitting a step into ranges, or
  /// running it on the portable instead of the AVX code, must not change a bit.
  @Test func stepSplitIntoRangesAndEitherImplementationGiveTheSameBits() {
    var rng = SplitMix64(seed: 7)
    let n = 101
    let start = (0..<n).map { _ in Float(rng.nextNormal()) }
    let gradients = (0..<4).map { _ in (0..<n).map { _ in Float(rng.nextNormal()) } }
    let whole = AdamOptimizer(parameterCount: n, learningRate: 0.01, weightDecay: 0.1)
    let split = AdamOptimizer(parameterCount: n, learningRate: 0.01, weightDecay: 0.1)
    var a = start, b = start
    for step in 0..<2 {
      whole.update(&a, gradients: gradients[2 * step], gradients[2 * step + 1], decayed: [0..<60])
      split.beginStep()
      for (range, decay) in [(37..<60, true), (0..<37, true), (60..<101, false)] {
        split.apply(&b, gradients: gradients[2 * step], gradients[2 * step + 1], range: range, decay: decay)
      }
    }
    #expect(a.map(\.bitPattern) == b.map(\.bitPattern))
    #expect(whole.v.map(\.bitPattern) == split.v.map(\.bitPattern))

    var portable = start, avx = start
    var (m1, v1) = ([Float](repeating: 0.5, count: n), [Float](repeating: 0.25, count: n))
    var (m2, v2) = (m1, v1)
    cfk_adam_portable(&portable, &m1, &v1, gradients[0], gradients[1], n, 0.9, 0.999, 0.01, 1e-8, 10, 1000)
    if FloatMatrixKernels.avxFMAAvailable {
      cfk_adam_avx(&avx, &m2, &v2, gradients[0], gradients[1], n, 0.9, 0.999, 0.01, 1e-8, 10, 1000)
      #expect(portable.map(\.bitPattern) == avx.map(\.bitPattern))
      #expect(v1.map(\.bitPattern) == v2.map(\.bitPattern))
    }
  }
}
