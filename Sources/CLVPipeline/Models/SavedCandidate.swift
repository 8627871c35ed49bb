import CLVFeatures
import CLVModels

/// The fitted state of a champion, as stored in `model.json` so `clv score` can
/// predict new data exactly as `clv report` did.
enum SavedCandidate: Sendable, Codable {
  case baseline(HistoricalRateBaseline)
  case btyd(FittedCountModel, GammaGammaModel)
  case neural(TabularEncoder, MLPModel, calibration: Double)
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
    }
  }
}
