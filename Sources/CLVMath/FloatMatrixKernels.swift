import CFloatKernels
import Foundation

/// Single-precision matrix-multiply kernels for small dense networks.
///
/// One kernel covers the three products of back-propagation through a dense layer:
/// `C += A·B` where `B` is row-major and `A` is read through two strides, so `A` can
/// be a row-major matrix (forward `X·W`, backward `dY·Wᵀ` with a transposed copy of
/// `W`) or the transpose of one (weight gradient `Xᵀ·dY`).
///
/// Speed: a 6-row × 8-column register tile (6 `SIMD8<Float>` accumulators, 12 of the
/// 16 SSE registers on the x86-64 baseline; 4-row tiles for what is left) keeps the
/// partial sums in registers for the whole `k` loop; A's rows are packed
/// pre-broadcast so the inner loop has no shuffles. Each step is a fused
/// multiply-add (`addProduct`, one rounding), the operation the AVX + FMA kernel
/// does; on the x86-64 baseline without FMA hardware the compiler calls libm `fmaf`
/// per lane, which is exact but slow — this path is the fallback for CPUs older than
/// ~2013 and the reference the fast one is tested against.
///
/// Two implementations (``Implementation``): this portable Swift one and a C kernel
/// on 256-bit AVX registers with FMA, picked at run time where the CPU has both. They
/// follow the order below exactly, so they return the same bits and a model trained
/// on a machine without FMA equals one trained with it.
///
/// Determinism: every element of `C` is accumulated in the same order
/// (`p = 0, 1, …, k−1`, one fused multiply-add per step) whichever path (tile,
/// single row, scalar tail) computes it, so a row's result never depends on its
/// position in the batch. Reference: Goto & van de Geijn (2008), "Anatomy of
/// high-performance matrix multiplication", ACM TOMS 34(3) (register blocking).
package enum FloatMatrixKernels {
  /// What `C` holds before the products are added.
  package enum Start {
    /// C's current contents (`C += A·B`).
    case accumulate
    /// Zero (`C = A·B`).
    case zero
    /// The same row vector of `n` values in every row (`C = 1·vᵀ + A·B`, a bias).
    case rowVector(UnsafePointer<Float>)
  }

  /// What is done to each element of `C` before it is stored — a fused epilogue that
  /// gives the bits of a separate pass over `C` afterwards, without the pass.
  package enum Finish {
    /// `C` as computed.
    case none
    /// ReLU forward: `c < 0 ? 0 : c` (a NaN or −0 passes through).
    case relu
    /// ReLU backward: `mask[i · ldMask + j] <= 0 ? 0 : c · scale`, where `mask` is the
    /// layer's output (same shape as `C`) and `scale` the inverted-dropout factor.
    case reluGradient(mask: UnsafePointer<Float>, ldMask: Int, scale: Float)
  }

  /// Which code computes the products; both give the same bits.
  package enum Implementation: Sendable, Equatable {
    /// Swift `SIMD8<Float>` on the x86-64 baseline (SSE2): runs everywhere.
    case portable
    /// The C kernel in `CFloatKernels` on 256-bit AVX registers with FMA, 6×16 tiles
    /// (several times the portable speed); only where ``avxFMAAvailable``.
    case avxFMA
  }

  /// Whether this CPU and OS run the AVX + FMA kernel (CPUID and XCR0, checked once).
  package static let avxFMAAvailable = cfk_has_avx_fma() != 0

  /// The implementation used by default: AVX + FMA where available, unless the
  /// environment sets `CLV_KERNEL=portable` (to measure or cross-check that path).
  package static let fastest: Implementation = {
    if let forced = ProcessInfo.processInfo.environment["CLV_KERNEL"], forced == "portable" { return .portable }
    return avxFMAAvailable ? .avxFMA : .portable
  }()

  /// `C[i, j] = start[i, j] + Σ_p A(i, p) · B[p, j]` for `i < m`, `j < n`, `p < k`.
  ///
  /// - `A(i, p) = a[i · aRowStride + p · aDepthStride]`: strides `(k, 1)` for a
  ///   row-major `m × k` matrix, `(1, m)` for the transpose of a row-major `k × m`.
  /// - `B[p, j] = b[p · ldb + j]` (row-major `k × n`, leading dimension `ldb`).
  /// - `C[i, j] = c[i · ldc + j]` (row-major `m × n`), starting from `start` (setting
  ///   it inside the register tile saves a pass over `C`) and stored through `finish`.
  ///
  /// Exact up to one Float rounding per fused multiply-add (no reassociation).
  package static func multiplyAccumulate(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, aRowStride: Int, aDepthStride: Int,
    b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, start: Start = .accumulate, finish: Finish = .none,
    implementation: Implementation = fastest
  ) {
    if implementation == .avxFMA {
      precondition(avxFMAAvailable, "the AVX + FMA kernel needs a CPU and OS with AVX and FMA")
      var ends = cfk_ends()
      switch start {
      case .accumulate: ends.start = CFK_START_ACCUMULATE
      case .zero: ends.start = CFK_START_ZERO
      case .rowVector(let v): (ends.start, ends.start_row) = (CFK_START_ROW_VECTOR, v)
      }
      switch finish {
      case .none: ends.store = CFK_STORE_PLAIN
      case .relu: ends.store = CFK_STORE_RELU
      case .reluGradient(let mask, let ldMask, let scale):
        (ends.store, ends.mask, ends.ld_mask, ends.scale) = (CFK_STORE_RELU_GRADIENT, mask, ldMask, scale)
      }
      cfk_sgemm_avx_fma(m, n, k, a, aRowStride, aDepthStride, b, ldb, c, ldc, &ends)
      return
    }
    portableProduct(
      m: m, n: n, k: k, a: a, aRowStride: aRowStride, aDepthStride: aDepthStride, b: b, ldb: ldb, c: c, ldc: ldc,
      start: start)
    switch finish {
    case .none: break
    case .relu:
      for i in 0..<m {
        for j in 0..<n where c[i * ldc + j] < 0 { c[i * ldc + j] = 0 }
      }
    case .reluGradient(let mask, let ldMask, let scale):
      for i in 0..<m {
        for j in 0..<n {
          let d = c[i * ldc + j] * scale
          c[i * ldc + j] = mask[i * ldMask + j] <= 0 ? 0 : d
        }
      }
    }
  }

  /// The portable product (see ``multiplyAccumulate(m:n:k:a:aRowStride:aDepthStride:b:ldb:c:ldc:start:finish:implementation:)``).
  static func portableProduct(
    m: Int, n: Int, k: Int,
    a: UnsafePointer<Float>, aRowStride: Int, aDepthStride: Int,
    b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, start: Start
  ) {
    let n8 = n & ~7
    // Row panels of 6 (then 4): A's rows×k panel is packed once as pre-broadcast SIMD4
    // values (panel[rows·p + r] = A(i + r, p) in all lanes) and reused by every
    // 8-column block, so the inner loop multiplies by aligned loads, never shuffles.
    var done = 0  // rows handled by panels
    if n8 > 0 && m >= 4 {
      withUnsafeTemporaryAllocation(of: SIMD4<Float>.self, capacity: 6 * k) { panel in
        let panel = panel.baseAddress!
        while done + 4 <= m {
          let rows = done + 6 <= m ? 6 : 4
          let ai = a + done * aRowStride
          for p in 0..<k {
            for r in 0..<rows { panel[rows * p + r] = SIMD4(repeating: ai[r * aRowStride + p * aDepthStride]) }
          }
          var j = 0
          while j < n8 {
            if rows == 6 {
              tile6x8(k: k, panel: panel, b: b + j, ldb: ldb, c: c + done * ldc + j, ldc: ldc, start: start, column: j)
            } else {
              tile4x8(k: k, panel: panel, b: b + j, ldb: ldb, c: c + done * ldc + j, ldc: ldc, start: start, column: j)
            }
            j += 8
          }
          done += rows
        }
      }
    }
    // Rows left over after the panels (fewer than 4).
    var j = 0
    while j < n8 {
      for i in done..<m {
        tile1x8(
          k: k, a: a + i * aRowStride, aDepthStride: aDepthStride, b: b + j, ldb: ldb, c: c + i * ldc + j,
          start: start, column: j)
      }
      j += 8
    }
    // Column tail (the last n mod 8 columns, e.g. the 1–3 outputs of a regression
    // head): 4 rows at a time in one SIMD4 so 4 independent sums hide the add latency.
    for jj in n8..<n {
      var i = 0
      while i + 4 <= m {
        tail4x1(
          k: k, a: a + i * aRowStride, aRowStride: aRowStride, aDepthStride: aDepthStride,
          b: b + jj, ldb: ldb, c: c + i * ldc + jj, ldc: ldc, start: start, column: jj)
        i += 4
      }
      while i < m {
        let ai = a + i * aRowStride
        var s = initial(start, c + i * ldc + jj, jj)
        for p in 0..<k { s.addProduct(ai[p * aDepthStride], b[p * ldb + jj]) }
        c[i * ldc + jj] = s
        i += 1
      }
    }
  }

  /// 4 rows × 1 column of `C`, the rows in the lanes of a `SIMD4`.
  @inline(__always)
  static func tail4x1(
    k: Int, a: UnsafePointer<Float>, aRowStride: Int, aDepthStride: Int,
    b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, ldc: Int, start: Start, column: Int
  ) {
    var acc: SIMD4<Float>
    switch start {
    case .accumulate: acc = SIMD4(c[0], c[ldc], c[2 * ldc], c[3 * ldc])
    case .zero: acc = .zero
    case .rowVector(let v): acc = SIMD4(repeating: v[column])
    }
    var pa = 0
    var pb = 0
    if aRowStride == 1 {  // A is a transpose: the 4 rows are contiguous
      for _ in 0..<k {
        acc.addProduct(UnsafeRawPointer(a + pa).loadUnaligned(as: SIMD4<Float>.self), SIMD4(repeating: b[pb]))
        pa += aDepthStride
        pb += ldb
      }
    } else {
      for _ in 0..<k {
        acc.addProduct(
          SIMD4(a[pa], a[pa + aRowStride], a[pa + 2 * aRowStride], a[pa + 3 * aRowStride]), SIMD4(repeating: b[pb]))
        pa += aDepthStride
        pb += ldb
      }
    }
    c[0] = acc[0]
    c[ldc] = acc[1]
    c[2 * ldc] = acc[2]
    c[3 * ldc] = acc[3]
  }

  /// 6 rows × 8 columns of `C`: 12 of the 16 SSE registers hold the sums, so each
  /// B load and loop step serves 6 rows instead of 4.
  @inline(__always)
  static func tile6x8(
    k: Int, panel: UnsafePointer<SIMD4<Float>>, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, start: Start, column: Int
  ) {
    var c0: SIMD8<Float>, c1: SIMD8<Float>, c2: SIMD8<Float>, c3: SIMD8<Float>, c4: SIMD8<Float>, c5: SIMD8<Float>
    switch start {
    case .accumulate:
      (c0, c1, c2) = (load8(c), load8(c + ldc), load8(c + 2 * ldc))
      (c3, c4, c5) = (load8(c + 3 * ldc), load8(c + 4 * ldc), load8(c + 5 * ldc))
    case .zero: (c0, c1, c2, c3, c4, c5) = (.zero, .zero, .zero, .zero, .zero, .zero)
    case .rowVector(let v):
      c0 = load8(v + column)
      (c1, c2, c3, c4, c5) = (c0, c0, c0, c0, c0)
    }
    var pp = panel
    var pb = b
    for _ in 0..<k {
      let bv = load8(pb)
      c0.addProduct(bv, SIMD8(lowHalf: pp[0], highHalf: pp[0]))
      c1.addProduct(bv, SIMD8(lowHalf: pp[1], highHalf: pp[1]))
      c2.addProduct(bv, SIMD8(lowHalf: pp[2], highHalf: pp[2]))
      c3.addProduct(bv, SIMD8(lowHalf: pp[3], highHalf: pp[3]))
      c4.addProduct(bv, SIMD8(lowHalf: pp[4], highHalf: pp[4]))
      c5.addProduct(bv, SIMD8(lowHalf: pp[5], highHalf: pp[5]))
      pp += 6
      pb += ldb
    }
    store8(c0, c)
    store8(c1, c + ldc)
    store8(c2, c + 2 * ldc)
    store8(c3, c + 3 * ldc)
    store8(c4, c + 4 * ldc)
    store8(c5, c + 5 * ldc)
  }

  /// 4 rows × 8 columns of `C`: 4 `SIMD8` accumulators live in registers over `k`
  /// (8 SSE registers on the x86-64 baseline, 4 AVX registers when built for AVX).
  /// `panel` holds A's 4 rows pre-broadcast (see ``multiplyAccumulate``).
  @inline(__always)
  static func tile4x8(
    k: Int, panel: UnsafePointer<SIMD4<Float>>, b: UnsafePointer<Float>, ldb: Int,
    c: UnsafeMutablePointer<Float>, ldc: Int, start: Start, column: Int
  ) {
    var c0: SIMD8<Float>, c1: SIMD8<Float>, c2: SIMD8<Float>, c3: SIMD8<Float>
    switch start {
    case .accumulate: (c0, c1, c2, c3) = (load8(c), load8(c + ldc), load8(c + 2 * ldc), load8(c + 3 * ldc))
    case .zero: (c0, c1, c2, c3) = (.zero, .zero, .zero, .zero)
    case .rowVector(let v):
      c0 = load8(v + column)
      (c1, c2, c3) = (c0, c0, c0)
    }
    var pp = panel
    var pb = b
    for _ in 0..<k {
      let bv = load8(pb)
      c0.addProduct(bv, SIMD8(lowHalf: pp[0], highHalf: pp[0]))
      c1.addProduct(bv, SIMD8(lowHalf: pp[1], highHalf: pp[1]))
      c2.addProduct(bv, SIMD8(lowHalf: pp[2], highHalf: pp[2]))
      c3.addProduct(bv, SIMD8(lowHalf: pp[3], highHalf: pp[3]))
      pp += 4
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
    b: UnsafePointer<Float>, ldb: Int, c: UnsafeMutablePointer<Float>, start: Start, column: Int
  ) {
    var c0: SIMD8<Float>
    switch start {
    case .accumulate: c0 = load8(c)
    case .zero: c0 = .zero
    case .rowVector(let v): c0 = load8(v + column)
    }
    var pa = 0
    var pb = b
    for _ in 0..<k {
      c0.addProduct(load8(pb), SIMD8(repeating: a[pa]))
      pa += aDepthStride
      pb += ldb
    }
    store8(c0, c)
  }

  /// The start value of `C[i, j]` (at `c`) for the scalar path.
  @inline(__always)
  static func initial(_ start: Start, _ c: UnsafeMutablePointer<Float>, _ j: Int) -> Float {
    switch start {
    case .accumulate: c[0]
    case .zero: 0
    case .rowVector(let v): v[j]
    }
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
