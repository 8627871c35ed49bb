import CLVMath
import CLVModels
import Testing

@testable import CLVEvaluation

/// The whole segment workflow as the pipeline wires it: standardise → K-Means →
/// profiles on raw features → names → actions → watch-list, on three synthetic groups
/// built to be "Champions", "At risk — high value" and "Hibernating".
@Suite struct SegmentWorkflowTests {
  @Test func threeGroupsGetTheirNamesAndActions() throws {
    // Group means: recency, frequency, monetary, tenure; predicted CLV; churn risk.
    let groups: [(features: [Double], clv: Double, churn: Double)] = [
      ([10, 20, 500, 700], 1_000, 0.1),
      ([200, 15, 400, 600], 600, 0.7),
      ([150, 2, 50, 300], 30, 0.6),
    ]
    var rng = SplitMix64(seed: 2024)
    var rows = [[Double]]()
    var clv = [Double]()
    var churn = [Double]()
    var ids = [String]()
    for (g, group) in groups.enumerated() {
      for i in 0..<100 {
        rows.append(group.features.map { $0 * (1 + 0.05 * rng.nextNormal()) })
        clv.append(group.clv * (1 + 0.1 * rng.nextNormal()))
        churn.append(min(1, max(0, group.churn + 0.05 * rng.nextNormal())))
        ids.append("g\(g)-\(i)")
      }
    }
    let raw = Matrix(rowArrays: rows)
    // z-scores for clustering: K-Means is scale-sensitive.
    var z = raw
    for j in 0..<raw.columns {
      let col = raw.column(j)
      let mean = col.reduce(0, +) / Double(col.count)
      let sd = (col.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(col.count)).squareRoot()
      for i in 0..<raw.rows { z[i, j] = (raw[i, j] - mean) / sd }
    }
    let model = KMeans(clusterCount: 3, initCount: 3).fit(z, using: &rng)
    let truth = (0..<300).map { $0 / 100 }
    #expect(AdjustedRandIndex.score(model.labels, truth) >= 0.99)

    let profiles = SegmentNamer().name(
      SegmentProfiler.profile(
        featureNames: ["recency", "frequency", "monetary", "tenure"], features: raw,
        labels: model.labels, predictedValue: clv, churnRisk: churn))
    // The segment holding customer 0 of each group.
    func profile(ofGroup g: Int) -> SegmentProfile? {
      profiles.first { $0.segment == model.labels[g * 100] }
    }
    #expect(profile(ofGroup: 0)?.name == "Champions")
    #expect(profile(ofGroup: 1)?.name == "At risk — high value")
    #expect(profile(ofGroup: 2)?.name == "Hibernating")

    let catalogue = try ActionCatalogueTests.catalogue()
    let atRisk = try #require(profile(ofGroup: 1))
    #expect(try catalogue.recommend(for: atRisk).map(\.actionID) == ["winback"])
    let champions = try #require(profile(ofGroup: 0))
    #expect(try catalogue.recommend(for: champions).map(\.actionID) == ["champions_referral"])

    let names = Dictionary(uniqueKeysWithValues: profiles.map { ($0.segment, $0.name) })
    let watch = ChurnWatchList(threshold: 0.5, limit: 10).build(
      customerIDs: ids, predictedValue: clv, churnRisk: churn, recency: raw.column(0),
      frequency: raw.column(1), labels: model.labels, segmentNames: names)
    // The most valuable at-risk customers are all in group 1.
    #expect(watch.count == 10)
    #expect(watch.allSatisfy { $0.customerID.hasPrefix("g1-") && $0.segmentName == "At risk — high value" })
    #expect(zip(watch, watch.dropFirst()).allSatisfy { $0.predictedValue >= $1.predictedValue })
  }
}
