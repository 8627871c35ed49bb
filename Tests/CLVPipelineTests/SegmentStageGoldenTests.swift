import CLVFeatures
import CLVMath
import CLVTestSupport
import Foundation
import Testing

@testable import CLVPipeline

/// The segments of a fixed, generated customer base, every number in Swift's shortest
/// round-trip form, compared with a golden file: rewriting how the stage holds its
/// buffers must not move a bit of the centroids, profiles, picture, watch-list or
/// assigned segments. Re-record on purpose with `RECORD_SNAPSHOTS=1 swift test`.
@Suite struct SegmentStageGoldenTests {
  /// 3,000 customers, one in seven without a purchase (recency undefined), skewed spend.
  static func customers() -> (FeatureTable, ForwardPredictions) {
    var rng = SplitMix64(seed: 1203)
    func unit() -> Double { Double(rng.next() >> 11) / Double(1 << 53) }
    let n = 3_000
    var recency = [Double](), frequency = [Double](), monetary = [Double](), tenure = [Double]()
    var clv = [Double](), churn = [Double]()
    for i in 0..<n {
      let buyer = i % 7 != 3
      let t = (unit() * 700).rounded()
      recency.append(buyer ? (unit() * t).rounded() : .nan)
      frequency.append(buyer ? (-log(1 - unit()) * 4).rounded() : 0)
      monetary.append(buyer ? exp(3 + unit() * 2) : .nan)
      tenure.append(buyer ? t : .nan)
      clv.append(buyer ? exp(unit() * 6) - 1 : 0)
      churn.append(unit())
    }
    let ids = (0..<n).map { "c\(String(format: "%05d", $0))" }
    let table = FeatureTable(
      rowIDs: ids,
      numeric: [
        NumericColumn(name: FeatureKey.recencyDays.rawValue, values: recency),
        NumericColumn(name: FeatureKey.frequency.rawValue, values: frequency),
        NumericColumn(name: FeatureKey.meanOrderValue.rawValue, values: monetary),
        NumericColumn(name: FeatureKey.tenureDays.rawValue, values: tenure),
      ])
    let forward = ForwardPredictions(
      ids: ids, predictedSpend: clv, predictedCLV: clv, purchaseProbability: nil, probabilityAlive: nil,
      btydExpectedSpend: nil, churnRisk: churn)
    return (table, forward)
  }

  @Test func segmentsOfAFixedCustomerBase() throws {
    let (table, forward) = Self.customers()
    #expect(SegmentStage.unavailable(table: table, forward: forward) == nil)
    let catalogue = try ActionPlaybook.load(templates: PipelineFixture.packageRoot + "/templates")
    let s = try #require(
      SegmentStage.run(table: table, forward: forward, forcedCount: nil, catalogue: catalogue, seed: 42))
    var lines = [String]()
    lines.append("k \(s.model.kmeans.clusterCount), prospects \(s.prospects)")
    lines.append("silhouette \(s.selection?.candidates.map { "\($0.clusterCount):\($0.silhouette)" } ?? [])")
    lines.append("means \(s.model.means)")
    lines.append("deviations \(s.model.deviations)")
    for k in 0..<s.model.kmeans.clusterCount {
      lines.append("centroid \(k) \((0..<s.model.kmeans.centroids.columns).map { s.model.kmeans.centroids[k, $0] })")
    }
    lines.append("inertia \(s.model.kmeans.inertia), iterations \(s.model.kmeans.iterations)")
    lines.append("names \(s.model.names)")
    lines.append("actions \(s.model.actions)")
    for p in s.profiles { lines.append("profile \(p)") }
    lines.append("pca \(s.pca.explainedVarianceRatio)")
    lines.append("points \(s.points.count): \(s.points.prefix(20).map { "(\($0.0), \($0.1), \($0.2))" })")
    // Every point, in order: a sum that moves with any one of them.
    let sums = s.points.enumerated().reduce((0.0, 0.0, 0)) { a, e in
      (a.0 + Double(e.offset + 1) * e.element.0, a.1 + Double(e.offset + 1) * e.element.1, a.2 + (e.offset + 1) * e.element.2)
    }
    lines.append("points weighted sums \(sums)")
    for w in s.watchList { lines.append("watch \(w)") }
    var scorer = ForwardScorer(
      champion: BaselineCandidate(descriptor: .baseline), context: ModelContext(horizonDays: 182, discountRate: 0, margin: 1))
    scorer.segmentation = s.model
    var assigned = forward
    scorer.assignSegments(&assigned, table: table)
    let segment = try #require(assigned.segment)
    let counts = Dictionary(grouping: segment, by: { $0 }).mapValues(\.count).sorted { $0.key < $1.key }
    lines.append("assigned \(counts.map { "\($0.key): \($0.value)" })")
    lines.append("first 40 \(segment.prefix(40).map { String($0.prefix(12)) })")
    assertSnapshot(
      lines.joined(separator: "\n") + "\n", named: "segments-fixed.txt", in: ReportGoldenTests.snapshots)
  }
}
