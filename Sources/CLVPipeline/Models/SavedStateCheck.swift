import CLVFeatures
import CLVModels

// Why a candidate's state, as read from `model.json`, cannot predict (nil: it can). A file
// that was edited or cut short decodes into shapes and values no fit produces; the models'
// kernels trust them (release builds drop the preconditions), so `clv score` refuses such a
// file with the reason instead (``SavedModelFile/inconsistency``).

extension BaselineCandidate {
  var stateProblem: String? {
    let floor = model.minimumExposureDays
    return floor.isFinite && floor > 0 ? nil : "the baseline's exposure floor \(floor) is not a positive number of days"
  }
}

extension BTYDCandidate {
  var stateProblem: String? {
    guard let countModel, let spendModel else { return "\(name) has no fitted parameters" }
    let bad = (countModel.parameters + spendModel.parameters).first { !($0.value.isFinite && $0.value > 0) }
    return bad.map { "\(name): parameter \($0.name) = \($0.value) is not a positive number" }
  }
}

extension NeuralCandidate {
  var stateProblem: String? {
    guard let encoder, let model else { return "\(name) has no fitted network" }
    if let problem = model.inconsistency { return "\(name): \(problem)" }
    return encoderProblem(encoder, inputs: model.inputCount, name) ?? calibrationProblem(calibration, name)
  }
}

/// Why an encoder read with a model does not give the `inputs` values the model reads.
private func encoderProblem(_ encoder: TabularEncoder, inputs: Int, _ name: String) -> String? {
  if let problem = encoder.inconsistency { return "\(name): \(problem)" }
  let given = encoder.outputNames.count
  return given == inputs ? nil : "\(name): the encoder gives \(given) inputs; the model reads \(inputs)"
}

/// Why a ``TotalCalibration`` factor read from a file cannot scale predictions.
private func calibrationProblem(_ factor: Double, _ name: String) -> String? {
  factor.isFinite && factor >= 0 ? nil : "\(name): the calibration factor is not a finite number ≥ 0"
}

extension TreeCandidate {
  var stateProblem: String? {
    guard let encoder, let model else { return "\(name) has no fitted trees" }
    let featureCount: Int
    switch model {
    case .tweedie(let m):
      if let problem = m.inconsistency { return "\(name): \(problem)" }
      guard case .tweedie = m.settings.loss else { return "\(name): the ensemble does not boost the Tweedie loss" }
      featureCount = m.featureCount
    case .hurdle(let m):
      if let problem = m.inconsistency { return "\(name): \(problem)" }
      featureCount = m.purchase.featureCount
    }
    return encoderProblem(encoder, inputs: featureCount, name) ?? calibrationProblem(calibration, name)
  }
}

extension SequenceCandidate {
  var stateProblem: String? {
    guard let encoder, let model else { return "\(name) has no fitted network" }
    if let problem = model.inconsistency { return "\(name): \(problem)" }
    guard model.weeks == Self.weeks else {
      return "\(name): the network reads \(model.weeks) weeks of activity; this clv gives it \(Self.weeks)"
    }
    let channels = WeeklyActivity.purchaseChannels.count + eventTypes.count
    guard model.channels == channels else {
      return
        "\(name): the network reads \(model.channels) activity channels; its \(eventTypes.count) event types give \(channels)"
    }
    return encoderProblem(encoder, inputs: model.staticCount, name) ?? calibrationProblem(calibration, name)
  }
}

extension BlendCandidate {
  /// Members and weights pair up, the weights are finite, non-negative and not all 0 (the
  /// NNLS fit keeps only members with a positive weight; they need not sum to 1, the
  /// blend has no intercept), no member is itself a blend or appears twice, and every
  /// member's own state is consistent.
  var stateProblem: String? {
    let w = blend.weights
    guard !members.isEmpty, members.count == w.count else {
      return "\(name): \(members.count) members for \(w.count) weights"
    }
    guard w.allSatisfy({ $0.isFinite && $0 >= 0 }), w.contains(where: { $0 > 0 }) else {
      return
        "\(name): the weights \(w.map { "\($0)" }.joined(separator: ", ")) are not finite, non-negative and not all 0"
    }
    if case .logLink(let b) = blend, !(b.intercept.isFinite && b.epsilon.isFinite && b.epsilon > 0) {
      return "\(name): intercept \(b.intercept) and ε \(b.epsilon) must be finite, ε above 0"
    }
    let keys = members.map(\.key)
    guard Set(keys).count == keys.count, !members.contains(where: { $0 is BlendCandidate }) else {
      return "\(name): its members \(keys.joined(separator: ", ")) repeat a model or include a blend"
    }
    for m in members { if let problem = m.stateProblem { return "\(name), member \(problem)" } }
    return nil
  }
}
