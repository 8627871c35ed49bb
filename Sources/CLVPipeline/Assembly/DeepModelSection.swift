import CLVReport

/// The neural models: settings, weights and training curves. The section of
/// ``CandidateFamily/neural``.
enum DeepModelSection {
  @Sendable static func make(_ s: RunSummary, _ runs: [ModelRun]) -> ReportSection? {
    guard !runs.isEmpty else { return nil }
    var blocks: [ReportBlock] = [
      Blocks.p(
        "A multilayer perceptron learns from purchase history, profile attributes and behaviour events together. Inputs are encoded on the training rows only: signed log1p of skewed amounts and counts, standardisation, median imputation with a missing indicator, one-hot encoding of the top levels of each profile attribute. The ZILN loss (Wang, Liu & Miao 2019) predicts the probability of any purchase and a lognormal spend, p·exp(μ + σ²/2), so the many zero labels and the heavy tail are modelled; the MSE loss fits the raw label for comparison."
      ),
      Blocks.p(
        "Seasonality: the model is trained on several cutoffs (rolling origins), including the one a year before the forecast window when the history allows, with the cutoff's calendar position as a feature, so one season's window is not applied blindly to another. On the test split the champion's total predicted / actual is \(Format.num(s.backtest?.champion?.test.totalRatio, 2))."
      ),
    ]
    for r in runs {
      blocks.append(
        .table(
          Blocks.table(
            "\(r.name): \(Format.count(r.details.weightCount ?? 0)) weights, best epoch \(r.details.bestEpoch ?? 0) of \(r.details.history.count).",
            [.text("Setting"), .text("Value")], r.details.hyperparameters.map { [$0.0, $0.1] })))
      blocks.append(
        curve(
          r, unit: "Epoch",
          caption:
            "Mean loss per epoch on the training rows and on the validation customers. Training stops when the validation loss has not improved for a few epochs; the weights of the marked epoch are kept."
        ))
    }
    return ReportSection(id: "deep", title: "Deep model", blocks: blocks)
  }

  /// The training curve of `r` (loss per epoch or round, training and validation, the kept one marked).
  static func curve(_ r: ModelRun, unit: String, caption: String) -> ReportBlock {
    let train = r.details.history.map { ChartPoint(Double($0.epoch), $0.train) }
    let validation = r.details.history.compactMap { h in h.validation.map { ChartPoint(Double(h.epoch), $0) } }
    return .figure(
      ReportFigure(
        id: "training-\(r.key)", title: "Training curve: \(r.name)", caption: caption,
        description:
          "\(r.name) trained \(r.details.history.count) \(unit.lowercased())s; the best validation loss was at \(unit.lowercased()) \(r.details.bestEpoch ?? 0).",
        chart: .line(
          LineChart(
            xLabel: unit, yLabel: "Loss",
            series: [LineSeries(name: "Training", points: train), LineSeries(name: "Validation", points: validation)],
            markers: r.details.bestEpoch.map { [ChartMarker(x: Double($0), label: "kept")] } ?? []))))
  }
}
