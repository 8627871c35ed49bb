import CLVFeatures
import CLVMath
import CLVModels
import Foundation
import Testing

@testable import CLVPipeline

/// A throwaway model registered only here: the baseline's spend rate times one constant
/// fitted on the training labels (total label / total baseline prediction). It exists to
/// show that a model is its descriptor and its code, nothing else.
struct ConstantFactorCandidate: Candidate {
  static let family = CandidateFamily(id: "test-constant", section: nil)
  static let descriptor = CandidateDescriptor(
    key: "constant", name: "Constant factor", summary: "the baseline times one fitted constant", family: family,
    methodNotes: ["Constant factor: the naive baseline scaled to the training labels' total."],
    make: { d, _ in ConstantFactorCandidate(descriptor: d) },
    restore: { d, decoder in
      ConstantFactorCandidate(descriptor: d, factor: try decoder.singleValueContainer().decode(Double.self))
    })

  let descriptor: CandidateDescriptor
  var factor = 1.0
  let needsLabels = true

  func baseline(_ table: FeatureTable, horizonDays: Double) -> [Double] {
    HistoricalRateBaseline().predict(
      totalSpend: table.numeric("total_spend")?.values ?? [], tenureDays: table.numeric("tenure_days")?.values ?? [],
      horizonDays: horizonDays)
  }

  mutating func fit(
    _ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64
  ) throws
    -> (CandidateOutput, FitDetails)
  {
    let predicted = baseline(data.trainingFeatures, horizonDays: context.horizonDays).reduce(0, +)
    let actual = data.trainingLabels.reduce(0, +)
    factor = predicted > 0 ? actual / predicted : 1
    var details = FitDetails()
    details.hyperparameters = [("factor", "\(factor)")]
    return (predict(data.features, context: context), details)
  }

  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput {
    CandidateOutput(spend: baseline(table, horizonDays: context.horizonDays).map { $0 * factor })
  }

  func encodeState(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(factor)
  }
}

@Suite(.serialized) struct CandidateRegistryTests {
  static var registry: CandidateRegistry {
    var r = CandidateRegistry.standard
    r.register(ConstantFactorCandidate.descriptor)
    return r
  }

  @Test func aModelRegisteredInATestRunsEndToEnd() async throws {
    let out = PipelineFixture.temporaryDirectory("registry") + "/out"
    let options = PipelineFixture.options(out: out, ["--models", "constant"])
    #expect(options.models == ["constant"])  // --models parses any key; the registry checks it
    await #expect(throws: PipelineError.self) { try await PipelineFixture.run(options) }  // standard: unknown
    _ = try await ReportPipeline(options: options, registry: Self.registry, logger: PipelineFixture.quietLogger).run()

    // The champion table and the champion rule.
    let md = PipelineFixture.read(out + "/report.md")
    #expect(md.contains("| Constant factor |") || md.contains("| **Constant factor** |"), "model table")
    #expect(md.contains("Constant factor: the naive baseline scaled"), "model card note")
    // backtest.csv: a column per model, by key.
    let header = PipelineFixture.read(out + "/backtest.csv").prefix { $0 != "\n" }
    #expect(header == "customer_id,split,actual,baseline,constant")
    // metrics.json and model.json: the same ranking as the baseline, better calibrated, so
    // it wins the tie-break and is the champion.
    struct Metrics: Decodable {
      struct Champion: Decodable { var key: String }
      var champion: Champion
    }
    let metrics = try JSONDecoder().decode(Metrics.self, from: Data(PipelineFixture.read(out + "/metrics.json").utf8))
    #expect(metrics.champion.key == "constant")
    let model = PipelineFixture.read(out + "/model.json")
    #expect(model.contains("\"key\" : \"constant\"") || model.contains("\"key\": \"constant\""))
    // clv score with the same registry reproduces predictions.csv; without it, a clear error.
    let scored = PipelineFixture.temporaryDirectory("registry-score") + "/predictions.csv"
    _ = try ScorePipeline(
      inputs: options.inputs, modelPath: out + "/model.json", outputPath: scored, registry: Self.registry,
      logger: PipelineFixture.quietLogger
    ).run()
    #expect(PipelineFixture.read(scored) == PipelineFixture.read(out + "/predictions.csv"))
    #expect {
      try SavedModelFile.load(path: out + "/model.json")
    } throws: { error in
      guard case .modelUnreadable(_, let reason) = error as? PipelineError else { return false }
      return reason.contains("'constant'")
    }
  }
}
