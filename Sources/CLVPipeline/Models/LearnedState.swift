import CLVFeatures

/// The saved form (in `model.json`) of a candidate that learns from labels: its feature
/// encoder, its fitted model, the candidate's extra fields (the sequence model's event
/// types), its ``TotalCalibration`` factor and its ``SpendCap`` (neural models), written under
/// these keys in this order.
///
/// The one place that writes and reads that state, for ``TreeCandidate``,
/// ``NeuralCandidate`` and ``SequenceCandidate``.
enum LearnedState {
  enum Keys: String, CodingKey { case encoder, model, eventTypes, calibration, spendCap }

  /// Writes the state; `eventTypes` only when given.
  /// - Precondition: the candidate is fitted (`tabular` and `model` are set).
  static func encode(
    to encoder: any Encoder, tabular: TabularEncoder?, model: (some Encodable)?, eventTypes: [String]? = nil,
    calibration: Double, spendCap: Double?
  ) throws {
    guard let tabular, let model else { preconditionFailure("save before fit") }
    var state = encoder.container(keyedBy: Keys.self)
    try state.encode(tabular, forKey: .encoder)
    try state.encode(model, forKey: .model)
    if let eventTypes { try state.encode(eventTypes, forKey: .eventTypes) }
    try state.encode(calibration, forKey: .calibration)
    if let spendCap { try state.encode(spendCap, forKey: .spendCap) }
  }

  /// Reads what ``encode(to:tabular:model:eventTypes:calibration:)`` wrote (`eventTypes` is
  /// nil unless `readingEventTypes`).
  static func decode<Model: Decodable>(
    from decoder: any Decoder, model: Model.Type, readingEventTypes: Bool = false
  ) throws -> (tabular: TabularEncoder, model: Model, eventTypes: [String]?, calibration: Double, spendCap: Double?) {
    let state = try decoder.container(keyedBy: Keys.self)
    return (
      try state.decode(TabularEncoder.self, forKey: .encoder), try state.decode(Model.self, forKey: .model),
      readingEventTypes ? try state.decode([String].self, forKey: .eventTypes) : nil,
      try state.decode(Double.self, forKey: .calibration),
      // Written since the cap exists (``SpendCap``); a model file from before has none.
      try state.decodeIfPresent(Double.self, forKey: .spendCap)
    )
  }
}
