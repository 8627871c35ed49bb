import CLVMath
import Testing

@testable import CLVPipeline

/// The blend's weights are scaled so that its total over the validation customers is their
/// actual total, as every label-trained candidate's ``TotalCalibration``.
@Suite(.serialized) struct BlendTotalTests {
  @Test func theBlendMatchesTheValidationTotal() throws {
    let shop = ContractShop.fixture
    var blend = try #require(CandidateRegistry.standard["blend"]).candidate(shop.settings)
    var rng = SplitMix64(seed: 4)
    _ = try blend.fit(shop.dataset, context: shop.context, using: &rng)
    let fitted = try #require(blend as? BlendCandidate)
    let validation = shop.dataset.indices(of: .validation)
    let features = shop.dataset.features.selectingRows(validation)
    let predicted = fitted.predict(features, context: shop.context).spend.reduce(0, +)
    let actual = validation.map { shop.dataset.labels[$0] }.reduce(0, +)
    #expect(actual > 0)
    #expect(abs(predicted / actual - 1) < 1e-9, "validation total ratio \(predicted / actual)")
  }
}

/// The log-link blend matches the validation total and then applies the control-variate
/// correction it reports in its settings (``TotalControlVariate``): its validation total is
/// the actual total times that factor, and the factor came from the label-free members.
@Suite(.serialized) struct LogLinkBlendTotalTests {
  @Test func theLogLinkBlendsTotalIsTheCorrectedValidationTotal() throws {
    let shop = ContractShop.fixture
    var blend = try #require(CandidateRegistry.standard["blend-log"]).candidate(shop.settings)
    var rng = SplitMix64(seed: 4)
    let (_, details) = try blend.fit(shop.dataset, context: shop.context, using: &rng)
    let fitted = try #require(blend as? BlendCandidate)
    let line = try #require(details.hyperparameters.first { $0.0 == "total correction" }?.1)
    #expect(line.contains("baseline, bgnbd"), "\(line)")
    let factor = try #require(Double(line.dropFirst(2).prefix { $0 != " " }))
    let validation = shop.dataset.indices(of: .validation)
    let features = shop.dataset.features.selectingRows(validation)
    let predicted = fitted.predict(features, context: shop.context).spend.reduce(0, +)
    let actual = validation.map { shop.dataset.labels[$0] }.reduce(0, +)
    #expect(actual > 0 && factor != 1)
    #expect(abs(predicted / actual / factor - 1) < 1e-4, "ratio \(predicted / actual), factor \(factor)")
  }
}
