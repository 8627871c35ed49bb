import CLVFeatures
import CLVMath
import CLVModels

extension CandidateDescriptor {
  static let baseline = CandidateDescriptor(
    key: "baseline", name: "Naive baseline",
    summary: "historical spend rate × horizon (always run: every gate compares with it)",
    family: .reference,
    methodNotes: [
      "Naive baseline: historical spend rate × horizon (exposure floored at "
        + "\(Int(HistoricalRateBaseline().minimumExposureDays)) days)."
    ],
    make: { d, _ in BaselineCandidate(descriptor: d) },
    restore: { d, decoder in BaselineCandidate(descriptor: d, model: try HistoricalRateBaseline(from: decoder)) })
}

/// The naive baseline as a candidate: historical spend rate × horizon.
struct BaselineCandidate: Candidate {
  let descriptor: CandidateDescriptor
  let needsLabels = false
  var usedFeatures: [String]? { [FeatureKey.totalSpend.rawValue, FeatureKey.tenureDays.rawValue] }
  var model = HistoricalRateBaseline()

  mutating func fit(
    _ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64
  ) throws
    -> (CandidateOutput, FitDetails)
  {
    var details = FitDetails()
    details.hyperparameters = [("minimum exposure", "\(Int(model.minimumExposureDays)) days")]
    details.weightCount = 0
    return (predict(data.features, context: context), details)
  }

  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput {
    let spend = model.predict(
      totalSpend: table.numeric(.totalSpend)?.values ?? [],
      tenureDays: table.numeric(.tenureDays)?.values ?? [], horizonDays: context.horizonDays)
    return CandidateOutput(spend: spend)
  }

  func encodeState(to encoder: any Encoder) throws { try model.encode(to: encoder) }
}
