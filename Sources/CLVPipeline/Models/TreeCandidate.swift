import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVModels
import Foundation

/// Which objective a ``TreeCandidate`` boosts.
enum TreeObjective: String, Sendable, Codable, CaseIterable {
  /// One ensemble, Tweedie loss with log link.
  case tweedie
  /// Purchase classifier × spend-given-purchase regressor.
  case hurdle
}

/// The fitted ensemble(s) of a tree candidate.
enum FittedTrees: Sendable, Codable {
  case tweedie(GradientBoostedModel)
  case hurdle(HurdleBoostedModel)
}

/// Gradient-boosted trees as a candidate: the feature encoder fitted on the training rows
/// (trees only use the order of each column, so the encoder's monotone transforms do not
/// change what they can learn) and histogram boosting with early stopping on the
/// validation customers.
///
/// Trained on the train customers at every backtest origin, like the deep model; at most
/// `--training-rows-per-model` of them (``TrainingRowCap``'s seeded sample beyond that, so
/// the cost stays bounded on large shops; stated in the settings table).
struct TreeCandidate: Candidate {
  let descriptor: CandidateDescriptor
  let objective: TreeObjective
  var encoder: TabularEncoder?
  var model: FittedTrees?
  /// ``TotalCalibration`` fitted on the validation customers.
  var calibration: Double = 1
  let needsLabels = true
  /// The training rows it fits on at most (``TrainingRowCap``).
  var rowCap = TrainingRowCap(limit: nil, seed: 0)

  init(descriptor: CandidateDescriptor, objective: TreeObjective, settings: RunSettings? = nil) {
    self.descriptor = descriptor
    self.objective = objective
    rowCap = TrainingRowCap(settings: settings)
  }

  /// The descriptor of the trees boosted with `objective`.
  static func descriptor(key: String, name: String, summary: String, objective: TreeObjective) -> CandidateDescriptor {
    CandidateDescriptor(
      key: key, name: name, summary: summary, family: .trees,
      methodNotes: [
        "Boosted trees: histogram gradient boosting on all features (bins fitted on the training rows), "
          + "shrinkage, row and feature subsampling from the run's seed, early stopping on validation."
      ],
      capabilities: objective == .hurdle ? [.purchaseProbability] : [],
      make: { d, settings in TreeCandidate(descriptor: d, objective: objective, settings: settings) },
      restore: { d, decoder in
        var c = TreeCandidate(descriptor: d, objective: objective)
        let state = try LearnedState.decode(from: decoder, model: FittedTrees.self)
        (c.encoder, c.model, c.calibration) = (state.tabular, state.model, state.calibration)
        return c
      })
  }

  /// The boosting settings of a run.
  static func settings(_ objective: TreeObjective) -> GradientBoosting {
    GradientBoosting(
      loss: .tweedie(power: 1.5), learningRate: 0.05, maxRounds: 800, patience: 30,
      growth: TreeGrowth(maxLeaves: 31, maxDepth: 8, minLeafRows: 40, l2: 1), rowSubsample: 0.8,
      featureSubsample: 0.8, maxBins: 255)
  }

