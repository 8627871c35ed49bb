import CLVData
import CLVFeatures
import CLVMath
import Foundation
import Testing

@testable import CLVPipeline

/// A small shop prepared as the pipeline prepares it: the backtest dataset at the cutoff,
/// the forward features at the as-of date and the contexts the models are given.
struct ContractShop: Sendable {
  var settings: RunSettings
  var timeline: Timeline
  var dataset: BacktestDataset
  var forwardTable: FeatureTable
  var context: ModelContext
  var forwardContext: ModelContext

  /// The fixture shop of ``PipelineFixture`` (600 customers, two years, planted dirt).
  static let fixture: ContractShop = {
    do {
      return try ContractShop(settings: PipelineFixture.options(out: PipelineFixture.temporaryDirectory("contract")))
    } catch {
      preconditionFailure("the fixture shop does not load: \(error)")
    }
  }()

  init(settings: RunSettings) throws {
    self.settings = settings
    let files = settings.inputs.resolved()
    let inputs = try InputStage.load(files)
    timeline = try Timeline(
      asOf: settings.inputs.asOf, horizon: settings.horizon, rollingOrigins: settings.rollingOrigins,
      log: inputs.transactions, path: files.transactions.path)
    let builder = FeatureBuilder(
      ledger: PurchaseLedger(inputs.transactions), profiles: inputs.profileAttributes, behaviour: inputs.behaviourLedger
    )
    dataset = BacktestDataset(
      builder: builder, plan: timeline.plan, splitter: try SplitAssigner(parsing: settings.split, seed: settings.seed))
    forwardTable = builder.features(for: builder.knownCustomers(before: timeline.asOf), asOf: timeline.asOf)
    context = ModelContext(
      horizonDays: Double(timeline.backtestDays), discountRate: settings.discountRate, margin: settings.margin,
      ledgers: builder)
    forwardContext = context
    forwardContext.horizonDays = Double(timeline.forwardDays)
  }
}

/// The contract every registered candidate keeps (in the spirit of scikit-learn's
/// `parametrize_with_checks`): it fits on a small shop and predicts one finite,
/// non-negative value per customer, its capabilities match what it returns, and its saved
/// form restores a model that predicts the same bytes (`clv score` ≡ `clv report`).
@Suite(.serialized) struct CandidateContractTests {
  static let keys = CandidateRegistry.standard.keys

  static func checkOutput(_ out: CandidateOutput, rows: Int, _ what: String) {
    #expect(out.spend.count == rows, "\(what): one prediction per customer")
    #expect(out.spend.allSatisfy { $0.isFinite && $0 >= 0 }, "\(what): spend finite and non-negative")
    if let v = out.discountedValue {
      #expect(v.count == rows && v.allSatisfy { $0.isFinite && $0 >= 0 }, "\(what): discounted value")
    }
    if let p = out.purchaseProbability {
      #expect(p.count == rows && p.allSatisfy { $0 >= 0 && $0 <= 1 }, "\(what): purchase probability in [0, 1]")
    }
    if let a = out.probabilityAlive {
      // NaN only for a customer without a purchase (no history to condition on).
      #expect(a.count == rows && a.allSatisfy { $0.isNaN || ($0 >= 0 && $0 <= 1) }, "\(what): P(alive) in [0, 1]")
    }
  }

