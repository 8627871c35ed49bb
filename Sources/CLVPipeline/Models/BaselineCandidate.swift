import CLVFeatures
import CLVMath
import CLVModels

/// The naive baseline as a candidate: historical spend rate × horizon.
struct BaselineCandidate: Candidate {
  let key = "baseline"
  let name = "Naive baseline"
  let needsLabels = false
  var usedFeatures: [String]? { ["total_spend", "tenure_days"] }
  var model = HistoricalRateBaseline()

  mutating func fit(_ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64) throws
    -> (CandidateOutput, FitDetails)
  {
    var details = FitDetails()
    details.hyperparameters = [("minimum exposure", "\(Int(model.minimumExposureDays)) days")]
    details.weightCount = 0
    return (predict(data.features, context: context), details)
  }

  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput {
    let spend = model.predict(
      totalSpend: table.numeric("total_spend")?.values ?? [],
      tenureDays: table.numeric("tenure_days")?.values ?? [], horizonDays: context.horizonDays)
    return CandidateOutput(spend: spend)
  }

  func saved() -> SavedCandidate { .baseline(model) }
}
