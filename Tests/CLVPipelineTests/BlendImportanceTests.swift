import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVModels
import Testing

@testable import CLVPipeline

/// The blend's fast permutation-importance path (``BlendPermutedRows``) gives the slow
/// path's numbers bit for bit: the slow path rebuilds the permuted table and predicts every
/// member through ``BlendCandidate/predict(_:context:)``; the fast path re-predicts only the
/// members that read a permuted column, the trees through their binned codes.
@Suite(.serialized) struct BlendImportanceTests {
  /// A blend of one member of every kind of permuted-rows path: features read by name (the
  /// baseline, BG/NBD), every feature from a table (the MLP, the sequence model, which also
  /// reads the activity logs) and the trees' own path. Weights are set by hand so that no
  /// member drops out.
  static let fitted: (BlendCandidate, ContractShop) = {
    let shop = ContractShop.fixture
    var members = [any Candidate]()
    for key in ["baseline", "bgnbd", "mlp-ziln", "gbt-hurdle", "seq-conv"] {
      guard var m = CandidateRegistry.standard[key]?.candidate(shop.settings) else {
        preconditionFailure("\(key) is not registered")
      }
      var rng = SplitMix64(seed: 5)
      do { _ = try m.fit(shop.dataset, context: shop.context, using: &rng) } catch {
        preconditionFailure("\(key) does not fit the fixture: \(error)")
      }
      members.append(m)
    }
    let blend = BlendCandidate(
      descriptor: .blend, members: members, blend: .linear(NonNegativeBlend(weights: [0.4, 0.3, 0.1, 0.6, 0.2])))
    return (blend, shop)
  }()

  static func bits(_ x: [Double]) -> [UInt64] { x.map(\.bitPattern) }

  @Test func everyColumnsPermutationPredictsTheSlowPathsBits() throws {
    let (blend, shop) = Self.fitted
    let test = shop.dataset.indices(of: .test)
    let table = shop.dataset.features.selectingRows(test)
    let view = TableMatrix(table)
    var fast = try #require(blend.permutedRowsModel(for: table, columns: view.names, context: shop.context))
    #expect(fast is BlendPermutedRows)
    let slow = { (m: Matrix) in blend.predict(view.table(m), context: shop.context).spend }
    #expect(Self.bits(fast.predict(permuting: [], by: nil)) == Self.bits(slow(view.matrix)))

    var rng = SplitMix64(seed: 3)
    var permutation = [Int](repeating: 0, count: table.rowCount)
    var work = view.matrix
    var changed = 0
    for column in view.names.indices {
      permutation = Array(0..<table.rowCount)
      permutation.seededShuffle(using: &rng)
      MatrixPermutedRows.permute(&work, from: view.matrix, columns: [column], permutation: permutation)
      let expected = slow(work)
      MatrixPermutedRows.restore(&work, from: view.matrix, columns: [column])
      let got = fast.predict(permuting: [column], by: permutation)
      #expect(Self.bits(got) == Self.bits(expected), "column \(view.names[column])")
      if expected != slow(view.matrix) { changed += 1 }
    }
    // The comparison means something: most permutations move the blend's predictions.
    #expect(changed > view.names.count / 2)
    // Two columns at once (a group), one read by BG/NBD and one it does not read.
    let pair = [view.names.firstIndex(of: FeatureKey.frequency.rawValue)!, view.names.count - 1]
    permutation = Array(0..<table.rowCount)
    permutation.seededShuffle(using: &rng)
    MatrixPermutedRows.permute(&work, from: view.matrix, columns: pair, permutation: permutation)
    #expect(Self.bits(fast.predict(permuting: pair, by: permutation)) == Self.bits(slow(work)))
  }

  @Test func explainStageImportanceIsTheSlowPaths() throws {
    let (blend, shop) = Self.fitted
    let test = shop.dataset.indices(of: .test)
    let table = shop.dataset.features.selectingRows(test)
    let view = TableMatrix(table)
    let actual = test.map { shop.dataset.labels[$0] }
    let groups = view.names.enumerated().map { FeatureGroup(name: $0.element, columns: [$0.offset]) }
    let importance = PermutationImportance(repeats: 2)
    var a = SplitMix64(seed: 9)
    var b = SplitMix64(seed: 9)
    let slow = importance.compute(features: view.matrix, actual: actual, groups: groups, using: &a) {
      blend.predict(view.table($0), context: shop.context).spend
    }
    var model = try #require(blend.permutedRowsModel(for: table, columns: view.names, context: shop.context))
    let fast = importance.compute(model: &model, actual: actual, groups: groups, using: &b)
    #expect(fast == slow)
    #expect(slow.features.contains { ($0.giniDropMean ?? 0) != 0 })
  }

  /// The sequence model's own path (its rows' activity convolved once) predicts every
  /// permuted table as its ``SequenceCandidate/predict(_:context:)`` does, bit for bit.
  @Test func sequenceModelsOwnPathIsItsPredict() throws {
    let (blend, shop) = Self.fitted
    let sequence = try #require(blend.members.first { $0 is SequenceCandidate })
    let table = shop.dataset.features.selectingRows(shop.dataset.indices(of: .test))
    let view = TableMatrix(table)
    var fast = try #require(sequence.permutedRowsModel(for: table, columns: view.names, context: shop.context))
    #expect(fast is SequencePermutedRows)
    let slow = { (m: Matrix) in sequence.predict(view.table(m), context: shop.context).spend }
    #expect(Self.bits(fast.predict(permuting: [], by: nil)) == Self.bits(slow(view.matrix)))
    var rng = SplitMix64(seed: 4)
    var work = view.matrix
    var moved = 0
    for column in view.names.indices {
      var permutation = Array(0..<table.rowCount)
      permutation.seededShuffle(using: &rng)
      MatrixPermutedRows.permute(&work, from: view.matrix, columns: [column], permutation: permutation)
      let expected = slow(work)
      MatrixPermutedRows.restore(&work, from: view.matrix, columns: [column])
      #expect(Self.bits(fast.predict(permuting: [column], by: permutation)) == Self.bits(expected), "\(view.names[column])")
      if expected != slow(view.matrix) { moved += 1 }
    }
    #expect(moved > view.names.count / 2)
  }
}
