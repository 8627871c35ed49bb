import CLVEvaluation
import CLVFeatures
import CLVMath

/// Explanations of the champion on the test split.
struct Explanations: Sendable {
  /// Permutation importance per raw feature (a categorical attribute is one feature).
  var importance: PermutationImportanceResult
  /// Partial dependence of predicted spend on the most important numeric features.
  var partialDependence: [(feature: String, curve: PartialDependenceCurve)]
  /// Test metrics per segment-like group: per level of each profile attribute.
  var errorByGroup: [(group: String, level: String, metrics: RegressionMetrics)]
  /// Largest under- and over-predictions: (customer, predicted, actual).
  var largestUnder: [(String, Double, Double)]
  var largestOver: [(String, Double, Double)]
}

/// Permutation importance, partial dependence and error analysis of the champion.
enum ExplainStage {
  /// Rows used for partial dependence (a seeded sample of the test split).
  static let dependenceRows = 400
  /// Features given a partial-dependence curve.
  static let dependenceFeatures = 3
  /// Test rows that permutation importance re-predicts at most (a seeded sample beyond
  /// that): it predicts them once per feature and repeat, the costliest part of
  /// explaining a large shop, and 5,000 rows pin a Gini drop down to about ±0.01.
  static let importanceRows = 5_000

  static func run(
    backtest: BacktestOutcome, champion: ModelRun, context: ModelContext, repeats: Int, seed: UInt64
  ) -> Explanations {
    let data = backtest.dataset
    let test = data.indices(of: .test)
    let table = data.features.selectingRows(test)
    let actual = test.map { data.labels[$0] }
    let view = TableMatrix(table)
    let used = champion.candidate.usedFeatures
    let groups = view.names.enumerated()
      .filter { used == nil || used!.contains($0.element) }
      .map { CLVEvaluation.FeatureGroup(name: $0.element, columns: [$0.offset]) }
    let candidate = champion.candidate
    let predict: (Matrix) -> [Double] = { candidate.predict(view.table($0), context: context).spend }
    var rng = SplitMix64(seed: seed ^ 0x1A2B_3C4D)
    var importanceView = view
    var importanceActual = actual
    if test.count > importanceRows {
      var order = Array(test.indices)
      var sampler = SplitMix64(seed: seed ^ 0x5A3F)
      order.seededShuffle(using: &sampler)
      let kept = Array(order.prefix(importanceRows)).sorted()
      importanceView = TableMatrix(table.selectingRows(kept))
      importanceActual = kept.map { actual[$0] }
    }
    let importancePredict: (Matrix) -> [Double] = { candidate.predict(importanceView.table($0), context: context).spend }
    let importance = PermutationImportance(repeats: max(1, repeats)).compute(
      features: importanceView.matrix, actual: importanceActual, groups: groups, using: &rng, predict: importancePredict)

    // Partial dependence on the top numeric features, over a seeded sample of rows.
    var sampleRows = Array(0..<view.matrix.rows)
    sampleRows.seededShuffle(using: &rng)
    let sample = view.matrix.selectingRows(Array(sampleRows.prefix(dependenceRows)).sorted())
    let numericCount = view.numericNames.count
    let top = importance.features
      .filter { $0.columns.count == 1 && $0.columns[0] < numericCount && ($0.giniDropMean ?? 0) > 0 }
      .prefix(dependenceFeatures)
    let pd = PartialDependence()
    let curves = top.map { f in (f.name, pd.compute(features: sample, column: f.columns[0], predict: predict)) }

    // Error analysis: metrics per level of each categorical profile attribute.
    let predicted = test.map { champion.output.spend[$0] }
    var byGroup = [(String, String, RegressionMetrics)]()
    for col in table.categorical {
      let rows = GroupMetrics.evaluate(predicted: predicted, actual: actual, groups: col.values.map { $0 ?? "(missing)" })
      for row in rows where row.metrics.count >= 20 { byGroup.append((col.name, row.group, row.metrics)) }
    }
    let extremes = ResidualExtremes(predicted: predicted, actual: actual, count: 10)
    let under = extremes.underPredicted.map { (table.rowIDs[$0.index], $0.predicted, $0.actual) }
    let over = extremes.overPredicted.map { (table.rowIDs[$0.index], $0.predicted, $0.actual) }
    return Explanations(
      importance: importance, partialDependence: curves, errorByGroup: byGroup, largestUnder: under,
      largestOver: over)
  }
}
