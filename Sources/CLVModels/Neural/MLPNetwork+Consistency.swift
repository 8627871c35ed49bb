extension MLPNetwork {
  /// Why these layers, as read from a file, do not form a network, or nil: each layer
  /// takes the previous one's outputs and starts where it ends (from offset 0), every
  /// width is in 1…``MLPModel/widthLimit``, and the first takes `inputs` values (nil: any).
  /// `parameterCount` is where the last layer ends (the parameters the layers need).
  func layerProblem(inputs expected: Int? = nil) -> (problem: String?, parameterCount: Int) {
    guard let first = layers.first else { return ("the network has no layers", 0) }
    if let expected, first.fanIn != expected {
      return ("the network's first layer takes \(first.fanIn) inputs; \(expected) are given to it", 0)
    }
    var offset = 0
    var inputs = first.fanIn
    for (l, layer) in layers.enumerated() {
      guard (1...MLPModel.widthLimit).contains(layer.fanIn), (1...MLPModel.widthLimit).contains(layer.fanOut),
        layer.fanIn == inputs, layer.weightOffset == offset
      else { return ("layer \(l + 1) of the network does not follow the one before", offset) }
      offset += layer.parameterCount
      inputs = layer.fanOut
    }
    return (nil, offset)
  }
}
