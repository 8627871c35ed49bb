import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVModels
import Foundation

/// Segments of the forward customers: K-Means over standardised RFM, tenure,
/// predicted CLV and churn risk (k chosen by silhouette unless forced), a 2-D
/// PCA picture, profiles, names, actions and the churn watch-list.
struct SegmentOutcome: Sendable {
  var model: SegmentationModel
  var selection: ClusterCountSelection?
  var pca: PCAModel
  /// Down-sampled PCA points: (pc1, pc2, label).
  var points: [(Double, Double, Int)]
  var profiles: [SegmentProfile]
  var actions: [RecommendedAction]
  var watchList: [ChurnWatchListEntry]
  /// Customers without a purchase, put in the prospects group.
  var prospects: Int

  /// The `segments` section of metrics.json.
  var json: JSONValue {
    [
      "k": .number(Double(model.kmeans.clusterCount)),
      "chosen_by": .string(
        selection == nil
          ? "forced (--segments)"
          : "largest k with silhouette within \(Format.pct(SegmentStage.silhouetteTolerance, 0)) of the best"),
      "silhouette": .array(
        (selection?.candidates ?? []).map {
          ["k": .number(Double($0.clusterCount)), "silhouette": .finite($0.silhouette), "inertia": .finite($0.inertia)]
        }),
      "inertia": .finite(model.kmeans.inertia),
      "iterations": .number(Double(model.kmeans.iterations)),
      "profiles": JSONValue(encoding: profiles),
      "actions": JSONValue(encoding: actions),
      "prospects": .number(Double(prospects)),
      "pca_explained_variance_ratio": .array(pca.explainedVarianceRatio.map { .finite($0) }),
    ]
  }
}

enum SegmentStage {
  /// Points kept for the PCA scatter (the page stays light at any size).
  static let scatterPoints = 2_000

  /// The cluster counts whose silhouette is compared (fewer when there are few buyers).
  static let clusterCounts = 2...10

  /// The churn watch-list: the most valuable customers whose churn risk is at least the
  /// threshold (the per-customer reasons explain the same rule).
  static let watchListRule = ChurnWatchList(threshold: 0.5, limit: 25)

  /// Silhouette tolerance of ``actionableCount(_:)``.
  static let silhouetteTolerance = 0.10

  /// Customers the clusters are fitted on: all of them up to this many, else a seeded
  /// sample of this many; every customer is then assigned to its nearest centroid. Ten
  /// restarts over millions of customers cost minutes and move the centroids by less
  /// than the restarts differ (see `reports/benchmarks.md`).
  static let fitRows = 200_000

  /// The number of segments: the largest k whose silhouette is within 10% of the
  /// best. Silhouette alone often prefers k = 2 (valuable vs the rest), which gives
  /// a marketing team little to act on; a nearly-as-well separated finer split is
  /// more useful, and a clearly worse one is never taken.
  static func actionableCount(_ s: ClusterCountSelection) -> Int {
    let best = s.candidates.map(\.silhouette).max() ?? 0
    return s.candidates.filter { $0.silhouette >= best * (1 - silhouetteTolerance) }.map(\.clusterCount).max()
      ?? s.chosenClusterCount
  }

  /// The clustering inputs of the customers with a purchase, as one flat row-major
  /// buffer of ``SegmentationModel/featureNames``-many columns (no array per customer:
  /// at 1.9M customers per-row arrays cost ≈ 180 MB each time they were built).
  static func buyerRows(table: FeatureTable, forward: ForwardPredictions) -> (buyers: [Int], raw: Matrix) {
    let recency = table.numeric(.recencyDays)!.values
    let frequency = table.numeric(.frequency)!.values
    let monetary = table.numeric(.meanOrderValue)!.values
    let tenure = table.numeric(.tenureDays)!.values
    var buyers: [Int] = []
    var values: [Double] = []
    values.reserveCapacity(table.rowIDs.count * SegmentationModel.featureNames.count)
    for i in table.rowIDs.indices {
      guard
        let row = SegmentationModel.rawRow(
          recency: recency[i], frequency: frequency[i], monetary: monetary[i], tenure: tenure[i],
          clv: forward.predictedCLV[i], churn: forward.churnRisk[i])
      else { continue }
      buyers.append(i)
      values.append(contentsOf: row)
    }
    let raw = Matrix(rows: buyers.count, columns: SegmentationModel.featureNames.count, values: values)
    return (buyers, raw)
  }

  /// Fewest customers with a purchase that are segmented.
  static let minimumBuyers = 20

  /// Why the customers of `forward` cannot be segmented, or nil when they can. Counts
  /// the buyers without building their rows (``SegmentationModel/rawRow``'s rule).
  static func unavailable(table: FeatureTable, forward: ForwardPredictions) -> String? {
    let recency = table.numeric(.recencyDays)!.values
    let frequency = table.numeric(.frequency)!.values
    let tenure = table.numeric(.tenureDays)!.values
    var buyers = 0
    var churnKnown = true
    for i in table.rowIDs.indices where SegmentationModel.isBuyer(recency[i], frequency[i], tenure[i]) {
      buyers += 1
      churnKnown = churnKnown && forward.churnRisk[i].isFinite
    }
    if buyers < minimumBuyers {
      let have = buyers == 1 ? "1 customer has" : "\(buyers) customers have"
      return "only \(have) a purchase; segments need at least \(minimumBuyers)."
    }
    if !churnKnown {
      return "no model of this run gives a churn risk, one of the segmentation's dimensions."
    }
    return nil
  }

