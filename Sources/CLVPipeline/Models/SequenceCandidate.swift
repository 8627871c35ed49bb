import CLVEvaluation
import CLVFeatures
import CLVMath
import CLVModels
import Foundation

/// The sequence model as a candidate: a temporal convolution over each customer's last
/// ``weeks`` weeks of activity (``WeeklyActivity``: orders, net spend, the most frequent
/// event types) joined with the encoded static features, trained with the ZILN loss on
/// the train customers at every backtest origin (each row's activity as of its origin)
/// and early-stopped on the validation customers at the cutoff.
///
/// At most `--training-rows-per-model` training rows, and never more than
/// ``maximumTrainingRows``, are used (``TrainingRowCap``'s seeded sample beyond that): the
/// activity grids are held in memory for training. Predictions compute the grids chunk by
/// chunk.
struct SequenceCandidate: Candidate {
  let descriptor: CandidateDescriptor
  /// Hidden layer widths of the head and the epoch limit (`--mlp-hidden`, `--mlp-epochs`).
  var hiddenLayers: [Int] = []
  var maxEpochs = 0
  /// The training rows it fits on at most (``TrainingRowCap``, never above ``maximumTrainingRows``).
  var rowCap = TrainingRowCap(limit: SequenceCandidate.maximumTrainingRows, seed: 0)
  var encoder: TabularEncoder?
  var model: TemporalConvModel?
  /// The event types of the activity channels the model was trained on.
  var eventTypes: [String] = []
  /// ``TotalCalibration`` fitted on the validation customers.
  var calibration: Double = 1
  /// ``SpendCap``: the largest training label (nil in a model file from before the cap).
  var spendCap: Double?
  let needsLabels = true
  let readsActivity = true

  init(descriptor: CandidateDescriptor, settings: RunSettings? = nil) {
    self.descriptor = descriptor
    if let settings {
      hiddenLayers = settings.mlpHidden.widths
      maxEpochs = settings.mlpEpochs
    }
    var cap = TrainingRowCap(settings: settings)
    cap.limit = min(cap.limit ?? Self.maximumTrainingRows, Self.maximumTrainingRows)
    rowCap = cap
  }

  /// Weeks of activity per customer.
  static let weeks = 52
  /// Training rows used at most.
  static let maximumTrainingRows = 60_000

  /// The network configuration of a run.
  func settings(channels: Int) -> TemporalConvRegressor {
    TemporalConvRegressor(
      weeks: Self.weeks, channels: channels, kernel: 4, stride: 2, filters: 8, hiddenLayers: hiddenLayers,
      learningRate: 2e-3, batchSize: 256, maxEpochs: min(maxEpochs, 40), weightDecay: 1e-4, patience: 6)
  }

  /// Grids of `ids` as of `asOf(i)`, week-major, one after the other.
  static func grids(_ activity: WeeklyActivity, ids: [String], asOf: (Int) -> Int32) -> [Float] {
    var out = [Float](repeating: 0, count: ids.count * activity.width)
    out.withUnsafeMutableBufferPointer { out in
      for (i, id) in ids.enumerated() {
        activity.fill(id: id, asOf: asOf(i), into: out.baseAddress! + i * activity.width)
      }
    }
    return out
  }

