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
    guard encoder.outputNames.count == model.inputCount else {
      return "\(name): the encoder gives \(encoder.outputNames.count) inputs; the network takes \(model.inputCount)"
    }
    let ok = calibration.isFinite && calibration >= 0
    return ok ? nil : "\(name): the calibration factor is not a finite number ≥ 0"
  }
}
