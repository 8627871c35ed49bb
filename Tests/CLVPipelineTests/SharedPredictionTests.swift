import CLVFeatures
import CLVMath
import CLVModels
import Testing

@testable import CLVPipeline

/// Models predicting side by side, and a blend champion's members predicted once for the
/// forward predictions: the bits are those of every model predicting on its own, one after
/// the other, on the full (non-companion) models.
@Suite(.serialized) struct SharedPredictionTests {
  static func bits(_ x: [Double]?) -> [UInt64]? { x?.map(\.bitPattern) }

  /// BG/NBD and the ZILN MLP (the companions of a blend champion) and two more members,
  /// fitted on the fixture shop; BG/NBD refit on the forward table as the forward stage does.
  static let members: ([any Candidate], ContractShop) = {
    let shop = ContractShop.fixture
    var members = [any Candidate]()
    for key in ["baseline", "bgnbd", "mlp-ziln", "gbt-tweedie"] {
      guard var m = CandidateRegistry.standard[key]?.candidate(shop.settings) else {
        preconditionFailure("\(key) is not registered")
      }
      var rng = SplitMix64(seed: 11)
      do {
        _ = try m.fit(shop.dataset, context: shop.context, using: &rng)
        _ = try m.prepareForward(shop.forwardTable, context: shop.forwardContext)
      } catch {
        preconditionFailure("\(key) does not fit the fixture: \(error)")
      }
      members.append(m)
    }
    return (members, shop)
  }()

  static var blend: BlendCandidate {
    BlendCandidate(
      descriptor: .blendLog, members: members.0,
      blend: .logLink(LogLinkBlend(weights: [0.1, 0.3, 0.4, 0.2], intercept: -0.2, epsilon: 0.01)))
  }

  @Test func modelsSideBySideGiveTheBitsOfOneAfterTheOther() {
    let (models, shop) = Self.members
    let together = ParallelPredictions.of(models, table: shop.forwardTable, context: shop.forwardContext)
    for (m, got) in zip(models, together) {
      let alone = m.predict(shop.forwardTable, context: shop.forwardContext)
      #expect(Self.bits(got.spend) == Self.bits(alone.spend), "\(m.key)")
      #expect(Self.bits(got.probabilityAlive) == Self.bits(alone.probabilityAlive), "\(m.key)")
      #expect(Self.bits(got.purchaseProbability) == Self.bits(alone.purchaseProbability), "\(m.key)")
      #expect(Self.bits(got.discountedValue) == Self.bits(alone.discountedValue), "\(m.key)")
    }
  }

  /// The blend reads only its members' spend: predicting them in companion form (BG/NBD
  /// without its discounted value) and side by side gives the serial full-model blend.
  @Test func blendPredictsTheSerialBlendOfItsFullMembers() {
    let (models, shop) = Self.members
    let blend = Self.blend
    let serial = blend.blend.apply(models.map { $0.predict(shop.forwardTable, context: shop.forwardContext).spend })
    #expect(Self.bits(blend.predict(shop.forwardTable, context: shop.forwardContext).spend) == Self.bits(serial))
    #expect(blend.predictingMembers[1].predict(shop.forwardTable, context: shop.forwardContext).discountedValue == nil)
  }

  @Test func sameModelMeansSameKeyAndSavedState() throws {
    let (models, shop) = Self.members
    let bgnbd = models[1]
    #expect(ParallelPredictions.same(bgnbd, bgnbd.companion()))
    #expect(!ParallelPredictions.same(bgnbd, models[2]))
    // The same model fitted on other data (the cutoff, not the forward table) is another model.
    var other = try #require(CandidateRegistry.standard["bgnbd"]?.candidate(shop.settings))
    var rng = SplitMix64(seed: 11)
    _ = try other.fit(shop.dataset, context: shop.context, using: &rng)
    #expect(!ParallelPredictions.same(bgnbd, other))
  }

  /// A companion that is a member reuses the member's output; one that is not (same key,
  /// another fit) predicts on its own. Either way every column is the bits of predicting
  /// the champion and each companion on its own.
  @Test func companionsThatAreMembersShareTheirPredictions() throws {
    let (models, shop) = Self.members
    var otherAlive = try #require(CandidateRegistry.standard["bgnbd"]?.candidate(shop.settings))
    var rng = SplitMix64(seed: 11)
    _ = try otherAlive.fit(shop.dataset, context: shop.context, using: &rng)
    for alive in [models[1].companion(), otherAlive.companion()] {
      let scorer = ForwardScorer(
        champion: Self.blend, aliveCompanion: alive, purchaseCompanion: models[2].companion(),
        context: shop.forwardContext)
      let (c, b, z) = scorer.predictModels(shop.forwardTable)
      let t = shop.forwardTable, ctx = shop.forwardContext
      #expect(Self.bits(c.spend) == Self.bits(Self.blend.predict(t, context: ctx).spend))
      #expect(Self.bits(c.discountedValue) == Self.bits(Self.blend.predict(t, context: ctx).discountedValue))
      let aliveAlone = alive.predict(t, context: ctx)
      #expect(Self.bits(b?.spend) == Self.bits(aliveAlone.spend))
      #expect(Self.bits(b?.probabilityAlive) == Self.bits(aliveAlone.probabilityAlive))
      #expect(Self.bits(z?.purchaseProbability) == Self.bits(models[2].predict(t, context: ctx).purchaseProbability))
    }
    // The two BG/NBD fits differ, so the second case tests something.
    #expect(
      Self.bits(models[1].predict(shop.forwardTable, context: shop.forwardContext).probabilityAlive)
        != Self.bits(otherAlive.predict(shop.forwardTable, context: shop.forwardContext).probabilityAlive))
  }
}
