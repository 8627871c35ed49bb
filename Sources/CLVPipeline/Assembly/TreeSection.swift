import CLVReport

/// The gradient-boosted trees: settings, tree counts and the boosting curves. The section
/// of ``CandidateFamily/trees``.
enum TreeSection {
  @Sendable static func make(_ s: RunSummary, _ runs: [ModelRun]) -> ReportSection? {
    guard !runs.isEmpty else { return nil }
    var blocks: [ReportBlock] = [
      Blocks.p(
        "Gradient-boosted trees learn from the same features as the deep model. Each feature is cut into bins on the training rows; every round grows one tree on the loss gradients (best-first, Newton leaf values with an L2 penalty, a learned direction for missing values) on a seeded subsample of rows and features, and adds it with shrinkage. Boosting stops when the validation loss has not improved for a number of rounds and keeps the best round. The Tweedie loss (log link) suits spend that is zero for most customers and heavy-tailed for the rest; the hurdle model multiplies a boosted purchase probability by the boosted spend of buyers."
      )
    ]
    for r in runs {
      blocks.append(
        .table(
          Blocks.table(
            "\(r.name): \(Format.count(r.details.weightCount ?? 0)) leaves, best round \(r.details.bestEpoch ?? 0) of \(max(0, r.details.history.count - 1)).",
            [.text("Setting"), .text("Value")], r.details.hyperparameters.map { [$0.0, $0.1] })))
      blocks.append(
        DeepModelSection.curve(
          r, unit: "Round",
          caption:
            "Mean loss per boosting round on the training rows and on the validation customers; the trees up to the marked round are kept."
        ))
    }
    return ReportSection(id: "trees", title: "Boosted trees", blocks: blocks)
  }
}
