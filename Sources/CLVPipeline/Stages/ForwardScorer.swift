import CLVFeatures
import CLVModels

/// Per-customer forward predictions: what `predictions.csv` holds.
struct ForwardPredictions: Sendable {
  /// Customer ids, ascending.
  var ids: [String]
  /// The champion's predicted spend in the horizon.
  var predictedSpend: [Double]
  /// The champion's discounted value in the horizon × margin.
  var predictedCLV: [Double]
  /// Probability of any purchase in the horizon (ZILN head), if that model ran.
  var purchaseProbability: [Double]?
  /// P(alive) from the probabilistic model, if it ran.
  var probabilityAlive: [Double]?
  /// The probabilistic model's expected spend in the horizon, if it ran.
  var btydExpectedSpend: [Double]?
  /// 1 − purchase probability, or 1 − P(alive) when there is no ZILN model.
  var churnRisk: [Double]
  /// Ends of each customer's 80% interval of spend in the horizon (``IntervalStage``), if calibrated.
  var spendLower: [Double]?
  var spendUpper: [Double]?
  /// Segment name and recommended action of each customer, once segmented.
  var segment: [String]?
  var action: [String]?
  /// Each customer's history in the lifetimes convention (the models' inputs).
  var history: LifetimesSummary?
  /// Reasons in words of the explained rows, by row (none for the others), once a
  /// background is set.
  var reasons: [Int: String]?
  /// The explained customers' reasons, by customer id.
  var explained: [String: [CustomerReason]] = [:]
}

/// Turns features as of the as-of date into forward predictions with the
/// champion and its two companions (the probabilistic model for P(alive), the
/// ZILN model for the purchase probability). `clv report` and `clv score` both
/// predict through this one type, so their outputs agree exactly.
struct ForwardScorer: Sendable {
  var champion: any Candidate
  /// The first model of the run with P(alive) (``CandidateCapability/probabilityAlive``).
  var aliveCompanion: (any Candidate)?
  /// The first model of the run with a purchase probability.
  var purchaseCompanion: (any Candidate)?
  var context: ModelContext
  /// Segments and actions, once fitted (nil: those columns stay empty).
  var segmentation: SegmentationModel?
  /// The champion's calibrated intervals (nil: the interval columns stay empty).
  var intervals: SpendIntervals?
  /// Background of the per-customer reasons and their seed (nil: no reasons column).
  var reasons: CustomerReasons?
  var reasonSeed: UInt64 = 0
  /// The customers to explain instead of the table's own watch-list (nil: the watch-list).
  /// A part of the customers (a Spark partition) passes the customers the whole run
  /// explained: each customer's reasons depend only on its own row, the background and its
  /// id (``CustomerReasons/hash(_:)``), but which customers are explained is a choice
  /// across all of them (the 100 most valuable at risk).
  var explaining: Set<String>?

  /// Predictions for every row; with `explaining` (and a reasons background) also the
  /// reasons of the customers ``CustomerReasons`` picks.
  func predict(_ table: FeatureTable, explaining: Bool = true) -> ForwardPredictions {
    let (c, b, z) = predictModels(table)
    let factor = context.margin * context.evenSpreadDiscountFactor
    let value = c.discountedValue ?? c.spend.map { $0 * factor }
    let purchase = c.purchaseProbability ?? z?.purchaseProbability
    let alive = c.probabilityAlive ?? b?.probabilityAlive
    let churn: [Double]
    if let purchase {
      churn = purchase.map { 1 - $0 }
    } else if let alive {
      churn = alive.map { $0.isFinite ? 1 - $0 : 1 }
    } else {
      churn = Array(repeating: .nan, count: table.rowCount)
    }
    var p = ForwardPredictions(
      ids: table.rowIDs, predictedSpend: c.spend, predictedCLV: value, purchaseProbability: purchase,
      probabilityAlive: alive, btydExpectedSpend: b?.spend ?? (c.probabilityAlive == nil ? nil : c.spend),
      churnRisk: churn)
    p.history = LifetimesSummary(table)
    assignIntervals(&p)
    assignSegments(&p, table: table)
    if explaining, let reasons { explain(&p, table: table, with: reasons) }
    return p
  }

