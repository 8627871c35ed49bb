import CLVFeatures
import CLVMath
import CLVModels
import Foundation

/// The deep model as a candidate: a feature encoder fitted on the training rows
/// and an MLP with the ZILN or MSE loss.
///
/// Trained on the train customers at every backtest origin (rolling origins),
/// early-stopped on the validation customers at the cutoff. Forward predictions
/// reuse the fitted encoder and weights on features as of the as-of date.
struct NeuralCandidate: Candidate {
  let descriptor: CandidateDescriptor
  let loss: MLPLoss
  /// Hidden layer widths and the epoch limit (`--mlp-hidden`, `--mlp-epochs`).
  var hiddenLayers: [Int] = []
  var maxEpochs = 0
  /// The training rows it fits on at most (``TrainingRowCap``).
  var rowCap = TrainingRowCap(limit: nil, seed: 0)
  var encoder: TabularEncoder?
  var model: MLPModel?
  /// ``TotalCalibration`` fitted on the validation customers.
  var calibration: Double = 1
  /// ``SpendCap``: the largest training label (nil in a model file from before the cap).
  var spendCap: Double?
  let needsLabels = true

  init(descriptor: CandidateDescriptor, loss: MLPLoss, settings: RunSettings? = nil) {
    self.descriptor = descriptor
    self.loss = loss
    if let settings {
      hiddenLayers = settings.mlpHidden.widths
      maxEpochs = settings.mlpEpochs
    }
    rowCap = TrainingRowCap(settings: settings)
  }

  /// The descriptor of the network trained with `loss`.
  static func descriptor(key: String, name: String, summary: String, loss: MLPLoss) -> CandidateDescriptor {
    CandidateDescriptor(
      key: key, name: name, summary: summary, family: .neural,
      methodNotes: [
        "Deep MLP: learns from all features; the ZILN loss models the chance of any purchase and the spend of buyers separately."
      ],
      capabilities: loss == .ziln ? [.purchaseProbability] : [],
      make: { d, settings in NeuralCandidate(descriptor: d, loss: loss, settings: settings) },
      restore: { d, decoder in
        var c = NeuralCandidate(descriptor: d, loss: loss)
        let state = try LearnedState.decode(from: decoder, model: MLPModel.self)
        (c.encoder, c.model, c.calibration, c.spendCap) = (
          state.tabular, state.model, state.calibration, state.spendCap
        )
        return c
      })
  }

  /// The network configuration of a run.
  var regressor: MLPRegressor {
    MLPRegressor(
      hiddenLayers: hiddenLayers, loss: loss, learningRate: loss == .ziln ? 2e-3 : 1e-3, batchSize: 256,
      maxEpochs: maxEpochs, weightDecay: 1e-4, dropout: 0, patience: 8)
  }

