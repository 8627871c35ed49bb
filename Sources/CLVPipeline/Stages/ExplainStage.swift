import CLVEvaluation
import CLVFeatures
import CLVMath

/// Explanations of the champion on the test split.
struct Explanations: Sendable {
  /// Permutation importance per raw feature (a categorical attribute is one feature).
  var importance: PermutationImportanceResult
  /// Test customers the importance was computed on, of all test customers.
  var importanceRows: Int
  var testRows: Int
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
  /// Test customers permutation importance is computed on: all of them up to this many,
  /// else a seeded sample of this many. The cost is (repeats × features + 1) predictions of
  /// every sampled row through the champion — for a blend, through each member that reads the
  /// shuffled column. On the peer's 1M file (28,731 test customers, a `blend-log` champion)
  /// 10,000 rows kept the ranking of the features; `reports/benchmarks.md` (2026-12-03) has
  /// the figures.
  static let importanceRows = 10_000

  static func run(
    backtest: BacktestOutcome, champion: ModelRun, context: ModelContext, repeats: Int, seed: UInt64
  ) -> Explanations {
    let data = backtest.dataset
    let allTest = data.indices(of: .test)
    let test = sample(allTest, count: importanceRows, seed: seed)
    let fullTable = backtest.testFeatures
    let table = test.count == allTest.count ? fullTable : fullTable.selectingRows(positions(of: test, in: allTest))
    let actual = test.map { data.labels[$0] }
    let view = TableMatrix(table)
    let used = champion.candidate.usedFeatures
    let groups = view.names.enumerated()
      .filter { used == nil || used!.contains($0.element) }
      .map { FeatureGroup(name: $0.element, columns: [$0.offset]) }
    let candidate = champion.candidate
    let predict: (Matrix) -> [Double] = { candidate.predict(view.table($0), context: context).spend }
    var rng = SplitMix64(seed: seed ^ 0x1A2B_3C4D)
    let permutation = PermutationImportance(repeats: max(1, repeats))
    let importance: PermutationImportanceResult
    // A model that can shuffle its own prepared inputs (the trees' binned codes) gives the
    // same predictions without rebuilding and re-encoding the table for every shuffle.
    if var model = candidate.permutedRowsModel(for: table, columns: view.names, context: context) {
      importance = permutation.compute(model: &model, actual: actual, groups: groups, using: &rng)
    } else {
      importance = permutation.compute(
        features: view.matrix, actual: actual, groups: groups, using: &rng, predict: predict)
    }

    // Partial dependence on the top numeric features, over a seeded sample of rows.
    var sampleRows = Array(0..<view.matrix.rows)
    sampleRows.seededShuffle(using: &rng)
    let sample = view.matrix.selectingRows(Array(sampleRows.prefix(dependenceRows)).sorted())
    let numericCount = view.numericNames.count
    let top = importance.features
      .filter { $0.columns.count == 1 && $0.columns[0] < numericCount && ($0.giniDropMean ?? 0) > 0 }
      .prefix(dependenceFeatures)
    let pd = PartialDependence()
    // One curve per unit (``WorkPool``); each depends only on its own column.
    let features = Array(top)
    var computed = [PartialDependenceCurve?](repeating: nil, count: features.count)
    computed.withUnsafeMutableBufferPointer { computed in
      WorkPool.shared.forEach(features.count) { u, _ in
        computed[u] = pd.compute(features: sample, column: features[u].columns[0], predict: predict)
      }
    }
    let curves = zip(features, computed).map { ($0.name, $1!) }

    // Error analysis (every test customer): metrics per level of each categorical profile attribute.
    let predicted = allTest.map { champion.output.spend[$0] }
    let allActual = allTest.map { data.labels[$0] }
    var byGroup = [(String, String, RegressionMetrics)]()
    for col in fullTable.categorical {
      let rows = GroupMetrics.evaluate(
        predicted: predicted, actual: allActual, groups: col.values.map { $0 ?? "(missing)" })
      for row in rows where row.metrics.count >= 20 { byGroup.append((col.name, row.group, row.metrics)) }
    }
    let extremes = ResidualExtremes(predicted: predicted, actual: allActual, count: 10)
    let under = extremes.underPredicted.map { (fullTable.rowIDs[$0.index], $0.predicted, $0.actual) }
    let over = extremes.overPredicted.map { (fullTable.rowIDs[$0.index], $0.predicted, $0.actual) }
    return Explanations(
      importance: importance, importanceRows: test.count, testRows: allTest.count, partialDependence: curves,
      errorByGroup: byGroup, largestUnder: under, largestOver: over)
  }

  /// Where each of `rows` is in `all` (both ascending, `rows` a part of `all`).
  static func positions(of rows: [Int], in all: [Int]) -> [Int] {
    var out = [Int]()
    out.reserveCapacity(rows.count)
    var p = 0
    for r in rows {
      while all[p] != r { p += 1 }
      out.append(p)
    }
    return out
  }

  /// `rows` itself when it has at most `count` elements, else a seeded sample of `count`
  /// of them in their original order (its own stream: the importance shuffles that follow
  /// draw the same numbers whether or not a sample was taken).
  static func sample(_ rows: [Int], count: Int, seed: UInt64) -> [Int] {
    guard rows.count > count else { return rows }
    var rng = SplitMix64(seed: seed ^ 0x5A3B_1E00)
    var shuffled = rows
    shuffled.seededShuffle(using: &rng)
    return Array(shuffled.prefix(count)).sorted()
  }
}