  /// The champion's, the P(alive) companion's and the purchase companion's outputs for
  /// `table`, every model predicting once, side by side (``ParallelPredictions``): a blend
  /// champion's members (``BlendCandidate/predictingMembers``) and the companions that are
  /// none of them. A companion that is the champion or one of its members (the same fitted
  /// model, ``ParallelPredictions/same(_:_:)``) reuses that output: a companion's P(alive),
  /// spend and purchase probability are the same bits whoever predicts them.
  func predictModels(_ table: FeatureTable) -> (CandidateOutput, CandidateOutput?, CandidateOutput?) {
    let blend = champion as? BlendCandidate
    let own: [any Candidate] = blend?.members ?? [champion]
    var models: [any Candidate] = blend?.predictingMembers ?? [champion]
    func slot(_ companion: (any Candidate)?) -> Int? {
      guard let companion else { return nil }
      if let j = own.firstIndex(where: { ParallelPredictions.same($0, companion) }) { return j }
      models.append(companion)
      return models.count - 1
    }
    let alive = slot(aliveCompanion)
    let purchase = slot(purchaseCompanion)
    let outputs = ParallelPredictions.of(models, table: table, context: context)
    let c = blend.map { $0.combined(Array(outputs.prefix($0.members.count)), context: context) } ?? outputs[0]
    return (c, alive.map { outputs[$0] }, purchase.map { outputs[$0] })
  }

  /// Fills the interval columns from ``intervals`` around the champion's spend (nothing
  /// without intervals).
  func assignIntervals(_ p: inout ForwardPredictions) {
    guard let intervals else { return }
    let ends = p.predictedSpend.map { intervals.interval($0) }
    p.spendLower = ends.map(\.lower)
    p.spendUpper = ends.map(\.upper)
  }

  /// Fills the segment and action columns from ``segmentation`` (nothing without one).
  func assignSegments(_ p: inout ForwardPredictions, table: FeatureTable) {
    guard let segmentation else { return }
    let (buyers, raw) = SegmentStage.buyerRows(table: table, forward: p)
    let labels = segmentation.labels(consume raw)
    var segment = Array(repeating: SegmentationModel.prospectName, count: table.rowCount)
    var action = Array(repeating: SegmentationModel.prospectAction, count: table.rowCount)
    for (i, label) in zip(buyers, labels) {
      segment[i] = segmentation.names[label]
      action[i] = segmentation.actions[label]
    }
    p.segment = segment
    p.action = action
  }

  /// Fills the reasons of the customers ``CustomerReasons/selection(table:value:churn:)``
  /// picks: sampled Shapley values of the champion's predicted spend.
  func explain(_ p: inout ForwardPredictions, table: FeatureTable, with reasons: CustomerReasons) {
    let rows =
      explaining.map { ids in table.rowIDs.indices.filter { ids.contains(table.rowIDs[$0]) } }
      ?? CustomerReasons.selection(table: table, value: p.predictedCLV, churn: p.churnRisk)
    let features = champion.usedFeatures ?? (table.numeric.map(\.name) + table.categorical.map(\.name))
    let champion = self.champion, context = self.context
    let phi = reasons.shapley(table: table, rows: rows, features: features, seed: reasonSeed) {
      champion.predict($0, context: context).spend
    }
    var text = [Int: String]()
    for (r, row) in rows.enumerated() {
      let list = reasons.reasons(table: table, row: row, features: features, phi: phi[r])
      text[row] = ReasonWording.line(list)
      p.explained[table.rowIDs[row]] = list
    }
    p.reasons = text
  }
}