  mutating func fit(
    _ data: BacktestDataset, context: ModelContext, using rng: inout SplitMix64
  ) throws
    -> (CandidateOutput, FitDetails)
  {
    guard !data.trainingLabels.isEmpty else { throw CandidateError.noTrainingRows }
    let rows = rowCap.rows(of: data)
    let sampled = rows.count < data.trainingLabels.count
    let training = sampled ? data.trainingFeatures.selectingRows(rows) : data.trainingFeatures
    let labels = sampled ? rows.map { data.trainingLabels[$0] } : data.trainingLabels
    let encoder = TabularEncoderConfig().fit(training)
    let validation = data.indices(of: .validation)
    // Float32 rows straight from the encoder: the network computes in Float, so the
    // Double matrix would only be a second full-size copy.
    let x = encoder.transformFloat(training)
    let vx = encoder.transformFloat(data.features.selectingRows(validation))
    let vy = validation.map { data.labels[$0] }
    let monitor = rowCap.monitorRows(of: data)
    let watched = monitor.count < validation.count
    let mx = watched ? encoder.transformFloat(data.features.selectingRows(monitor)) : vx
    let my = watched ? monitor.map { data.labels[$0] } : vy
    let config = regressor
    let model = config.fit(x: x, y: labels, validationX: mx, validationY: my, using: &rng)
    self.encoder = encoder
    self.model = model
    spendCap = SpendCap.fit(labels: labels)
    let rawValidation = model.predict(vx).value
    let capped = rawValidation.map { SpendCap.apply($0, cap: spendCap) }
    calibration = TotalCalibration.factor(predicted: capped, actual: vy)
    var details = FitDetails()
    details.history = model.history.map { ($0.epoch, $0.training, $0.validation) }
    details.bestEpoch = model.bestEpoch
    details.converged = model.converged
    details.iterations = model.history.count
    details.weightCount = model.parameterCount
    details.trainingRows = x.rows
    details.trainingFLOP = model.trainingFLOPPerSample * Double(x.rows) * Double(model.history.count)
    details.hyperparameters = [
      (
        "inputs",
        "\(x.columns) (from \(training.numeric.count) numeric and \(training.categorical.count) categorical features)"
      ),
      ("hidden layers", config.hiddenLayers.map(String.init).joined(separator: " × ") + ", ReLU"),
      ("loss", loss == .ziln ? "zero-inflated lognormal" : "mean squared error"),
      ("optimiser", "AdamW, learning rate \(config.learningRate), weight decay \(config.weightDecay)"),
      ("batch size", "\(config.batchSize)"), ("max epochs", "\(config.maxEpochs)"),
      (
        "arithmetic",
        "Float32, one fused multiply-add per product term; the same weights with the AVX + FMA or the portable kernel and with 1 or 2 threads"
      ),
      ("early stopping", "patience \(config.patience) on validation loss, best weights restored"),
      (
        "training rows",
        TrainingRowCap.note(
          used: x.rows, of: data.trainingLabels.count, limit: rowCap.limit, origins: Set(data.trainingOrigin).count)
      ),
      ("total calibration", String(format: "× %.3f (validation total actual / predicted)", calibration)),
    ]
    if let note = TrainingRowCap.monitorNote(used: monitor.count, of: validation.count) {
      details.hyperparameters.append(note)
    }
    if let note = SpendCap.note(raw: rawValidation, cap: spendCap) { details.hyperparameters.append(note) }
    return (predict(data.features, context: context), details)
  }

  func predict(_ table: FeatureTable, context: ModelContext) -> CandidateOutput {
    guard let encoder, let model else { preconditionFailure("predict before fit") }
    // Encoded a block at a time as the network asks for rows: no matrix of every row.
    let columns = encoder.columns(of: table)
    let p = model.predict(rows: table.rowCount) { rows, out in columns.fill(rows, into: out) }
    let spend = p.value.map { SpendCap.apply($0, cap: spendCap) * calibration }
    return CandidateOutput(
      spend: spend, purchaseProbability: p.purchaseProbability,
      discountedValue: spend.map { $0 * context.margin * context.evenSpreadDiscountFactor })
  }

  func missingColumns(in table: FeatureTable) -> [String] { encoder?.missingColumns(in: table) ?? [] }

  func encodeState(to encoder: any Encoder) throws {
    try LearnedState.encode(
      to: encoder, tabular: self.encoder, model: model, calibration: calibration, spendCap: spendCap)
  }
}

extension CandidateDescriptor {
  static let mlpZILN = NeuralCandidate.descriptor(
    key: "mlp-ziln", name: "Deep MLP (ZILN loss)",
    summary: "multilayer perceptron on every feature, zero-inflated lognormal loss (Wang, Liu & Miao 2019)",
    loss: .ziln)
  static let mlpMSE = NeuralCandidate.descriptor(
    key: "mlp-mse", name: "Deep MLP (MSE loss)", summary: "the same network with mean squared error, for comparison",
    loss: .mse)
}