  mutating func fit(
    _ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64
  ) throws
    -> (CandidateOutput, FitDetails)
  {
    guard !data.trainingLabels.isEmpty else { throw CandidateError.noTrainingRows }
    guard let source = context.ledgers else { throw SequenceError.noActivity }
    let activity = WeeklyActivity(builder: source, weeks: Self.weeks)
    let n = data.trainingLabels.count
    let rows = rowCap.rows(of: data)
    let training = rows.count < n ? data.trainingFeatures.selectingRows(rows) : data.trainingFeatures
    let labels = rows.map { data.trainingLabels[$0] }
    let encoder = TabularEncoderConfig().fit(training)
    let validation = data.indices(of: .validation)
    let validationTable = data.features.selectingRows(validation)
    let sequences = Self.grids(activity, ids: training.rowIDs) { data.trainingOrigin[rows[$0]] }
    let vy = validation.map { data.labels[$0] }
    // Early stopping watches at most the cap's validation customers (``TrainingRowCap/monitorRows(of:)``).
    let monitor = rowCap.monitorRows(of: data)
    let monitorTable = monitor.count < validation.count ? data.features.selectingRows(monitor) : validationTable
    let validationSequences = Self.grids(activity, ids: monitorTable.rowIDs) { _ in data.plan.cutoff }
    let config = settings(channels: activity.channels.count)
    let model = try config.fit(
      sequences: sequences, statics: encoder.transform(training), labels: labels,
      validationSequences: validationSequences, validationStatics: encoder.transform(monitorTable),
      validationLabels: monitor.map { data.labels[$0] }, using: &rng)
    self.encoder = encoder
    self.model = model
    eventTypes = activity.eventTypes
    calibration = 1
    spendCap = nil
    let rawValidation = predict(validationTable, context: context).spend
    spendCap = SpendCap.fit(labels: labels)
    calibration = TotalCalibration.factor(
      predicted: rawValidation.map { SpendCap.apply($0, cap: spendCap) }, actual: vy)
    var details = FitDetails()
    details.history = model.history.map { ($0.epoch, $0.training, $0.validation) }
    details.bestEpoch = model.bestEpoch
    details.converged = model.converged
    details.iterations = model.history.count
    details.weightCount = model.parameterCount
    details.trainingRows = rows.count
    details.hyperparameters = [
      (
        "activity",
        "\(Self.weeks) weeks × \(activity.channels.count) channels (\(activity.channels.joined(separator: ", ")); log scale)"
      ),
      (
        "convolution",
        "\(config.filters) filters over \(config.kernel)-week windows every \(config.stride) weeks (\(model.positions) windows), ReLU, kept in time order"
      ),
      ("static inputs", "\(model.staticCount) encoded columns, joined after the convolution"),
      ("head", config.hiddenLayers.map(String.init).joined(separator: " × ") + ", ReLU, ZILN outputs"),
      (
        "optimiser",
        "AdamW, learning rate \(config.learningRate), weight decay \(config.weightDecay), batch \(config.batchSize)"
      ),
      (
        "early stopping",
        "patience \(config.patience) on validation loss, best weights restored (max \(config.maxEpochs) epochs)"
      ),
      (
        "training rows",
        TrainingRowCap.note(
          used: rows.count, of: n, limit: rowCap.limit, origins: Set(data.trainingOrigin).count)
      ),
      ("total calibration", String(format: "× %.3f (validation total actual / predicted)", calibration)),
    ]
    if let note = TrainingRowCap.monitorNote(used: monitor.count, of: validation.count) {
      details.hyperparameters.append(note)
    }
    if let note = SpendCap.note(raw: rawValidation, cap: spendCap) { details.hyperparameters.append(note) }
    return (predict(data.features, context: context), details)
  }

  /// Rows encoded and predicted at a time (a multiple of the network's 512-row chunk).
  static let predictionBlock = 128 * 512

  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput {
    guard let encoder, let model else { preconditionFailure("predict before fit") }
    // The pipeline and `clv score` always pass the ledgers, and feature tables carry their as-of day.
    guard let ledgers = context.ledgers, let asOf = table.asOfDay else {
      preconditionFailure("the sequence model predicts from the ledgers as of the table's day")
    }
    let activity = WeeklyActivity(builder: ledgers, weeks: Self.weeks, eventTypes: eventTypes)
    let ids = table.rowIDs
    // The static features are encoded a block of rows at a time: at 1.9M customers one
    // Double matrix of every row was ~0.4 GB. The block is a multiple of the model's own
    // 512-row chunk, so every row goes through the same arithmetic as in one call.
    var value = [Double]()
    var probability = [Double]()
    value.reserveCapacity(table.rowCount)
    probability.reserveCapacity(table.rowCount)
    for block in stride(from: 0, to: table.rowCount, by: Self.predictionBlock) {
      let rows = block..<min(table.rowCount, block + Self.predictionBlock)
      let statics = encoder.transform(table, rows: rows)
      let p = model.predict(rows: rows.count, statics: statics) { first, count, out in
        for i in 0..<count { activity.fill(id: ids[block + first + i], asOf: asOf, into: out + i * activity.width) }
      }
      value += p.value
      probability += p.purchaseProbability ?? []
    }
    let spend = spend(value)
    return CandidateOutput(
      spend: spend, purchaseProbability: probability,
      discountedValue: spend.map { $0 * context.margin * context.evenSpreadDiscountFactor })
  }

