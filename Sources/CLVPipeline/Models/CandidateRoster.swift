/// The candidate models a run fits, from `--models`.
enum CandidateRoster {
  /// Every model key, in the order of the model table.
  static let allKeys = ["baseline", "bgnbd", "mbgnbd", "paretonbd", "mlp-ziln", "mlp-mse", "gbt-tweedie", "gbt-hurdle", "seq-conv", "blend"]

  /// Fresh candidates for the keys (nil: all), in table order.
  static func candidates(_ keys: [String]?) throws -> [any Candidate] {
    let wanted = keys ?? allKeys
    for k in wanted where !allKeys.contains(k) {
      throw PipelineError.unknownModel(k, known: allKeys)
    }
    // The baseline always runs: every gate and every comparison needs it.
    return allKeys.filter { $0 != "blend" && ($0 == "baseline" || wanted.contains($0)) }.map(make)
  }

  /// Whether the blend of the fitted candidates is wanted (it is formed after them).
  static func wantsBlend(_ keys: [String]?) -> Bool { keys?.contains("blend") ?? true }

  static func make(_ key: String) -> any Candidate {
    switch key {
    case "bgnbd": return BTYDCandidate(kind: .bgnbd)
    case "mbgnbd": return BTYDCandidate(kind: .mbgnbd)
    case "paretonbd": return BTYDCandidate(kind: .paretonbd)
    case "mlp-ziln": return NeuralCandidate(loss: .ziln)
    case "mlp-mse": return NeuralCandidate(loss: .mse)
    case "gbt-tweedie": return TreeCandidate(objective: .tweedie)
    case "gbt-hurdle": return TreeCandidate(objective: .hurdle)
    case "seq-conv": return SequenceCandidate()
    default: return BaselineCandidate()
    }
  }
}
