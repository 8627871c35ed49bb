import CLVMath
import Foundation

/// A 1-D temporal convolution over each customer's weekly activity, joined with static
/// features and fed to a dense head (``MLPNetwork``), all parameters in one Float vector:
/// the convolution's `(kernel·channels) × filters` weights and `filters` biases first,
/// then the head's.
///
/// Shapes for `rows` customers with `weeks × channels` activity grids (week-major) and
/// `statics` static features:
///
///     windows   P = (weeks − kernel)/stride + 1, window p = weeks p·stride … p·stride + kernel − 1
///     im2col    X  : (rows·P, kernel·channels)        (each window's grid, copied)
///     conv      H  = relu(X·Wc + bc) : (rows·P, filters) = (rows, P·filters)
///     join      Z₀ = [H | static]   : (rows, P·filters + statics)
///     head      out = MLP(Z₀)       : (rows, 3)  (ZILN logit, μ, s)
///
/// The convolution is a dense layer applied to every window (weights shared over time,
/// LeCun et al. 1989; a temporal convolution as in Bai, Kolter & Koltun 2018, "An
/// empirical evaluation of generic convolutional and recurrent networks for sequence
/// modeling", arXiv:1803.01271); keeping all P window outputs (no pooling) lets the head
/// tell recent weeks from old ones. Backward, side by side with forward:
///
///     dZ₀ = head backward (its input gradient),  dH = dZ₀[:, :P·filters] ⊙ 1[H > 0]
///     dWc = Xᵀ·dH,  dbc = Σ_rows dH
struct TemporalConvNetwork: Sendable, Codable, Equatable {
  let weeks: Int
  let channels: Int
  let kernel: Int
  let stride: Int
  let filters: Int
  let statics: Int
  /// The convolution as a dense layer on one window (offset 0 in ``parameters``).
  let conv: DenseLayer
  /// The dense head; its offsets are relative to ``headOffset``.
  let head: MLPNetwork
  /// Every parameter: convolution, then head.
  var parameters: [Float]

  init(weeks: Int, channels: Int, kernel: Int, stride: Int, filters: Int, statics: Int, hidden: [Int]) {
    precondition(
      kernel >= 1 && kernel <= weeks && stride >= 1 && filters >= 1 && channels >= 1, "bad convolution shape")
    self.weeks = weeks
    self.channels = channels
    self.kernel = kernel
    self.stride = stride
    self.filters = filters
    self.statics = statics
    conv = DenseLayer(fanIn: kernel * channels, fanOut: filters, weightOffset: 0)
    let positions = (weeks - kernel) / stride + 1
    var head = MLPNetwork(widths: [positions * filters + statics] + hidden + [MLPLoss.ziln.outputCount])
    let headCount = head.parameters.count
    head.parameters = []  // the head's parameters live in `parameters`, after the convolution's
    self.head = head
    parameters = [Float](repeating: 0, count: conv.parameterCount + headCount)
  }

  /// Window positions P.
  var positions: Int { (weeks - kernel) / stride + 1 }
  /// Where the head's parameters start.
  var headOffset: Int { conv.parameterCount }
  /// Inputs of the head: P·filters + statics.
  var joined: Int { positions * filters + statics }

  /// He initialisation of the convolution and the head (``MLPNetwork/initialiseHe(using:)``).
  mutating func initialiseHe(using rng: inout some RandomNumberGenerator) {
    let sd = (2 / Double(conv.fanIn)).squareRoot()
    for i in conv.weightRange { parameters[i] = Float(rng.nextNormal(standardDeviation: sd)) }
    var h = MLPNetwork(widths: head.widths)
    h.initialiseHe(using: &rng)
    for (i, v) in h.parameters.enumerated() { parameters[headOffset + i] = v }
  }

  /// Forward over `rows` customers: `sequences` (rows, weeks·channels), `statics`
  /// (rows, statics); outputs in `ws.head.activations[last]`.
  func forward(
    rows: Int, sequences: UnsafePointer<Float>, statics staticInputs: UnsafePointer<Float>,
    parameters p: UnsafePointer<Float>, workspace ws: TemporalConvWorkspace
  ) {
    convolve(rows: rows, sequences: sequences, parameters: p, workspace: ws)
    forwardHead(rows: rows, statics: staticInputs, parameters: p, workspace: ws)
  }

