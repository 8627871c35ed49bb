import CLVFeatures
import CLVMath
import CLVModels
import Foundation
import Testing

@testable import CLVPipeline

/// A model that wins every validation (its backtest predictions are the labels themselves)
/// and then predicts NaN spend forward for the first customer: what a numerically broken
/// champion looks like to the forward stage.
struct NaNForwardCandidate: Candidate {
  static let family = CandidateFamily(id: "test-nan-forward", section: nil)
  static let descriptor = CandidateDescriptor(
    key: "nan-forward", name: "NaN forward", summary: "the labels on the backtest, NaN forward", family: family,
    methodNotes: ["NaN forward: a test model."],
    make: { d, _ in NaNForwardCandidate(descriptor: d) },
    restore: { d, _ in NaNForwardCandidate(descriptor: d) })

  let descriptor: CandidateDescriptor
  let needsLabels = true

  mutating func fit(
    _ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64
  ) throws -> (CandidateOutput, FitDetails) {
    (CandidateOutput(spend: data.labels), FitDetails())
  }

  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput {
    CandidateOutput(spend: table.rowIDs.indices.map { $0 == 0 ? .nan : 1 })
  }

  func encodeState(to encoder: any Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encodeNil()
  }
}

@Suite(.serialized) struct ForwardFallbackTests {
  static var registry: CandidateRegistry {
    var r = CandidateRegistry.standard
    r.register(NaNForwardCandidate.descriptor)
    return r
  }

  struct Metrics: Decodable {
    struct Fallback: Decodable { var model: String, reason: String }
    struct Champion: Decodable {
      var key: String
      var forward_fallbacks: [Fallback]?
    }
    var champion: Champion
  }

  @Test func aChampionWithNaNForwardPredictionsGivesWayToTheNextOnValidation() async throws {
    let out = PipelineFixture.temporaryDirectory("nan-forward") + "/out"
    let options = PipelineFixture.options(out: out, ["--models", "nan-forward", "bgnbd"])
    _ = try await ReportPipeline(options: options, registry: Self.registry, logger: PipelineFixture.quietLogger).run()

    let metrics = try JSONDecoder().decode(Metrics.self, from: Data(PipelineFixture.read(out + "/metrics.json").utf8))
    // BG/NBD beats the naive baseline on this shop's validation split: it is the next in line.
    #expect(metrics.champion.key == "bgnbd")
    let fallback = try #require(metrics.champion.forward_fallbacks?.first)
    #expect(fallback.model == "NaN forward")
    #expect(fallback.reason.contains("forward predicted spend is nan for 1 of"), "\(fallback.reason)")
    let md = PipelineFixture.read(out + "/report.md")
    #expect(md.contains("NaN forward won on validation but its forward predictions were not usable"))
    #expect(md.contains("excluded: forward predictions"))
    let predictions = PipelineFixture.read(out + "/predictions.csv")
    #expect(!predictions.isEmpty && !predictions.lowercased().contains("nan"))
  }

  @Test func scoringWithAChampionThatPredictsNaNIsATypedError() throws {
    let table = FeatureTable(
      rowIDs: ["a", "b"], numeric: [NumericColumn(name: "frequency", values: [0, 1], transform: .identity)],
      categorical: [], asOfDay: nil)
    let scorer = ForwardScorer(
      champion: NaNForwardCandidate(descriptor: NaNForwardCandidate.descriptor), aliveCompanion: nil,
      purchaseCompanion: nil, context: ModelContext(horizonDays: 10, discountRate: 0, margin: 1))
    let why = try #require(ForwardStage.problem(scorer.predict(table)))
    #expect(why.contains("for 1 of 2 customers (first: customer a)"), "\(why)")
    let error = PipelineError.noUsableForwardPredictions(tried: ["NaN forward: \(why)"])
    #expect(error.description.contains("no model gave usable forward predictions: NaN forward:"))
  }
}
