import CLVMath
import Testing

/// The AVX + FMA kernel must return exactly the portable kernel's bits (same summation
/// order, one fused multiply-add per step) on every path: 6/4/2/1-row tiles, 16- and
/// 8-column blocks, the column tail with both A layouts (and its 8×8 transposed
/// blocks plus remainder), all three start modes, all three store modes (plain, ReLU,
/// ReLU gradient), and C with a leading dimension wider than n. Skipped on CPUs
/// without AVX and FMA.
@Suite(.enabled(if: FloatMatrixKernels.avxFMAAvailable, "this CPU has no AVX + FMA"))
struct FloatMatrixKernelsTests {
  static let shapes: [(Int, Int, Int)] = [
    (1, 1, 1), (2, 3, 1), (3, 8, 2), (5, 16, 3), (6, 16, 11), (7, 17, 5), (13, 64, 40), (128, 64, 64),
    (64, 1, 128), (40, 64, 128), (11, 64, 128), (128, 11, 64), (128, 40, 64), (128, 3, 64), (9, 25, 0),
    (17, 2, 13), (24, 1, 70),
  ]

  @Test(arguments: shapes)
  func avxMatchesPortableBitForBit(_ shape: (Int, Int, Int)) {
    let (m, n, k) = shape
    var rng = SplitMix64(seed: UInt64(m * 10_000 + n * 100 + k))
    let a = (0..<(m * k)).map { _ in Float(rng.nextNormal()) }  // row-major (m, k)
    let at = (0..<(k * m)).map { i in a[(i % m) * k + i / m] }  // its transpose (k, m)
    let b = (0..<(k * n)).map { _ in Float(rng.nextNormal()) }
    let ldc = n + 3
    let c0 = (0..<(m * ldc)).map { _ in Float(rng.nextNormal()) }
    let bias = (0..<n).map { _ in Float(rng.nextNormal()) }
    // A ReLU output as the backward mask (zeros where units were off), ld n + 2.
    let mask = (0..<(m * (n + 2))).map { i in i % 3 == 0 ? 0 : max(0, Float(rng.nextNormal())) }
    bias.withUnsafeBufferPointer { bias in
      mask.withUnsafeBufferPointer { mask in
        let starts: [FloatMatrixKernels.Start] = [.accumulate, .zero, .rowVector(bias.baseAddress!)]
        let finishes: [FloatMatrixKernels.Finish] = [
          .none, .relu, .reluGradient(mask: mask.baseAddress!, ldMask: n + 2, scale: 1.25),
        ]
        for start in starts {
          for finish in finishes {
            for (matrix, rowStride, depthStride) in [(a, k, 1), (at, 1, m)] {
              var portable = c0, avx = c0
              FloatMatrixKernels.multiplyAccumulate(
                m: m, n: n, k: k, a: matrix, aRowStride: rowStride, aDepthStride: depthStride, b: b, ldb: n,
                c: &portable, ldc: ldc, start: start, finish: finish, implementation: .portable)
              FloatMatrixKernels.multiplyAccumulate(
                m: m, n: n, k: k, a: matrix, aRowStride: rowStride, aDepthStride: depthStride, b: b, ldb: n,
                c: &avx, ldc: ldc, start: start, finish: finish, implementation: .avxFMA)
              #expect(
                portable.map(\.bitPattern) == avx.map(\.bitPattern), "m \(m) n \(n) k \(k) \(start) \(finish)")
            }
          }
        }
      }
    }
  }
}
