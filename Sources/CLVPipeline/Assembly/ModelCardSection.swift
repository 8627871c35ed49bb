import CLVEvaluation
import CLVReport

/// Model card and validation sections a validator signs off from.
enum ModelCardSection {
  static func make(_ s: RunSummary) -> ReportSection {
    let b = s.backtest
    let intended = ReportSection(
      id: "card-use", title: "Intended use",
      blocks: [
        .bulletList(
          [
            "Rank customers by expected value over the next \(s.timeline.horizon) to set retention and acquisition budgets, and size segments for campaigns.",
            "Estimate total customer value for planning, with the backtest's total predicted / actual as its calibration evidence.",
          ].map { RichText.plain($0) }),
        Blocks.p(
          "Out of scope: decisions about an individual that have legal or similarly significant effects (credit, pricing discrimination, employment); forecasts far beyond the horizon; shops whose business changed materially since the as-of date."
        ),
      ])
    let data = ReportSection(
      id: "card-data", title: "Data",
      blocks: [
        Blocks.kv([
          ("Sources", s.inputs.map { "\($0.kind): \($0.fileName)" }.joined(separator: "; ")),
          ("History", "\(s.inputs.first?.firstDate?.iso ?? "?") to \(s.inputs.first?.lastDate?.iso ?? "?")"),
          (
            "Backtest windows",
            b.map {
              "features before \(Timeline.iso($0.dataset.plan.cutoff)); labels \(Timeline.iso($0.dataset.plan.cutoff)) to \(Timeline.iso($0.dataset.plan.asOf - 1))"
            } ?? "none"
          ),
          (
            "Exclusions",
            "exact duplicates dropped; rows without a customer id left out (\(s.inputs.reduce(0) { $0 + $1.noCustomerIDRows }) rows); malformed rows quarantined (\(s.inputs.reduce(0) { $0 + $1.quarantinedRows }) rows); no customer excluded"
          ),
          (
            "Representativeness",
            "all customers known at the cutoff are in the backtest; the split is a seeded hash of the id, so train, validation and test are random samples of the same population"
          ),
        ])
      ])
    let method = ReportSection(
      id: "card-method", title: "Method and assumptions",
      blocks: [
        .bulletList(
          (modelNotes(s.registry) + [
            "Champion rule (validation split only): the best normalized Gini among models whose decile MAPE is within \(Format.num(ChampionRule().mapeTolerance, 1))× the best; the test split is only reported.",
            "Discounting: continuous at \(Format.pct(s.options.discountRate)) a year; spend of non-BTYD models is assumed spread evenly over the horizon.",
            "Reasons per customer (watch-list, and the reasons column of predictions.csv): sampled Shapley values of the champion's predicted spend against \(CustomerReasons.backgroundSize) typical customers (a seeded sample of customers with a purchase, kept in model.json). Each of \(CustomerReasons.samples) draws per customer takes a typical customer and switches the features the champion reads to this customer's values one at a time in a random order (antithetic pairs); a feature's reason is its mean change of the prediction. The contributions add up to this customer's prediction minus the typical customers' mean. The \(CustomerReasons.shown) largest are stated in words with their amount. Explained: up to \(CustomerReasons.customers) customers with churn risk ≥ \(Format.pct(CustomerReasons.riskThreshold, 0)), most valuable first (the watch-list's rule), so the cost does not grow with the data; other rows have an empty reasons cell. clv score reproduces them from model.json.",
          ]).map { RichText.plain($0) })
      ])
    var outcomes = [ReportBlock]()
    if let b, let c = b.champion, let base = b.baseline {
      outcomes.append(
        Blocks.p(
          "Against the naive baseline on the test split: normalized Gini \(Format.num(c.test.normalizedGini)) vs \(Format.num(base.test.normalizedGini)); decile MAPE \(Format.pct(c.test.decileMAPE)) vs \(Format.pct(base.test.decileMAPE)); total predicted / actual \(Format.num(c.test.totalRatio, 2)) vs \(Format.num(base.test.totalRatio, 2))."
        ))
    } else {
      outcomes.append(Blocks.p("No backtest outcome is available."))
    }
    if s.previousDirectory != nil {
      outcomes.append(Blocks.p("Against the previous run: see the comparison section and the gate table."))
    }
    let outcomeSection = ReportSection(
      id: "card-outcomes", title: "Backtest outcomes and stability",
      blocks: outcomes + [
        Blocks.p(
          "Stability evidence: bootstrap intervals of the test metrics (backtest section) and the spread of permutation importance over repeats (explanations section)."
        )
      ])
    let limitations = ReportSection(
      id: "card-limits", title: "Limitations",
      blocks: [
        .bulletList(
          [
            "One backtest window: a single horizon before the as-of date; a shock in that window affects every metric.",
            "Cold-start customers (profile, no purchase) are predicted only by the models that read profile features; the probabilistic models give them zero.",
            "Customer-level predictions are uncertain; use them to rank and group, not as exact amounts.",
            "Refunds are netted within the window; a refund of a purchase made before the window lowers the label.",
          ].map { RichText.plain($0) })
      ])
    let monitoring = ReportSection(
      id: "card-monitoring", title: "Monitoring plan",
      blocks: [
        .bulletList(
          [
            "Re-run clv report on every data refresh with --previous pointing at the last approved run.",
            "Gates: the configured ones (\(s.options.gate.isEmpty ? "none; defaults apply" : s.options.gate.map(\.expression).joined(separator: ", "))), the champion beating the naive baseline, and no headline metric more than 10% worse than the previous run.",
            "Drift: population stability index per feature; investigate any feature at 0.25 or more.",
            "Escalation: a failed gate fails the CI job (exit status 3); the report is still published for review.",
          ].map { RichText.plain($0) })
      ])
    return ReportSection(
      id: "model-card", title: "Model card and validation",
      subsections: [intended, data, method, outcomeSection, limitations, monitoring])
  }
}

