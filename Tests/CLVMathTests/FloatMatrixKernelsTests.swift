import CFloatKernels
import CLVMath
import Testing

/// The AVX + FMA kernel must return exactly the portable kernel's bits (same summation
/// order, one fused multiply-add per step) on every path: 6-row tiles and every
/// leftover tile (5, 4, 3, 2, 1 rows; 7 and 8 as 4 + 3 and 4 + 4), 16- and
/// 8-column blocks, the column tail with both A layouts (and its 8×8 transposed
/// blocks plus remainder), all three start modes, all three store modes (plain, ReLU,
/// ReLU gradient), and C with a leading dimension wider than n; and the bias-gradient
/// column sums against a plain loop. Skipped on CPUs without AVX and FMA.
@Suite(.enabled(if: FloatMatrixKernels.avxFMAAvailable, "this CPU has no AVX + FMA"))
struct FloatMatrixKernelsTests {
  static let shapes: [(Int, Int, Int)] = [
    (1, 1, 1), (2, 3, 1), (3, 8, 2), (5, 16, 3), (6, 16, 11), (7, 17, 5), (13, 64, 40), (128, 64, 64),
    (64, 1, 128), (40, 64, 128), (11, 64, 128), (128, 11, 64), (128, 40, 64), (128, 3, 64), (9, 25, 0),
    (17, 2, 13), (24, 1, 70),
    // Row remainders after the 6-row tiles (5, 3; 7 and 8 as 4 + 3 and 4 + 4) and the
    // column tail's groups of 16 (row-major A) and 32 (transposed A) rows with their
    // leftovers: 8-row blocks, single rows and depths not a multiple of 8.
    (8, 16, 5), (9, 16, 7), (10, 32, 6), (11, 16, 9), (13, 32, 4), (14, 16, 3), (20, 8, 12), (128, 1, 64),
    (40, 1, 9), (33, 1, 16), (72, 2, 21), (50, 1, 128),
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

  /// `cfk_add_column_sums` (64- and 8-column register blocks, then single columns)
  /// adds each column's rows in row order onto the sums: the bits of a plain loop.
  @Test(arguments: [(0, 5), (1, 1), (5, 7), (128, 1), (128, 64), (37, 73), (128, 130), (3, 200)])
  func columnSumsMatchPlainLoop(_ shape: (Int, Int)) {
    let (rows, cols) = shape
    var rng = SplitMix64(seed: UInt64(rows * 1_000 + cols))
    let ldx = cols + 5
    let x = (0..<(rows * ldx)).map { _ in Float(rng.nextNormal()) * 3 }
    let start = (0..<cols).map { _ in Float(rng.nextNormal()) }
    var expected = start
    for i in 0..<rows { for j in 0..<cols { expected[j] += x[i * ldx + j] } }
    var sums = start
    x.withUnsafeBufferPointer { x in
      sums.withUnsafeMutableBufferPointer { s in cfk_add_column_sums(rows, cols, x.baseAddress!, ldx, s.baseAddress!) }
    }
    #expect(sums.map(\.bitPattern) == expected.map(\.bitPattern), "rows \(rows) cols \(cols)")
  }
}
