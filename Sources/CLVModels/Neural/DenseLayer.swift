import CFloatKernels
import CLVMath

/// One fully connected layer `y = x·W + b`, located in a flat parameter vector.
///
/// Layout in the vector (row-major): `W` at `weightOffset` with shape
/// `(fanIn, fanOut)`, then `b` with `fanOut` values. Forward and backward sit side by
/// side (micrograd / llm.c style); both run on raw Float pointers over `rows` rows.
struct DenseLayer: Sendable, Codable, Equatable {
  /// Inputs per row.
  let fanIn: Int
  /// Outputs per row.
  let fanOut: Int
  /// Where `W` starts in the parameter vector.
  let weightOffset: Int

  /// Where `b` starts in the parameter vector (right after `W`).
  var biasOffset: Int { weightOffset + fanIn * fanOut }
  /// Number of weights and biases.
  var parameterCount: Int { fanIn * fanOut + fanOut }
  /// The weight range (decayed by AdamW; biases are not).
  var weightRange: Range<Int> { weightOffset..<biasOffset }

  /// Forward: `y = x·W + b`, or `y = relu(x·W + b)` with `relu` (``ReLU/forward(_:count:)``
  /// fused into the product's store).
  /// x: (rows, fanIn), W: (fanIn, fanOut), y: (rows, fanOut), overwritten.
  func forward(
    rows: Int, x: UnsafePointer<Float>, parameters: UnsafePointer<Float>,
    y: UnsafeMutablePointer<Float>, relu: Bool = false
  ) {
    FloatMatrixKernels.multiplyAccumulate(
      m: rows, n: fanOut, k: fanIn, a: x, aRowStride: fanIn, aDepthStride: 1,
      b: parameters + weightOffset, ldb: fanOut, c: y, ldc: fanOut, start: .rowVector(parameters + biasOffset),
      finish: relu ? .relu : .none)
  }

  /// Backward, given `dy = ∂L/∂y` and the forward input `x`:
  /// - `dW += xᵀ·dy`   xᵀ: (fanIn, rows), dy: (rows, fanOut) → (fanIn, fanOut)
  /// - `db += Σ_rows dy`                                        → (fanOut)
  /// - `dx  = dy·Wᵀ`   dy: (rows, fanOut), Wᵀ: (fanOut, fanIn)  → (rows, fanIn), if `dx` is given
  ///
  /// `weightsTransposed` holds `Wᵀ` at the same offset as `W` (kept in sync by the
  /// trainer) so the `dx` product streams contiguous rows. Gradients accumulate into
  /// `gradient` (the shard's flat gradient vector), at the same offsets as the
  /// parameters — or overwrite it with `accumulate: false`, which gives the bits of
  /// accumulating into zeros without a pass to clear it first. With `reluInput` (`x`
  /// is the output of a ReLU, after inverted dropout with factor `dropoutScale`) `dx`
  /// goes on through the ReLU's backward (``ReLU/backward(_:output:count:scale:)``),
  /// fused into the product's store.
  func backward(
    rows: Int, x: UnsafePointer<Float>, dy: UnsafePointer<Float>,
    weightsTransposed: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
    dx: UnsafeMutablePointer<Float>?, accumulate: Bool = true, reluInput: Bool = false, dropoutScale: Float = 1
  ) {
    FloatMatrixKernels.multiplyAccumulate(
      m: fanIn, n: fanOut, k: rows, a: x, aRowStride: 1, aDepthStride: fanIn,
      b: dy, ldb: fanOut, c: gradient + weightOffset, ldc: fanOut, start: accumulate ? .accumulate : .zero)
    if !accumulate { (gradient + biasOffset).update(repeating: 0, count: fanOut) }
    cfk_add_column_sums(rows, fanOut, dy, fanOut, gradient + biasOffset)
    if let dx {
      FloatMatrixKernels.multiplyAccumulate(
        m: rows, n: fanIn, k: fanOut, a: dy, aRowStride: fanOut, aDepthStride: 1,
        b: weightsTransposed + weightOffset, ldb: fanIn, c: dx, ldc: fanIn, start: .zero,
        finish: reluInput ? .reluGradient(mask: x, ldMask: fanIn, scale: dropoutScale) : .none)
    }
  }

  /// Writes `Wᵀ` (fanOut, fanIn) at `weightOffset` of `destination`.
  func transposeWeights(from parameters: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>) {
    cfk_transpose(fanIn, fanOut, parameters + weightOffset, fanOut, destination + weightOffset, fanIn)
  }

}