extension ModelCardSection {
  /// The registered models' method notes, in table order, each once.
  static func modelNotes(_ registry: CandidateRegistry) -> [String] {
    var seen = Set<String>()
    return registry.descriptors.flatMap(\.methodNotes).filter { seen.insert($0).inserted }
  }
}

/// How to reproduce the run.
enum RunInfoSection {
  static func make(_ s: RunSummary) -> ReportSection {
    let o = s.options
    let models = (o.modelKeys.isEmpty ? s.registry.keys : o.modelKeys).joined(separator: ", ")
    let hidden = o.mlpHidden.widths.map(String.init).joined(separator: "×")
    let read = s.inputs.first?.columnMapping ?? [:]
    let columns =
      "customer \(read["customer"] ?? "?"), date \(read["date"] ?? "?"), amount \(read["amount"] ?? "?")"
      + (o.inputs.resolved().transactions.read.dateFormat.map { ", format \($0)" } ?? "")
    let gates = o.gate.isEmpty ? "defaults" : o.gate.map(\.expression).joined(separator: "; ")
    let config = s.configFile.map { "\($0), SHA-256 \(s.configSHA256 ?? "unreadable")" } ?? "none (flags only)"
    var blocks: [ReportBlock] = [
      Blocks.kv([
        ("Tool", "clv \(s.toolVersion)" + (s.gitCommit.map { ", commit \($0)" } ?? "")), ("Seed", "\(o.seed)"),
        ("As of", Timeline.iso(s.timeline.asOf)),
        ("Horizon", o.horizon.description), ("Split", o.split), ("Models", models),
        ("Neural network", "hidden \(hidden), up to \(o.mlpEpochs) epochs"),
        ("Discount rate, margin", "\(o.discountRate), \(o.margin)"),
        ("Columns", columns), ("Gates", gates), ("Config file", config),
        (
          "Customer ids",
          s.redaction.isOn
            ? "redacted in report.html, report.md and figures/: each id is shown as c- and 10 hex digits of SHA-256(salt, id), salt from \(s.redaction.saltSource); predictions.csv, backtest.csv, quarantine.csv and model.json keep the real ids"
            : "shown as in the input (--redact-ids replaces them with salted tokens)"
        ),
        ("Analyst notes", s.notes.map { "\($0.path) (first section)" } ?? "none (--notes notes.md adds them)"),
      ]),
      .table(
        Blocks.table(
          "Input files and their SHA-256.", [.text("File"), .text("Path"), .number("Bytes"), .text("SHA-256")],
          s.inputs.map { [$0.kind, $0.fileName, Format.count($0.bytes), $0.sha256] })),
      Blocks.p(
        "Outputs in this folder: report.html, report.md and figures/ (this report), predictions.csv (one row per customer), backtest.csv (every model's backtest predictions), metrics.json (all numbers), model.json (the fitted champion for clv score), quarantine.csv (bad rows) and run.json (timings; the only file that differs between identical runs)."
      ),
    ]
    blocks.append(
      Blocks.p("Reproduce: clv report with the options above and the same input files gives byte-identical outputs."))
    return ReportSection(id: "run", title: "Run information", blocks: blocks)
  }
}
