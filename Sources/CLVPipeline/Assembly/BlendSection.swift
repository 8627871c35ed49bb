import CLVReport

/// The blend: its weights and how its validation predictions were formed. The section of
/// ``CandidateFamily/ensemble``.
enum BlendSection {
  @Sendable static func make(_ s: RunSummary, _ runs: [ModelRun]) -> ReportSection? {
    guard !runs.isEmpty else { return nil }
    var blocks: [ReportBlock] = [
      Blocks.p(
        "A blend combines the other candidates' predicted spend with non-negative weights fitted on the validation customers. The linear blend is a weighted sum fitted by least squares (no intercept) and scaled to the validation total; the log-link blend is a weighted geometric mean, exp(b + Σ w·log(prediction + ε)), fitted by Tweedie deviance (power 1.5), so a member that is sure a customer will not buy can pull the prediction towards 0; b matches the validation total and is then corrected by how far the label-free candidates (which never read a label) find the validation customers' spend from the train customers' (control variates: the scale's sampling error about halves). Each enters the model table as one more candidate; its validation metrics come from cross-fitted predictions (each fold predicted with weights fitted on the other folds), so the champion rule does not favour it for having seen those rows. The test split is not used for the weights or the choice."
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