  /// The predicted spend from the network's values: capped (``SpendCap``), then calibrated.
  func spend(_ value: [Double]) -> [Double] { value.map { SpendCap.apply($0, cap: spendCap) * calibration } }

  /// Permutation importance with each row's activity convolved once: a permutation moves
  /// static feature values between rows but not the rows' ids, so every row's activity grid
  /// (and the network's convolution of it, ``TemporalConvModel/convolved(rows:fill:)``) stays;
  /// only the static features are encoded again and the head run. The spend is
  /// ``predict(_:context:)``'s, bit for bit.
  func permutedRowsModel(for table: FeatureTable, columns: [String], context: ModelContext) -> (any PermutedRowsModel)?
  {
    guard let model, encoder != nil, let ledgers = context.ledgers, let asOf = table.asOfDay else { return nil }
    let view = TableMatrix(table)
    guard view.names == columns else { return nil }
    let activity = WeeklyActivity(builder: ledgers, weeks: Self.weeks, eventTypes: eventTypes)
    let ids = table.rowIDs
    let convolved = model.convolved(rows: table.rowCount) { first, count, out in
      for i in 0..<count { activity.fill(id: ids[first + i], asOf: asOf, into: out + i * activity.width) }
    }
    return SequencePermutedRows(candidate: self, view: view, work: view.matrix, convolved: convolved)
  }

  func missingColumns(in table: FeatureTable) -> [String] { encoder?.missingColumns(in: table) ?? [] }

  func encodeState(to encoder: any Encoder) throws {
    try LearnedState.encode(
      to: encoder, tabular: self.encoder, model: model, eventTypes: eventTypes, calibration: calibration,
      spendCap: spendCap)
  }
}

extension CandidateDescriptor {
  static let seqConv = CandidateDescriptor(
    key: "seq-conv", name: "Sequence model (weekly activity, ZILN)",
    summary:
      "1-D temporal convolution over \(SequenceCandidate.weeks) weeks of orders, spend and events, joined with the static features, ZILN loss",
    family: .neural,
    methodNotes: [
      "Sequence model: a 1-D convolution over each customer's weekly orders, spend and events joined with the "
        + "static features, trained with the ZILN loss on the same rolling origins."
    ],
    capabilities: [.purchaseProbability],
    make: { d, settings in SequenceCandidate(descriptor: d, settings: settings) },
    restore: { d, decoder in
      var c = SequenceCandidate(descriptor: d)
      let state = try LearnedState.decode(from: decoder, model: TemporalConvModel.self, readingEventTypes: true)
      (c.encoder, c.model, c.eventTypes, c.calibration, c.spendCap) = (
        state.tabular, state.model, state.eventTypes ?? [], state.calibration, state.spendCap
      )
      return c
    })
}

/// Why the sequence model could not be fitted.
enum SequenceError: Error, CustomStringConvertible {
  case noActivity

  var description: String {
    "it reads each customer's weekly activity from the logs, which feature rows (--features) do not carry; "
      + "run clv report on the logs to include it"
  }
}

/// ``SequenceCandidate`` bound to the rows of a table with their activity convolved, for
/// ``PermutationImportance``.
struct SequencePermutedRows: PermutedRowsModel {
  let candidate: SequenceCandidate
  /// The rows as a matrix (permuted into `work`).
  let view: TableMatrix
  var work: Matrix
  /// The network's convolution of every row's activity grid.
  let convolved: [Float]

  var rows: Int { view.matrix.rows }

  mutating func predict(permuting columns: [Int], by permutation: [Int]?) -> [Double] {
    guard let encoder = candidate.encoder, let model = candidate.model else { preconditionFailure("predict before fit") }
    if let permutation { MatrixPermutedRows.permute(&work, from: view.matrix, columns: columns, permutation: permutation) }
    let table = view.table(work)
    if permutation != nil { MatrixPermutedRows.restore(&work, from: view.matrix, columns: columns) }
    let statics = encoder.transform(table, rows: 0..<table.rowCount)
    return candidate.spend(model.predict(rows: table.rowCount, statics: statics, convolved: convolved).value)
  }
}
