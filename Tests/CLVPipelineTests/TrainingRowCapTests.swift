import CLVFeatures
import CLVMath
import Foundation
import Testing

@testable import CLVPipeline

/// `--training-rows-per-model` (``TrainingRowCap``): the learned models fit on at most that
/// many of the stacked origin rows, a sample fixed by the seed; a cap at or above the rows
/// there are changes nothing.
@Suite(.serialized) struct TrainingRowCapTests {
  static let ids = (0..<5_000).map { "c\($0 % 2_000)" }
  static let origins = (0..<5_000).map { Int32(20_000 - 91 * ($0 / 2_000)) }

  @Test func theSampleHasTheCapsRowsInRowOrder() {
    let rows = TrainingRowCap(limit: 1_234, seed: 42).rows(ids: Self.ids, origins: Self.origins)
    #expect(rows.count == 1_234)
    #expect(zip(rows, rows.dropFirst()).allSatisfy { $0 < $1 })
    #expect(rows.first! >= 0 && rows.last! < Self.ids.count)
    // Every origin contributes about its share (a hash sample, not the first rows).
    let perOrigin = Dictionary(grouping: rows, by: { Self.origins[$0] }).mapValues(\.count)
    let share = Dictionary(grouping: Self.origins, by: { $0 }).mapValues { Double($0.count) / 5_000 * 1_234 }
    #expect(perOrigin.count == 3)
    #expect(perOrigin.allSatisfy { abs(Double($0.value) - share[$0.key]!) < 0.15 * share[$0.key]! })
  }

  @Test func theSampleIsFixedByTheSeed() {
    let a = TrainingRowCap(limit: 800, seed: 7).rows(ids: Self.ids, origins: Self.origins)
    let b = TrainingRowCap(limit: 800, seed: 7).rows(ids: Self.ids, origins: Self.origins)
    let c = TrainingRowCap(limit: 800, seed: 8).rows(ids: Self.ids, origins: Self.origins)
    #expect(a == b)
    #expect(a != c)
    // A customer's rows at different origins are drawn apart (per-origin hash).
    let picked = Set(a)
    let atFirst = Set((0..<2_000).filter { picked.contains($0) })
    let atSecond = Set((2_000..<4_000).filter { picked.contains($0) }.map { $0 - 2_000 })
    #expect(atFirst != atSecond)
  }

  @Test func noCapOrACapAboveTheRowsKeepsEveryRow() {
    let all = Array(Self.ids.indices)
    #expect(TrainingRowCap(limit: nil, seed: 1).rows(ids: Self.ids, origins: Self.origins) == all)
    #expect(TrainingRowCap(limit: Self.ids.count, seed: 1).rows(ids: Self.ids, origins: Self.origins) == all)
    #expect(TrainingRowCap(limit: 10 * Self.ids.count, seed: 1).rows(ids: Self.ids, origins: Self.origins) == all)
  }

  /// Early stopping watches at most the cap's validation customers, a seeded subset in row
  /// order; with a cap at or above their count, all of them.
  @Test func theEarlyStoppingSampleIsASeededSubsetOfTheValidationCustomers() {
    let data = ContractShop.fixture.dataset
    let validation = data.indices(of: .validation)
    #expect(validation.count > 40)
    #expect(TrainingRowCap(limit: nil, seed: 3).monitorRows(of: data) == validation)
    #expect(TrainingRowCap(limit: validation.count, seed: 3).monitorRows(of: data) == validation)
    let a = TrainingRowCap(limit: 40, seed: 3).monitorRows(of: data)
    #expect(a.count == 40)
    #expect(zip(a, a.dropFirst()).allSatisfy { $0 < $1 })
    #expect(Set(a).isSubset(of: Set(validation)))
    #expect(a == TrainingRowCap(limit: 40, seed: 3).monitorRows(of: data))
    #expect(a != TrainingRowCap(limit: 40, seed: 4).monitorRows(of: data))
  }

  @Test func theDefaultAndTheFlagReachTheCandidates() throws {
    var settings = try RunSettings.parse([])
    #expect(settings.trainingRowsPerModel == 50_000)
    settings = try RunSettings.parse(["--training-rows-per-model", "1200", "--seed", "9"])
    let candidates = try CandidateRegistry.standard.candidates([], settings: settings)
    let caps = candidates.compactMap { c -> TrainingRowCap? in
      (c as? NeuralCandidate)?.rowCap ?? (c as? TreeCandidate)?.rowCap ?? (c as? SequenceCandidate)?.rowCap
    }
    #expect(caps.count == 5)
    #expect(caps.allSatisfy { $0 == TrainingRowCap(limit: 1_200, seed: 9) })
    settings = try RunSettings.parse(["--training-rows-per-model", "90000"])
    let sequence = try #require(
      try CandidateRegistry.standard.candidates(["seq-conv"], settings: settings).compactMap { $0 as? SequenceCandidate }
        .first)
    #expect(sequence.rowCap.limit == SequenceCandidate.maximumTrainingRows)
  }

  /// On the fixture shop each learned model fits on exactly the cap's rows (stated in its
  /// settings), twice the same for a seed; a cap of every row gives the uncapped fit bit for bit.
  @Test(arguments: ["mlp-ziln", "gbt-hurdle", "seq-conv"])
  func aFitHonoursTheCapAndACapOfEveryRowChangesNothing(_ key: String) throws {
    let shop = ContractShop.fixture
    let n = shop.dataset.trainingLabels.count
    #expect(n > 400)
    func fit(_ limit: Int?) throws -> (CandidateOutput, FitDetails) {
      var settings = shop.settings
      settings.mlpEpochs = 3
      var c = try #require(CandidateRegistry.standard[key]).candidate(settings)
      let cap = TrainingRowCap(limit: limit, seed: settings.seed)
      switch c {
      case var m as NeuralCandidate: m.rowCap = cap; c = m
      case var m as TreeCandidate: m.rowCap = cap; c = m
      case var m as SequenceCandidate: m.rowCap = cap; c = m
      default: Issue.record("\(key) has no training-row cap")
      }
      var rng = SplitMix64(seed: 5)
      return try c.fit(shop.dataset, context: shop.context, using: &rng)
    }
    let (uncapped, uncappedDetails) = try fit(nil)
    let (everyRow, _) = try fit(n)
    #expect(uncapped.spend == everyRow.spend)
    #expect(uncappedDetails.trainingRows == n)
    let (capped, details) = try fit(n / 2)
    let (again, _) = try fit(n / 2)
    #expect(details.trainingRows == n / 2)
    #expect(capped.spend == again.spend)
    #expect(capped.spend != uncapped.spend)
    let note = try #require(details.hyperparameters.first { $0.0 == "training rows" }?.1)
    #expect(note.hasPrefix("\(n / 2) of \(n) (a seeded sample, --training-rows-per-model \(n / 2);"))
    // Below the validation customers' count the cap also thins early stopping, and says so.
    let validation = shop.dataset.indices(of: .validation).count
    let (_, thin) = try fit(40)
    #expect(details.hyperparameters.allSatisfy { $0.0 != "early-stopping rows" })
    #expect(thin.hyperparameters.contains { $0 == ("early-stopping rows", "40 of the \(validation) validation customers (a seeded sample, --training-rows-per-model)") })
  }
}