  @Test(arguments: keys)
  func fitPredictSaveLoadScore(_ key: String) throws {
    let shop = ContractShop.fixture
    let descriptor = try #require(CandidateRegistry.standard[key])
    var candidate = descriptor.candidate(shop.settings)
    #expect(candidate.key == key && candidate.name == descriptor.name)
    var rng = SplitMix64(seed: 11)
    let (output, _) = try candidate.fit(shop.dataset, context: shop.context, using: &rng)
    Self.checkOutput(output, rows: shop.dataset.features.rowCount, "\(key) backtest")

    // Capabilities are what the predictions carry, not what the type is.
    #expect(descriptor.capabilities.contains(.probabilityAlive) == (output.probabilityAlive != nil), "\(key)")
    #expect(descriptor.capabilities.contains(.probabilityAlive) == (candidate.purchaseCountModel != nil), "\(key)")
    #expect(descriptor.capabilities.contains(.purchaseProbability) == (output.purchaseProbability != nil), "\(key)")

    // Forward: label-free models refit on all data before the as-of date.
    if !candidate.needsLabels { _ = try candidate.prepareForward(shop.forwardTable, context: shop.forwardContext) }
    let forward = candidate.predict(shop.forwardTable, context: shop.forwardContext)
    Self.checkOutput(forward, rows: shop.forwardTable.rowCount, "\(key) forward")

    // A table without a column the model reads is named before predicting (`clv score` refuses
    // it; the encoders would otherwise stop on the missing column).
    #expect(candidate.missingColumns(in: shop.forwardTable).isEmpty, "\(key)")
    let read = Set(candidate.usedFeatures ?? shop.forwardTable.numeric.map(\.name))
    if let dropped = shop.forwardTable.numeric.first(where: { read.contains($0.name) }) {
      var lacking = shop.forwardTable
      lacking.numeric.removeAll { $0.name == dropped.name }
      #expect(candidate.missingColumns(in: lacking) == [dropped.name], "\(key) without \(dropped.name)")
    }

    // Save → load → score: identical predictions.csv, and a stable model.json.
    let scorer = ForwardScorer(champion: candidate, context: shop.forwardContext)
    let file = SavedModelFile(scorer: scorer, timeline: shop.timeline, toolVersion: "test")
    let path = PipelineFixture.temporaryDirectory("contract-\(key)") + "/model.json"
    try file.encoded().write(toFile: path, atomically: true, encoding: .utf8)
    let loaded = try SavedModelFile.load(path: path)
    #expect(loaded.champion.candidate.key == key)
    #expect(try loaded.encoded() == file.encoded(), "\(key): model.json round trip")
    let expected = TableFiles.predictions(scorer.predict(shop.forwardTable))
    #expect(
      TableFiles.predictions(loaded.scorer(ledgers: shop.forwardContext.ledgers).predict(shop.forwardTable))
        == expected, "\(key): clv score")
  }

  /// Same data and seed ⇒ the same fit, bit for bit (the RNG is passed in, never global).
  @Test(arguments: keys)
  func aSeedFixesTheFit(_ key: String) throws {
    let shop = ContractShop.fixture
    let descriptor = try #require(CandidateRegistry.standard[key])
    func fitted() throws -> ([Double], [Double]) {
      var candidate = descriptor.candidate(shop.settings)
      var rng = SplitMix64(seed: 5)
      let (output, _) = try candidate.fit(shop.dataset, context: shop.context, using: &rng)
      if !candidate.needsLabels { _ = try candidate.prepareForward(shop.forwardTable, context: shop.forwardContext) }
      return (output.spend, candidate.predict(shop.forwardTable, context: shop.forwardContext).spend)
    }
    let (a, b) = (try fitted(), try fitted())
    #expect(a.0.map(\.bitPattern) == b.0.map(\.bitPattern), "\(key): backtest predictions")
    #expect(a.1.map(\.bitPattern) == b.1.map(\.bitPattern), "\(key): forward predictions")
  }

  /// Degenerate data — one customer, in the train split for some seeds and not for others —
  /// gives a typed ``CandidateError`` (the run reports the model as not fitted) or finite
  /// predictions, never a crash or another kind of error.
  @Test(arguments: keys)
  func oneCustomerGivesATypedErrorOrFinitePredictions(_ key: String) throws {
    let descriptor = try #require(CandidateRegistry.standard[key])
    var outcomes = Set<String>()
    for seed: UInt64 in [1, 2, 3, 4, 5, 6] {
      let settings = try RunSettings.parse([
        "--transactions", ReleaseCrashCaseTests.oneCustomerLog, "--seed", "\(seed)", "--mlp-epochs", "4",
      ])
      let shop = try ContractShop(settings: settings)
      #expect(shop.dataset.features.rowCount == 1 && shop.forwardTable.rowCount == 1)
      var candidate = descriptor.candidate(settings)
      var rng = SplitMix64(seed: seed)
      do {
        let (output, _) = try candidate.fit(shop.dataset, context: shop.context, using: &rng)
        Self.checkOutput(output, rows: 1, "\(key) one customer, seed \(seed)")
        if !candidate.needsLabels { _ = try candidate.prepareForward(shop.forwardTable, context: shop.forwardContext) }
        Self.checkOutput(candidate.predict(shop.forwardTable, context: shop.forwardContext), rows: 1, "\(key) forward")
        outcomes.insert("fitted")
      } catch let error as CandidateError {
        #expect(!error.description.isEmpty)
        outcomes.insert("\(error)")
      }
    }
    // Every model that learns from labels meets both cases over these seeds; the blend learns
    // its weights from validation customers, which a one-customer shop never has.
    if descriptor.candidate(ContractShop.fixture.settings).needsLabels, descriptor.family.id != "ensemble" {
      let both = outcomes.contains("fitted") && outcomes.contains("\(CandidateError.noTrainingRows)")
      #expect(both, "\(key): \(outcomes)")
    }
  }

  @Test func theRegistryNamesEveryModelOnceWithItsKinds() {
    let r = CandidateRegistry.standard
    #expect(r.reference.key == "baseline")
    #expect(Set(r.keys).count == r.keys.count)
    #expect(r.families.map(\.id) == ["reference", "probabilistic", "neural", "trees", "ensemble"])
    #expect(r.descriptors.allSatisfy { !$0.summary.isEmpty && !$0.methodNotes.isEmpty })
    // `--models` takes any key of the registry and always adds the reference model.
    #expect(throws: PipelineError.self) { _ = try r.candidates(["xgboost"], settings: ContractShop.fixture.settings) }
    let picked = try? r.candidates(["mlp-mse"], settings: ContractShop.fixture.settings).map(\.key)
    #expect(picked == ["baseline", "mlp-mse"])
  }
}
