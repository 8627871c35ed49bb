import CLVModels

/// The fitted state of a champion, as stored in `model.json` so `clv score` can
/// predict new data exactly as `clv report` did.
enum SavedCandidate: Sendable, Codable {
  case baseline(HistoricalRateBaseline)
}
