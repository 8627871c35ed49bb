import CLVReport

/// The blend: its weights and how its validation predictions were formed. The section of
/// ``CandidateFamily/ensemble``.
enum BlendSection {
  @Sendable static func make(_ s: RunSummary, _ runs: [ModelRun]) -> ReportSection? {
    guard !runs.isEmpty else { return nil }
    var blocks: [ReportBlock] = [
      Blocks.p(
        "The blend predicts a weighted sum of the other candidates' predicted spend, with non-negative weights fitted by least squares on the validation customers (no intercept). It enters the model table as one more candidate; its validation metrics come from cross-fitted predictions (each fold predicted with weights fitted on the other folds), so the champion rule does not favour it for having seen those rows. The test split is not used for the weights or the choice."
      )
    ]
    for r in runs {
      blocks.append(
        .table(
          Blocks.table(
            "\(r.name): weights on validation.", [.text("Setting"), .text("Value")],
            r.details.hyperparameters.map { [$0.0, $0.1] })))
    }
    return ReportSection(id: "blend", title: "Blend", blocks: blocks)
  }
}