  mutating func fit(
    _ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64
  ) throws
    -> (CandidateOutput, FitDetails)
  {
    guard !data.trainingLabels.isEmpty else { throw CandidateError.noTrainingRows }
    let n = data.trainingLabels.count
    let rows = rowCap.rows(of: data)
    let sampled = rows.count < n
    let training = sampled ? data.trainingFeatures.selectingRows(rows) : data.trainingFeatures
    let labels = sampled ? rows.map { data.trainingLabels[$0] } : data.trainingLabels
    let encoder = TabularEncoderConfig().fit(training)
    let validation = data.indices(of: .validation)
    let x = encoder.transform(training)
    let vx = encoder.transform(data.features.selectingRows(validation))
    let vy = validation.map { data.labels[$0] }
    // Early stopping watches at most the cap's validation customers; the calibration reads them all.
    let monitor = rowCap.monitorRows(of: data)
    let watched = monitor.count < validation.count
    let mx = watched ? encoder.transform(data.features.selectingRows(monitor)) : vx
    let my = watched ? monitor.map { data.labels[$0] } : vy
    let settings = Self.settings(objective)
    var details = FitDetails()
    switch objective {
    case .tweedie:
      let m = try settings.fit(x: x, y: labels, validationX: mx, validationY: my, using: &rng)
      model = .tweedie(m)
      details.history = m.history.map { ($0.epoch, $0.training, $0.validation) }
      details.bestEpoch = m.bestRound
      details.iterations = m.history.count - 1
      details.weightCount = m.trees.reduce(0) { $0 + $1.leafCount }
    case .hurdle:
      let m = try HurdleBoosting(purchase: settings, spend: settings).fit(
        x: x, y: labels, validationX: mx, validationY: my, using: &rng)
      model = .hurdle(m)
      details.history = m.purchase.history.map { ($0.epoch, $0.training, $0.validation) }
      details.bestEpoch = m.purchase.bestRound
      details.iterations = m.purchase.history.count - 1
      details.weightCount = (m.purchase.trees + m.spend.trees).reduce(0) { $0 + $1.leafCount }
    }
    self.encoder = encoder
    calibration = TotalCalibration.factor(predicted: raw(vx), actual: vy)
    details.converged = true
    details.trainingRows = x.rows
    details.hyperparameters = [
      ("inputs", "\(x.columns) encoded columns"),
      ("loss", objective == .tweedie ? settings.loss.label : "logistic × gamma deviance (log link) on buyers"),
      ("trees", treeSummary),
      (
        "tree size",
        "at most \(settings.growth.maxLeaves) leaves, depth \(settings.growth.maxDepth), \(settings.growth.minLeafRows) rows per leaf, L2 \(settings.growth.l2)"
      ),
      ("shrinkage", "\(settings.learningRate)"),
      (
        "subsampling",
        "\(Int(settings.rowSubsample * 100))% of rows and \(Int(settings.featureSubsample * 100))% of features per tree, from the run's seed"
      ),
      ("bins", "up to \(settings.maxBins) per feature, fitted on the training rows"),
      ("early stopping", "patience \(settings.patience) rounds on the validation loss"),
      ("total calibration", String(format: "× %.3f (validation total actual / predicted)", calibration)),
      (
        "training rows",
        TrainingRowCap.note(used: x.rows, of: n, limit: rowCap.limit, origins: Set(data.trainingOrigin).count)
      ),
    ]
    if let note = TrainingRowCap.monitorNote(used: monitor.count, of: validation.count) {
      details.hyperparameters.append(note)
    }
    return (predict(data.features, context: context), details)
  }

  /// "N trees" or "N purchase + M spend trees".
  var treeSummary: String {
    switch model {
    case .tweedie(let m): return "\(m.trees.count) (best validation round)"
    case .hurdle(let m): return "\(m.purchase.trees.count) purchase + \(m.spend.trees.count) spend"
    case nil: return "none"
    }
  }

  /// Uncalibrated predicted spend (and the hurdle's purchase probability) of encoded rows.
  func raw(_ x: Matrix) -> [Double] { rawWithProbability(x).spend }

  private func rawWithProbability(_ x: Matrix) -> (spend: [Double], probability: [Double]?) {
    switch model {
    case .tweedie(let m): return (m.predict(x), nil)
    case .hurdle(let m):
      let p = m.predict(x)
      return (p.value, p.probability)
    case nil: preconditionFailure("predict before fit")
    }
  }

