extension TemporalConvModel {
  /// Weeks of activity a saved network may read at most (the grids are weeks × channels).
  static let weekLimit = 1 << 12

  /// Weeks of activity the network reads per customer.
  package var weeks: Int { network.weeks }
  /// Activity channels the network reads per week.
  package var channels: Int { network.channels }

  /// Why this model, as read from a file, cannot predict, or nil. The convolution's shape
  /// is possible (1 ≤ kernel ≤ weeks, stride, filters and channels ≥ 1) and its layer
  /// takes one window (kernel·channels values) to `filters` outputs at offset 0; the head
  /// takes the P·filters convolution outputs and the static inputs, its layers chain
  /// (``MLPNetwork/layerProblem(inputs:)``) and end in the 3 ZILN outputs; the one
  /// parameter vector holds exactly the convolution's and the head's weights, all finite.
  /// The kernels index raw pointers by these shapes.
  package var inconsistency: String? {
    let n = network
    guard (1...Self.weekLimit).contains(n.weeks), (1...n.weeks).contains(n.kernel), n.stride >= 1,
      (1...MLPModel.widthLimit).contains(n.filters), (1...MLPModel.widthLimit).contains(n.channels),
      (0...MLPModel.widthLimit).contains(n.statics)
    else {
      return "the convolution's shape (\(n.weeks) weeks, kernel \(n.kernel), stride \(n.stride), "
        + "\(n.filters) filters, \(n.channels) channels) is not one a fit produces"
    }
    guard n.conv.fanIn == n.kernel * n.channels, n.conv.fanOut == n.filters, n.conv.weightOffset == 0 else {
      return "the convolution's kernel does not take \(n.kernel) weeks × \(n.channels) channels to \(n.filters) filters"
    }
    let (problem, headCount) = n.head.layerProblem(inputs: n.joined)
    if let problem { return "head: \(problem)" }
    guard n.head.layers.last?.fanOut == MLPLoss.ziln.outputCount, n.head.parameters.isEmpty else {
      return "the head does not end in the \(MLPLoss.ziln.outputCount) ZILN outputs"
    }
    let needed = n.conv.parameterCount + headCount
    guard n.parameters.count == needed else {
      return "the network has \(n.parameters.count) parameters; its convolution and head need \(needed)"
    }
    return n.parameters.allSatisfy(\.isFinite) ? nil : "a network parameter is not a finite number"
  }
}
