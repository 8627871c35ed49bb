import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVModels

/// The blended champion candidate: a ``NonNegativeBlend`` of the other candidates'
/// predicted spend, weights fitted by non-negative least squares on the validation
/// customers.
///
/// It is fitted after the other candidates, from their validation predictions. Its own
/// validation predictions are cross-fitted (``folds`` folds, each predicted with weights
/// fitted on the others), so the champion rule compares it with the other candidates on
/// rows its weights did not see; the test split is never used. Members whose weight is 0
/// are dropped.
struct BlendCandidate: CombiningCandidate {
  let descriptor: CandidateDescriptor
  /// The members with a positive weight, fitted, in the order of the model table (before
  /// fitting on its own: the members to fit, ``standaloneMembers``).
  var members: [any Candidate]
  var readsActivity: Bool { members.contains { $0.readsActivity } }
  var blend: NonNegativeBlend
  let needsLabels = true

  /// What a blend fitted on its own (outside a run, which blends the runs it has) combines.
  static let standaloneMembers: [CandidateDescriptor] = [.baseline, .bgnbd, .gbtTweedie]

  enum StateKeys: String, CodingKey { case members, weights }

  /// Folds of the cross-fitted validation predictions.
  static let folds = 5

  /// Builds the blend from fitted runs (validation predictions in `runs[j].output`).
  /// Nil when fewer than two runs have finite predictions or every weight is 0.
  func combine(
    runs: [ModelRun], dataset: BacktestDataset, seed: UInt64
  ) throws
    -> (any Candidate, CandidateOutput, FitDetails)
  {
    guard let fitted = Self.fit(descriptor: descriptor, runs: runs, dataset: dataset, seed: seed) else {
      throw CandidateError.noBlend
    }
    return fitted
  }

  static func fit(
    descriptor: CandidateDescriptor, runs: [ModelRun], dataset: BacktestDataset, seed: UInt64
  )
    -> (BlendCandidate, CandidateOutput, FitDetails)?
  {
    let usable = runs.filter { r in r.output.spend.allSatisfy(\.isFinite) }
    guard usable.count >= 2 else { return nil }
    let validation = dataset.indices(of: .validation)
    let actual = validation.map { dataset.labels[$0] }
    let columns = usable.map { r in validation.map { r.output.spend[$0] } }
    let full = NonNegativeBlend.fit(members: columns, actual: actual)
    let kept = full.weights.indices.filter { full.weights[$0] > 0 }
    guard !kept.isEmpty else { return nil }
    let blend = NonNegativeBlend(weights: kept.map { full.weights[$0] })
    var spend = blend.apply(kept.map { usable[$0].output.spend })
    let crossFitted = NonNegativeBlend.crossFitted(members: columns, actual: actual, folds: folds, seed: seed)
    for (k, i) in validation.enumerated() { spend[i] = crossFitted[k] }
    let candidate = BlendCandidate(descriptor: descriptor, members: kept.map { usable[$0].candidate }, blend: blend)
    var details = FitDetails()
    details.converged = true
    details.weightCount = kept.count
    details.trainingRows = validation.count
    details.hyperparameters =
      [
        ("method", "non-negative least squares on the validation customers, no intercept"),
        ("validation predictions", "cross-fitted: \(folds) folds, each predicted with weights fitted on the others"),
      ]
      + usable.indices.map { j in ("weight: \(usable[j].name)", String(format: "%.3f", full.weights[j])) }
    return (candidate, CandidateOutput(spend: spend), details)
  }

  /// Fits the members on their own (each with its own stream from `rng`), then the
  /// weights. The pipeline uses ``fit(runs:dataset:seed:)`` instead, from the runs it
  /// already has.
  mutating func fit(
    _ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64
  ) throws
    -> (CandidateOutput, FitDetails)
  {
    let validation = data.indices(of: .validation)
    let test = data.indices(of: .test)
    var runs = [ModelRun]()
    for var m in members {
      var stream = rng.split()
      let (output, details) = try m.fit(data, context: context, using: &stream)
      runs.append(
        ModelRun(
          candidate: m, output: output, details: details,
          validation: RegressionMetrics.evaluate(
            predicted: validation.map { output.spend[$0] }, actual: validation.map { data.labels[$0] }),
          test: RegressionMetrics.evaluate(
            predicted: test.map { output.spend[$0] }, actual: test.map { data.labels[$0] }),
          seconds: 0))
    }
    guard let (fitted, output, details) = Self.fit(descriptor: descriptor, runs: runs, dataset: data, seed: rng.next())
    else {
      throw CandidateError.noBlend
    }
    self = fitted
    return (output, details)
  }

  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput {
    let outputs = members.map { $0.predict(table, context: context) }
    let spend = blend.apply(outputs.map(\.spend))
    return CandidateOutput(
      spend: spend, discountedValue: spend.map { $0 * context.margin * context.evenSpreadDiscountFactor })
  }