  /// Permutation importance over the binned codes of `table`'s encoded rows: each
  /// ensemble's codes are computed once and a raw column's permutation moves its encoded
  /// columns' codes (the encoder works column by column, so that is the encoding of the
  /// permuted table). The spend is ``predict(_:context:)``'s, bit for bit.
  func permutedRowsModel(for table: FeatureTable, columns: [String], context: ModelContext) -> (any PermutedRowsModel)?
  {
    guard let encoder, let model else { return nil }
    let parts: [GradientBoostedModel]
    switch model {
    case .tweedie(let m): parts = [m]
    case .hurdle(let m): parts = [m.purchase, m.spend]
    }
    let ensembles = parts.compactMap { BinnedEnsemble($0) }
    guard ensembles.count == parts.count else { return nil }
    let x = encoder.transform(table)
    let encoded = Dictionary(encoder.featureGroups.map { ($0.name, $0.columns) }, uniquingKeysWith: { a, _ in a })
    return TreePermutedRows(
      ensembles: ensembles.map { BinnedPermutedScores(ensemble: $0, codes: $0.codes(x)) },
      encoded: columns.map { encoded[$0] ?? [] }, calibration: calibration)
  }

  /// Rows encoded and predicted at a time: at 1.9M customers one Double matrix of every
  /// row was ~0.4 GB (rows × encoded columns × 8 B), two fits at a time in the backtest.
  static let predictionBlock = 1 << 16

  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput {
    predict(table, context: context, blockRows: Self.predictionBlock)
  }

  /// ``predict(_:context:)`` encoding and predicting `blockRows` rows at a time. Each row's
  /// prediction depends on that row only, so any block size gives the same bits.
  func predict(_ table: FeatureTable, context: ModelContext, blockRows: Int) -> CandidateOutput {
    guard let encoder else { preconditionFailure("predict before fit") }
    precondition(blockRows > 0, "blocks of at least one row")
    var raw = [Double]()
    raw.reserveCapacity(table.rowCount)
    var probability: [Double]?
    if case .hurdle? = model { probability = [] }
    probability?.reserveCapacity(table.rowCount)
    for block in stride(from: 0, to: table.rowCount, by: blockRows) {
      let rows = block..<min(table.rowCount, block + blockRows)
      let p = rawWithProbability(encoder.transform(table, rows: rows))
      raw += p.spend
      if let q = p.probability { probability?.append(contentsOf: q) }
    }
    let spend = raw.map { $0 * calibration }
    return CandidateOutput(
      spend: spend, purchaseProbability: probability,
      discountedValue: spend.map { $0 * context.margin * context.evenSpreadDiscountFactor })
  }

  func missingColumns(in table: FeatureTable) -> [String] { encoder?.missingColumns(in: table) ?? [] }

  func encodeState(to encoder: any Encoder) throws {
    try LearnedState.encode(to: encoder, tabular: self.encoder, model: model, calibration: calibration, spendCap: nil)
  }
}

/// ``TreeCandidate``'s ensembles bound to binned rows, for ``PermutationImportance``.
struct TreePermutedRows: PermutedRowsModel {
  /// The Tweedie ensemble, or the hurdle's purchase and spend ensembles, bound to the
  /// rows' codes (each re-walks only the trees a permutation can move).
  let ensembles: [BinnedPermutedScores]
  /// Raw column j → its encoded columns.
  let encoded: [[Int]]
  let calibration: Double

  var rows: Int { ensembles[0].rows }

  func predict(permuting columns: [Int], by permutation: [Int]?) -> [Double] {
    let features = columns.flatMap { encoded[$0] }
    let parts = ensembles.map { $0.predict(permuting: features, by: permutation) }
    // As in the fitted model's predict: the hurdle's P(buy) × spend if buying, then the calibration.
    let raw = parts.count == 1 ? parts[0] : zip(parts[0], parts[1]).map { $0 * $1 }
    return raw.map { $0 * calibration }
  }
}

extension CandidateDescriptor {
  static let gbtTweedie = TreeCandidate.descriptor(
    key: "gbt-tweedie", name: "Boosted trees (Tweedie)",
    summary: "histogram gradient-boosted trees, Tweedie loss with log link (power 1.5)", objective: .tweedie)
  static let gbtHurdle = TreeCandidate.descriptor(
    key: "gbt-hurdle", name: "Boosted trees (hurdle)",
    summary: "boosted purchase classifier × boosted spend of buyers (gamma deviance)", objective: .hurdle)
}
