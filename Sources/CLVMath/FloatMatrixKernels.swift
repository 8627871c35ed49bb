/// Single-precision matrix-multiply kernels for small dense networks.
///
/// One kernel covers the three products of back-propagation through a dense layer:
/// `C += A·B` where `B` is row-major and `A` is read through two strides, so `A` can
/// be a row-major matrix (forward `X·W`, backward `dY·Wᵀ` with a transposed copy of
/// `W`) or the transpose of one (weight gradient `Xᵀ·dY`).
///
/// Speed: a 4-row × 8-column register tile (`SIMD8<Float>` accumulators: 8 SSE
/// registers on the x86-64 baseline) keeps the partial sums in registers for the
/// whole `k` loop; `c += a * b` is written as a multiply and an add on purpose,
/// because `addProduct` without FMA hardware calls libm `fmaf` per lane.
///
/// Determinism: every element of `C` is accumulated in the same order
/// (`p = 0, 1, …, k−1`, one multiply then one add per step) whichever path (tile,
/// single row, scalar tail) computes it, so a row's result never depends on its
/// position in the batch. Reference: Goto & van de Geijn (2008), "Anatomy of
/// high-performance matrix multiplication", ACM TOMS 34(3) (register blocking).
public enum FloatMatrixKernels {
  /// `C[i, j] += Σ_p A(i, p) · B[p, j]` for `i < m`, `j < n`, `p < k`.
  ///
  /// - `A(i, p) = a[i · aRowStride + p · aDepthStride]`: strides `(k, 1)` for a
  ///   row-major `m × k` matrix, `(1, m)` for the transpose of a row-major `k × m`.
  /// - `B[p, j] = b[p · ldb + j]` (row-major `k × n`, leading dimension `ldb`).
  /// - `C[i, j] = c[i · ldc + j]` (row-major `m × n`), accumulated into.
  ///
  /// Exact up to Float rounding of each multiply and add (no reassociation).
  public static func multiplyAccumulate(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, aRowStride: Int, aDepthStride: Int,
    b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    let n8 = n & ~7
    var j = 0
    while j < n8 {
      var i = 0
      while i + 4 <= m {
        tile4x8(
          k: k, a: a + i * aRowStride, aRowStride: aRowStride, aDepthStride: aDepthStride,
          b: b + j, ldb: ldb, c: c + i * ldc + j, ldc: ldc)
        i += 4
      }
      while i < m {
        tile1x8(k: k, a: a + i * aRowStride, aDepthStride: aDepthStride, b: b + j, ldb: ldb, c: c + i * ldc + j)
        i += 1
      }
      j += 8
    }
    // Scalar tail: the last n mod 8 columns (e.g. the 1–3 outputs of a regression head).
    if n8 < n {
      for i in 0..<m {
        let ai = a + i * aRowStride
        let ci = c + i * ldc
        for jj in n8..<n {
          var s = ci[jj]
          for p in 0..<k { s += ai[p * aDepthStride] * b[p * ldb + jj] }
          ci[jj] = s
        }
      }
    }
  }

  /// 4 rows × 8 columns of `C`: 4 `SIMD8` accumulators live in registers over `k`.
  @inline(__always)
  static func tile4x8(
    k: Int, a: UnsafePointer<Float>, aRowStride: Int, aDepthStride: Int,
    b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int
  ) {
    var c0 = load8(c), c1 = load8(c + ldc), c2 = load8(c + 2 * ldc), c3 = load8(c + 3 * ldc)
    let a0 = a, a1 = a + aRowStride, a2 = a + 2 * aRowStride, a3 = a + 3 * aRowStride
    var pa = 0
    var pb = b
    for _ in 0..<k {
      let bv = load8(pb)
      c0 += bv * a0[pa]
      c1 += bv * a1[pa]
      c2 += bv * a2[pa]
      c3 += bv * a3[pa]
      pa += aDepthStride
      pb += ldb
    }
    store8(c0, c)
    store8(c1, c + ldc)
    store8(c2, c + 2 * ldc)
    store8(c3, c + 3 * ldc)
  }

  /// 1 row × 8 columns of `C` (the rows left over after the 4-row tiles).
  @inline(__always)
  static func tile1x8(
    k: Int, a: UnsafePointer<Float>, aDepthStride: Int,
    b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>
  ) {
    var c0 = load8(c)
    var pa = 0
    var pb = b
    for _ in 0..<k {
      c0 += load8(pb) * a[pa]
      pa += aDepthStride
      pb += ldb
    }
    store8(c0, c)
  }

  @inline(__always)
  static func load8(_ p: UnsafePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
  }

  @inline(__always)
  static func load8(_ p: UnsafeMutablePointer<Float>) -> SIMD8<Float> {
    UnsafeRawPointer(p).loadUnaligned(as: SIMD8<Float>.self)
  }

  @inline(__always)
  static func store8(_ v: SIMD8<Float>, _ p: UnsafeMutablePointer<Float>) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: SIMD8<Float>.self)
  }
}