  /// Permutation importance of the blend without re-predicting what a permutation cannot
  /// change: every member's predictions of the unpermuted rows are computed once; a
  /// permutation re-predicts only the members that read a permuted column (by their
  /// ``Candidate/usedFeatures``; the BTYD models and the baseline read 4 and 2 of them),
  /// through the member's own ``Candidate/permutedRowsModel(for:columns:context:)`` when it
  /// has one (the trees' binned codes), else from one permuted table shared by the rest.
  /// The members' spends are combined by ``NonNegativeBlend/apply(_:)`` in member order, as
  /// in ``predict(_:context:)``, so the importances are those of the slow path bit for bit.
  func permutedRowsModel(for table: FeatureTable, columns: [String], context: ModelContext) -> (any PermutedRowsModel)?
  {
    let view = TableMatrix(table)
    guard view.names == columns else { return nil }
    let index = Dictionary(columns.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    return BlendPermutedRows(
      blend: blend, members: members, view: view, context: context,
      own: members.map { $0.permutedRowsModel(for: table, columns: columns, context: context) },
      reads: members.map { m in m.usedFeatures.map { Set($0.compactMap { index[$0] }) } })
  }

  /// The columns any member reads that `table` lacks, each once.
  func missingColumns(in table: FeatureTable) -> [String] {
    var missing = [String]()
    for m in members { for name in m.missingColumns(in: table) where !missing.contains(name) { missing.append(name) } }
    return missing
  }

  /// Label-free members refit on the forward features, as they would on their own.
  mutating func prepareForward(_ table: FeatureTable, context: ModelContext) throws -> FitDetails? {
    for i in members.indices where !members[i].needsLabels {
      _ = try members[i].prepareForward(table, context: context)
    }
    return nil
  }

  /// Takes the members' forward refits from `pool` (by key) instead of refitting them again.
  mutating func adoptRefits(from pool: [any Candidate]) {
    for i in members.indices where !members[i].needsLabels {
      if let refitted = pool.first(where: { $0.key == members[i].key }) { members[i] = refitted }
    }
  }

  func encodeState(to encoder: any Encoder) throws {
    var state = encoder.container(keyedBy: StateKeys.self)
    try state.encode(members.map(SavedCandidate.init), forKey: .members)
    try state.encode(blend.weights, forKey: .weights)
  }
}

/// ``BlendCandidate``'s members bound to the rows of a table, for ``PermutationImportance``.
struct BlendPermutedRows: PermutedRowsModel {
  let blend: NonNegativeBlend
  let members: [any Candidate]
  /// The rows as a matrix (permuted into `work` for the members without their own path).
  let view: TableMatrix
  var work: Matrix
  let context: ModelContext
  /// Each member's own permuted-rows model, if it has one.
  var own: [(any PermutedRowsModel)?]
  /// The raw columns each member reads (nil: all of them).
  let reads: [Set<Int>?]
  /// Each member's spend of the unpermuted rows.
  let baseline: [[Double]]

  init(
    blend: NonNegativeBlend, members: [any Candidate], view: TableMatrix, context: ModelContext,
    own: [(any PermutedRowsModel)?], reads: [Set<Int>?]
  ) {
    self.blend = blend
    self.members = members
    self.view = view
    self.work = view.matrix
    self.context = context
    self.reads = reads
    let table = view.table(view.matrix)
    var own = own
    var baseline = [[Double]]()
    for j in members.indices {
      baseline.append(own[j]?.predict(permuting: [], by: nil) ?? members[j].predict(table, context: context).spend)
    }
    self.own = own
    self.baseline = baseline
  }

  var rows: Int { view.matrix.rows }

  mutating func predict(permuting columns: [Int], by permutation: [Int]?) -> [Double] {
    guard let permutation else { return blend.apply(baseline) }
    var spends = baseline
    let moved = members.indices.filter { j in reads[j].map { !$0.isDisjoint(with: columns) } ?? true }
    let fromTable = moved.filter { own[$0] == nil }
    if !fromTable.isEmpty {
      MatrixPermutedRows.permute(&work, from: view.matrix, columns: columns, permutation: permutation)
      let table = view.table(work)
      MatrixPermutedRows.restore(&work, from: view.matrix, columns: columns)
      for j in fromTable { spends[j] = members[j].predict(table, context: context).spend }
    }
    for j in moved where own[j] != nil {
      spends[j] = own[j]!.predict(permuting: columns, by: permutation)
    }
    return blend.apply(spends)
  }
}

extension CandidateDescriptor {
  static let blend = CandidateDescriptor(
    key: "blend", name: "Blend (non-negative weights)",
    summary: "non-negative least-squares blend of the other candidates' validation predictions (cross-fitted)",
    family: .ensemble,
    methodNotes: [
      "Blend: non-negative weights over the other candidates' predictions, fitted by least squares on the "
        + "validation customers; its own validation predictions are cross-fitted, so the champion rule sees rows its "
        + "weights did not."
    ],
    make: { d, settings in
      BlendCandidate(
        descriptor: d, members: BlendCandidate.standaloneMembers.map { $0.candidate(settings) },
        blend: NonNegativeBlend(weights: []))
    },
    restore: { d, decoder in
      let state = try decoder.container(keyedBy: BlendCandidate.StateKeys.self)
      let members = try state.decode([SavedCandidate].self, forKey: .members).map(\.candidate)
      let weights = try state.decode([Double].self, forKey: .weights)
      guard members.count == weights.count, !members.isEmpty else {
        throw DecodingError.dataCorruptedError(
          forKey: .weights, in: state, debugDescription: "a blend needs one weight per member")
      }
      return BlendCandidate(descriptor: d, members: members, blend: NonNegativeBlend(restoring: weights))
    })
}

/// A candidate formed from the other candidates' backtest runs (the blend): the backtest
/// fits it after them, and the forward stage hands it their refits.
protocol CombiningCandidate: Candidate {
  /// The fitted candidate, its predictions of every backtest row and its details.
  /// - Throws: why it cannot be formed from `runs`.
  func combine(
    runs: [ModelRun], dataset: BacktestDataset, seed: UInt64
  ) throws
    -> (any Candidate, CandidateOutput, FitDetails)
  /// Takes the forward refits of its members from `pool`.
  mutating func adoptRefits(from pool: [any Candidate])
}
