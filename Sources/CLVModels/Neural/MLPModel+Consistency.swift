extension MLPModel {
  /// Largest layer width a saved network may have (the CLI allows hidden widths up to 4,096;
  /// inputs are the encoded features).
  static let widthLimit = 1 << 20

  /// Why this model, as read from a file, cannot predict, or nil: each layer takes the
  /// previous one's outputs and starts where it ends, the parameter vector holds exactly
  /// those weights, every parameter is finite, and the output width is the loss's. The
  /// kernels index raw pointers by these shapes, so a hand-edited or truncated file must be
  /// refused here rather than read out of bounds.
  package var inconsistency: String? {
    let (problem, offset) = network.layerProblem()
    if let problem { return problem }
    let outputs = network.layers.last?.fanOut ?? 0
    guard network.parameters.count == offset else {
      return "the network has \(network.parameters.count) parameters; its layers need \(offset)"
    }
    guard network.parameters.allSatisfy(\.isFinite) else { return "a network parameter is not a finite number" }
    guard outputs == configuration.loss.outputCount else {
      let loss = configuration.loss
      return "the network has \(outputs) outputs; the \(loss.rawValue) loss needs \(loss.outputCount)"
    }
    guard scaling.scale.isFinite, scaling.shift.isFinite, scaling.scale > 0 else {
      return "the label scaling is not finite and positive"
    }
    return nil
  }
}