  /// The first half of ``forward``: the convolution of `rows` customers' `sequences` into
  /// `ws.convolved` (rows, P·filters), which reads no static feature.
  func convolve(
    rows: Int, sequences: UnsafePointer<Float>, parameters p: UnsafePointer<Float>, workspace ws: TemporalConvWorkspace
  ) {
    let (p0, width, grid) = (positions, kernel * channels, weeks * channels)
    for r in 0..<rows {
      for q in 0..<p0 {
        (ws.windows + (r * p0 + q) * width).update(from: sequences + r * grid + q * stride * channels, count: width)
      }
    }
    conv.forward(rows: rows * p0, x: ws.windows, parameters: p, y: ws.convolved, relu: true)
  }

  /// The second half of ``forward``: `ws.convolved` joined with `staticInputs` through the
  /// head; outputs in `ws.head.activations[last]`.
  func forwardHead(
    rows: Int, statics staticInputs: UnsafePointer<Float>, parameters p: UnsafePointer<Float>,
    workspace ws: TemporalConvWorkspace
  ) {
    let z0 = ws.head.activations[0]
    let flat = positions * filters
    for r in 0..<rows {
      (z0 + r * joined).update(from: ws.convolved + r * flat, count: flat)
      (z0 + r * joined + flat).update(from: staticInputs + r * statics, count: statics)
    }
    var unused = SplitMix64(seed: 0)
    head.forward(rows: rows, parameters: p + headOffset, workspace: ws.head, rng: &unused)
  }

  /// Backward after ``forward``, from `ws.head.deltas[last] = ∂L/∂outputs`; overwrites
  /// `gradient` (all parameters) with ∂L/∂θ. `transposed` holds every layer's Wᵀ at its
  /// W's offset (the head's relative to ``headOffset``).
  func backward(
    rows: Int, transposed: UnsafePointer<Float>, gradient: UnsafeMutablePointer<Float>,
    workspace ws: TemporalConvWorkspace
  ) {
    let z0Gradient = ws.head.deltas[0]
    head.backward(
      rows: rows, weightsTransposed: transposed + headOffset, workspace: ws.head,
      gradient: gradient + headOffset, accumulate: false, inputGradient: z0Gradient)
    let flat = positions * filters
    for r in 0..<rows {
      for j in 0..<flat {
        let h = ws.convolved[r * flat + j]
        ws.convolvedGradient[r * flat + j] = h <= 0 ? 0 : z0Gradient[r * joined + j]
      }
    }
    conv.backward(
      rows: rows * positions, x: ws.windows, dy: ws.convolvedGradient, weightsTransposed: transposed,
      gradient: gradient, dx: nil, accumulate: false)
  }

  /// Every layer's Wᵀ into `destination` (same offsets as the parameters).
  func transposeWeights(_ p: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>) {
    conv.transposeWeights(from: p, into: destination)
    head.transposeWeights(p + headOffset, into: destination + headOffset)
  }

  /// The weight ranges (AdamW decays weights, not biases), increasing.
  var weightRanges: [Range<Int>] {
    [conv.weightRange]
      + head.layers.map { ($0.weightRange.lowerBound + headOffset)..<($0.weightRange.upperBound + headOffset) }
  }
}

/// Scratch buffers for ``TemporalConvNetwork`` passes over up to `capacity` customers.
final class TemporalConvWorkspace {
  let capacity: Int
  let windows: UnsafeMutablePointer<Float>
  let convolved: UnsafeMutablePointer<Float>
  let convolvedGradient: UnsafeMutablePointer<Float>
  let head: MLPWorkspace

  init(network n: TemporalConvNetwork, capacity: Int) {
    self.capacity = capacity
    let windowCount = max(1, capacity * n.positions)
    windows = .allocate(capacity: windowCount * n.kernel * n.channels)
    windows.initialize(repeating: 0, count: windowCount * n.kernel * n.channels)
    convolved = .allocate(capacity: windowCount * n.filters)
    convolved.initialize(repeating: 0, count: windowCount * n.filters)
    convolvedGradient = .allocate(capacity: windowCount * n.filters)
    convolvedGradient.initialize(repeating: 0, count: windowCount * n.filters)
    head = MLPWorkspace(widths: n.head.widths, capacity: capacity, parameterCount: 0)
  }

  deinit {
    windows.deallocate()
    convolved.deallocate()
    convolvedGradient.deallocate()
  }
}
