import CLVMath
import Testing

/// `FloatMatrixKernels.multiplyAccumulate` against a naive Double triple loop, on
/// shapes that hit every path (4×8 tiles, single rows, scalar column tail) and both
/// stride layouts. Tolerance: Float rounding of k ≤ 37 products, 1e-5 relative.
@Suite struct NeuralKernelTests {
  @Test(arguments: [(1, 1, 1), (4, 8, 3), (7, 19, 5), (13, 64, 37), (5, 3, 64)])
  func matchesNaiveProduct(_ shape: (Int, Int, Int)) {
    let (m, n, k) = shape
    var rng = SplitMix64(seed: UInt64(m * 1000 + n * 10 + k))
    let a = (0..<(m * k)).map { _ in Float(rng.nextNormal()) }  // row-major (m, k)
    let b = (0..<(k * n)).map { _ in Float(rng.nextNormal()) }
    let c0 = (0..<(m * n)).map { _ in Float(rng.nextNormal()) }
    let at = (0..<(k * m)).map { i in a[(i % m) * k + i / m] }  // (k, m): at[p*m+i] = a[i*k+p]
    var c1 = c0, c2 = c0
    FloatMatrixKernels.multiplyAccumulate(
      m: m, n: n, k: k, a: a, aRowStride: k, aDepthStride: 1, b: b, ldb: n, c: &c1, ldc: n)
    FloatMatrixKernels.multiplyAccumulate(
      m: m, n: n, k: k, a: at, aRowStride: 1, aDepthStride: m, b: b, ldb: n, c: &c2, ldc: n)
    for i in 0..<m {
      for j in 0..<n {
        var s = Double(c0[i * n + j])
        for p in 0..<k { s += Double(a[i * k + p]) * Double(b[p * n + j]) }
        #expect(abs(Double(c1[i * n + j]) - s) <= 1e-5 * max(1, abs(s)))
        #expect(c1[i * n + j] == c2[i * n + j])  // same summation order ⇒ identical bits
      }
    }
  }
}

extension NeuralKernelTests {
  /// `.zero` and `.rowVector(v)` must give the same bits as `.accumulate` into C
  /// pre-filled with zeros or with v in every row.
  @Test(arguments: [(6, 19, 7), (9, 64, 40), (3, 3, 5)])
  func startModesMatchAccumulatingIntoPrefilledC(_ shape: (Int, Int, Int)) {
    let (m, n, k) = shape
    var rng = SplitMix64(seed: UInt64(m + n + k))
    let a = (0..<(m * k)).map { _ in Float(rng.nextNormal()) }
    let b = (0..<(k * n)).map { _ in Float(rng.nextNormal()) }
    let v = (0..<n).map { _ in Float(rng.nextNormal()) }
    var zeroStart = [Float](repeating: .nan, count: m * n), zeroRef = [Float](repeating: 0, count: m * n)
    var biasStart = [Float](repeating: .nan, count: m * n), biasRef = (0..<(m * n)).map { v[$0 % n] }
    FloatMatrixKernels.multiplyAccumulate(
      m: m, n: n, k: k, a: a, aRowStride: k, aDepthStride: 1, b: b, ldb: n, c: &zeroStart, ldc: n, start: .zero)
    FloatMatrixKernels.multiplyAccumulate(
      m: m, n: n, k: k, a: a, aRowStride: k, aDepthStride: 1, b: b, ldb: n, c: &zeroRef, ldc: n)
    v.withUnsafeBufferPointer { v in
      FloatMatrixKernels.multiplyAccumulate(
        m: m, n: n, k: k, a: a, aRowStride: k, aDepthStride: 1, b: b, ldb: n, c: &biasStart, ldc: n,
        start: .rowVector(v.baseAddress!))
    }
    FloatMatrixKernels.multiplyAccumulate(
      m: m, n: n, k: k, a: a, aRowStride: k, aDepthStride: 1, b: b, ldb: n, c: &biasRef, ldc: n)
    #expect(zeroStart == zeroRef)
    #expect(biasStart == biasRef)
  }
}
