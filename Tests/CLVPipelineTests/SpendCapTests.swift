import CLVData
import CLVFeatures
import CLVMath
import Foundation
import Testing

@testable import CLVPipeline

/// The ZILN network's mean `p · exp(μ + σ²/2)` explodes for a customer far outside the
/// training inputs; the total calibration then scaled every prediction towards 0 (on the
/// peer's 100k file: test total ratio 0.000, decile MAPE 1.000). With ``SpendCap`` the
/// customer is predicted at most the largest training label and the calibration holds.
@Suite(.serialized) struct SpendCapTests {
  @Test func oneExtremeValidationCustomerDoesNotZeroTheZILNCalibration() throws {
    let settings = PipelineFixture.options(out: PipelineFixture.temporaryDirectory("spend-cap"))
    let files = settings.inputs.resolved()
    let inputs = try InputStage.load(files)
    let timeline = try Timeline(
      asOf: settings.inputs.asOf, horizon: settings.horizon, rollingOrigins: settings.rollingOrigins,
      log: inputs.transactions, path: files.transactions.path)
    let builder = FeatureBuilder(
      ledger: PurchaseLedger(inputs.transactions), profiles: inputs.profileAttributes, behaviour: inputs.behaviourLedger
    )
    let splitter = try SplitAssigner(parsing: settings.split, seed: settings.seed)
    let plan = timeline.plan
    var rows = builder.rows(
      asOf: plan.asOf, horizon: plan.horizon, origins: plan.origins, firstDay: plan.firstDay,
      keeping: { splitter.split(of: $0) == .train })
    // One validation customer at the cutoff with an absurd total spend (an export glitch).
    let cutoff = try #require(rows.origins.firstIndex { $0.origin == plan.cutoff })
    var table = rows.origins[cutoff].table
    let row = try #require(table.rowIDs.indices.first { splitter.split(of: table.rowIDs[$0]) == .validation })
    let column = try #require(table.numeric.firstIndex { $0.name == "total_spend" })
    table.numeric[column].values[row] = 1e15
    rows.origins[cutoff].table = table
    let data = BacktestDataset(rows: rows, plan: plan, splitter: splitter)
    let context = ModelContext(
      horizonDays: Double(timeline.backtestDays), discountRate: settings.discountRate, margin: settings.margin,
      ledgers: builder)

    var candidate = try #require(CandidateRegistry.standard["mlp-ziln"]).candidate(settings)
    var rng = SplitMix64(seed: 5)
    let (output, details) = try candidate.fit(data, context: context, using: &rng)
    let neural = try #require(candidate as? NeuralCandidate)
    let cap = try #require(data.trainingLabels.max())
    #expect(neural.spendCap == cap)
    #expect(output.spend.allSatisfy { $0.isFinite && $0 <= cap * neural.calibration })
    // The calibration stays near 1 and the other validation customers keep their level.
    #expect(neural.calibration > 0.2 && neural.calibration < 5, "calibration × \(neural.calibration)")
    let validation = data.indices(of: .validation).filter { $0 != row }
    let predicted = validation.reduce(0) { $0 + output.spend[$1] }
    let actual = validation.reduce(0) { $0 + data.labels[$1] }
    #expect(predicted / actual > 0.2, "validation total ratio without the extreme customer")
    if output.spend[row] >= cap * neural.calibration * (1 - 1e-12) {
      #expect(details.hyperparameters.contains { $0.0 == "spend cap" }, "the cap is stated when it acts")
    }
  }
}
