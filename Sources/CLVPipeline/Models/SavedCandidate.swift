import CLVFeatures
import CLVModels

/// The fitted state of a champion, as stored in `model.json` so `clv score` can
/// predict new data exactly as `clv report` did.
indirect enum SavedCandidate: Sendable, Codable {
  case baseline(HistoricalRateBaseline)
  case btyd(FittedCountModel, GammaGammaModel)
  case neural(TabularEncoder, MLPModel, calibration: Double)
  case trees(TabularEncoder, FittedTrees, calibration: Double)
  case blend([SavedCandidate], weights: [Double])
  case sequence(TabularEncoder, TemporalConvModel, eventTypes: [String], calibration: Double)
}

extension SavedCandidate {
  /// The candidate this saved state restores, ready to predict.
  var candidate: any Candidate {
    switch self {
    case .baseline(let m):
      var c = BaselineCandidate()
      c.model = m
      return c
    case .btyd(let count, let spend):
      let kind: BTYDKind
      switch count {
      case .bgnbd: kind = .bgnbd
      case .mbgnbd: kind = .mbgnbd
      case .paretonbd: kind = .paretonbd
      }
      var c = BTYDCandidate(kind: kind)
      c.countModel = count
      c.spendModel = spend
      return c
    case .neural(let encoder, let model, let calibration):
      var c = NeuralCandidate(loss: model.configuration.loss)
      c.encoder = encoder
      c.model = model
      c.calibration = calibration
      return c
    case .trees(let encoder, let model, let calibration):
      var c: TreeCandidate
      switch model {
      case .tweedie: c = TreeCandidate(objective: .tweedie)
      case .hurdle: c = TreeCandidate(objective: .hurdle)
      }
      c.encoder = encoder
      c.model = model
      c.calibration = calibration
      return c
    case .sequence(let encoder, let model, let eventTypes, let calibration):
      var c = SequenceCandidate()
      c.encoder = encoder
      c.model = model
      c.eventTypes = eventTypes
      c.calibration = calibration
      return c
    case .blend(let members, let weights):
      return BlendCandidate(members: members.map(\.candidate), blend: NonNegativeBlend(weights: weights))
    }
  }
}