  /// The segments, or nil when ``unavailable(table:forward:)`` gives a reason.
  static func run(
    table: FeatureTable, forward: ForwardPredictions, forcedCount: Int?, catalogue: ActionCatalogue, seed: UInt64
  ) -> SegmentOutcome? {
    guard unavailable(table: table, forward: forward) == nil else { return nil }
    let (buyers, raw) = buyerRows(table: table, forward: forward)
    let (n, d) = (raw.rows, raw.columns)
    // Sums run over the customers in order, column by column, as a reduce would.
    let means = (0..<d).map { j in (0..<n).reduce(0) { $0 + raw[$1, j] } / Double(n) }
    let deviations = (0..<d).map { j -> Double in
      let v = (0..<n).reduce(0) { $0 + (raw[$1, j] - means[j]) * (raw[$1, j] - means[j]) } / Double(n)
      return v > 0 ? v.squareRoot() : 1
    }
    var rng = SplitMix64(seed: seed ^ 0x5E67_E475)
    // One buffer of every buyer's inputs at a time (≈ 90 MB at 1.9M customers): the raw rows
    // are standardised in place, and built again for the profiles once the clustering and
    // the picture are done with the standardised ones.
    let selection: ClusterCountSelection?
    let kmeans: KMeansModel
    let labels: [Int]
    let pca: PCAModel
    let points: [(Double, Double, Int)]
    do {
      let x = SegmentationModel.standardised(consume raw, means: means, deviations: deviations)
      let fitX =
        x.rows > fitRows ? x.selectingRows(Silhouette.sampleRows(count: x.rows, sampleSize: fitRows, using: &rng)) : x
      if let k = forcedCount {
        selection = nil
        kmeans = KMeans(clusterCount: min(max(1, k), buyers.count)).fit(fitX, using: &rng)
      } else {
        let s = KMeans.chooseClusterCount(
          fitX, candidates: clusterCounts.lowerBound...min(clusterCounts.upperBound, buyers.count - 1), using: &rng)
        selection = s
        let k = actionableCount(s)
        kmeans = k == s.chosenClusterCount ? s.model : KMeans(clusterCount: k).fit(fitX, using: &rng)
      }
      labels = kmeans.predict(x)
      pca = PCA().fit(x)
      var order = Array(0..<x.rows)
      order.seededShuffle(using: &rng)
      let kept = order.prefix(scatterPoints).sorted()
      // Only the drawn points are projected (each row's projection is its own).
      let projected = pca.transform(x.selectingRows(kept), components: 2)
      points = kept.indices.map { (projected[$0, 0], projected[$0, 1], labels[kept[$0]]) }
    }
    let value = buyers.map { forward.predictedCLV[$0] }
    let churn = buyers.map { forward.churnRisk[$0] }
    // The profiles read the features on their own scale: every log1p column back
    // through expm1, churn risk as it is (the rows built again, turned in place).
    var natural = buyerRows(table: table, forward: forward).raw.values
    for i in 0..<n { for j in 0..<(d - 1) { natural[i * d + j] = expm1(natural[i * d + j]) } }
    var profiles = SegmentProfiler.profile(
      featureNames: SegmentationModel.featureNames, features: Matrix(rows: n, columns: d, values: natural),
      labels: labels, predictedValue: value, churnRisk: churn)
    natural = []
    profiles = SegmentNamer().name(profiles)
    let actions = (try? catalogue.recommend(for: profiles)) ?? []
    let names = (0..<kmeans.clusterCount).map { k in profiles.first { $0.segment == k }?.name ?? "Segment \(k + 1)" }
    let headline = (0..<kmeans.clusterCount).map { k in actions.first { $0.segment == k }?.action ?? "" }
    // The saved model keeps the centroids only, not the training labels (model.json
    // would otherwise grow with the number of customers).
    let compact = KMeansModel(
      centroids: kmeans.centroids, labels: [], inertia: kmeans.inertia, iterations: kmeans.iterations,
      converged: kmeans.converged, inertiaHistory: [])
    let model = SegmentationModel(
      features: SegmentationModel.featureNames, means: means, deviations: deviations, kmeans: compact, names: names,
      actions: headline)
    let watch = watchListRule.build(
      customerIDs: buyers.map { table.rowIDs[$0] }, predictedValue: value, churnRisk: churn,
      recency: buyers.map { table.numeric(.recencyDays)!.values[$0] },
      frequency: buyers.map { table.numeric(.frequency)!.values[$0] }, labels: labels,
      segmentNames: Dictionary(uniqueKeysWithValues: names.enumerated().map { ($0.offset, $0.element) }))
    return SegmentOutcome(
      model: model, selection: selection, pca: pca, points: points, profiles: profiles, actions: actions,
      watchList: watch, prospects: table.rowIDs.count - buyers.count)
  }
}
