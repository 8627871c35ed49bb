import CLVEvaluation
import CLVReport

/// Turns a run's results into the report document (plain values: the report
/// module knows nothing of models). Each section has its own builder file.
enum ReportAssembly {
  static func document(_ s: RunSummary) -> ReportDocument {
    var sections = [GateSection.make(s), SummarySection.make(s), DataSection.make(s)]
    if let notes = NotesSection.make(s) { sections.insert(notes, at: 0) }
    if let forecast = ForecastSection.make(s) { sections.append(forecast) }
    if let b = s.backtest {
      sections.append(BacktestSection.make(s, b))
    } else {
      sections.append(BacktestSection.infeasible(s))
    }
    // One section per model family that has one (the BTYD models, the neural models).
    for family in s.registry.families {
      let runs = s.backtest?.runs.filter { $0.candidate.descriptor.family.id == family.id } ?? []
      if let section = family.section?(s, runs) { sections.append(section) }
    }
    if let seg = SegmentsSection.make(s) { sections.append(seg) }
    if let e = ExplainSection.make(s) { sections.append(e) }
    if let c = ComparisonSection.make(s) { sections.append(c) }
    sections.append(ModelCardSection.make(s))
    sections.append(RunInfoSection.make(s))
    return ReportDocument(
      title: "Customer lifetime value report",
      subtitle:
        "Forecast of the \(s.timeline.forwardDays) days from \(Timeline.iso(s.timeline.asOf)) for \(Format.count(s.customersKnown)) customers",
      facts: [
        KeyValue("As of", .plain(Timeline.iso(s.timeline.asOf))),
        KeyValue("Horizon", .plain("\(s.timeline.horizon) (\(s.timeline.forwardDays) days)")),
        KeyValue("Champion", .plain(s.championName)),
        KeyValue("Seed", .plain("\(s.options.seed)")),
        KeyValue(
          "Currency",
          .plain(s.inputs.first?.currency.map { "all amounts in \($0)" } ?? "not stated (no currency column)")),
        KeyValue("Transactions SHA-256", RichText(.code(String(s.inputs.first?.sha256.prefix(16) ?? "") + "…"))),
      ] + (s.previousDirectory.map { [KeyValue("Compared with", .plain($0))] } ?? []),
      verdict: verdict(s), cards: cards(s), sections: sections,
      footer: "clv \(s.toolVersion) · same inputs and seed give the same report, byte for byte")
  }

  static func status(_ g: GateStatus) -> ReportStatus {
    switch g {
    case .pass: return .pass
    case .warn: return .warn
    case .fail: return .fail
    case .skipped: return .skipped
    case .notAssessed: return .notAssessed
    }
  }

  static func verdict(_ s: RunSummary) -> Verdict {
    var v = gateVerdict(s)
    let findings = SafetyNet(s).findings
    if !findings.isEmpty {
      v.message += " Caution: " + findings.map(\.message).joined(separator: " Also: ")
      if v.status == .pass || v.status == .skipped { v.status = .warn }
    }
    return v
  }

  static func gateVerdict(_ s: RunSummary) -> Verdict {
    if let reason = s.notAssessed {
      return Verdict(status: .notAssessed, message: "Not assessed: \(reason). Nothing here is a pass.")
    }
    let results = s.gates.report.results
    let failed = results.filter { $0.status == .fail }
    let warned = results.filter { $0.status == .warn }
    switch s.gates.report.verdict {
    case .fail:
      return Verdict(
        status: .fail,
        message: "\(failed.count) of \(results.count) quality gates failed: "
          + failed.map(\.expression).joined(separator: ", "))
    case .warn:
      return Verdict(
        status: .warn,
        message: "All blocking gates passed; \(warned.count) warning(s): "
          + warned.map(\.expression).joined(separator: ", "))
    case .pass:
      return Verdict(status: .pass, message: "All \(results.count) quality gates passed. Champion: \(s.championName).")
    case .skipped, .notAssessed:
      return Verdict(
        status: .skipped, message: "No gate could be evaluated: " + (s.timeline.plan.infeasibleReason ?? "no backtest"))
    }
  }

  static func cards(_ s: RunSummary) -> [SummaryCard] {
    var cards = [SummaryCard]()
    let total = s.forward.predictedCLV.reduce(0, +)
    cards.append(
      SummaryCard(
        label: "Predicted value, next \(s.timeline.horizon)", value: Format.compact(total),
        detail: "discounted, × margin \(Format.num(s.options.margin, 2))"))
    cards.append(
      SummaryCard(
        label: "Customers", value: Format.count(s.customersKnown),
        detail: "\(Format.count(s.customersWithPurchase)) with a purchase"))
    if let c = s.backtest?.champion {
      cards.append(
        SummaryCard(label: "Normalized Gini (test)", value: Format.num(c.test.normalizedGini), detail: s.championName))
      cards.append(
        SummaryCard(label: "Decile MAPE (test)", value: Format.pct(c.test.decileMAPE), detail: "calibration by decile"))
      cards.append(
        SummaryCard(
          label: "Predicted / actual total (test)", value: Format.num(c.test.totalRatio, 2),
          detail: "1.00 = unbiased in total"))
      if s.backtest?.baselineIsOnlyModel == true {
        cards.append(
          SummaryCard(
            label: "Gini lift over baseline", value: "n/a", detail: "the naive baseline is the only model",
            status: .notAssessed))
      } else if let b = s.backtest?.baseline, let g = c.test.normalizedGini, let bg = b.test.normalizedGini {
        cards.append(
          SummaryCard(
            label: "Gini lift over baseline", value: NumberFormatting.signed(g - bg, decimals: 3),
            detail: "naive baseline \(Format.num(bg))", status: g > bg ? .pass : .warn))
      }
    }
    if let seg = s.segments {
      let atRisk = seg.watchList.reduce(0) { $0 + $1.predictedValue }
      cards.append(
        SummaryCard(
          label: "Value on the churn watch-list", value: Format.compact(atRisk),
          detail: "top \(seg.watchList.count) customers at risk"))
    }
    return cards
  }
}

/// The gate table: first in the report and in the Markdown twin.
enum GateSection {
  static func make(_ s: RunSummary) -> ReportSection {
    let rows = s.gates.report.results.map { g in
      TableRow(
        [
          TableCell(g.expression), TableCell(g.metric.label), TableCell(Format.metric(g.metric, g.threshold)),
          TableCell(Format.metric(g.metric, g.actual)),
          TableCell(g.previous.map { Format.metric(g.metric, $0) } ?? "–"),
          .badge(ReportAssembly.status(g.status)), TableCell(g.message),
        ], status: ReportAssembly.status(g.status))
    }
    var blocks = [ReportBlock]()
    if rows.isEmpty {
      blocks.append(Blocks.p("No gates were evaluated."))
    } else {
      blocks.append(
        .table(
          ReportTable(
            caption:
              "Quality gates on the champion's test-split metrics. A failed gate makes clv exit with status 3 after writing this report.",
            columns: [
              .text("Gate"), .text("Metric"), .number("Threshold"), .number("Actual"), .number("Previous"),
              .status("Status"), .text("Why"),
            ],
            rows: rows)))
    }
    if s.options.gate.isEmpty {
      blocks.append(
        Blocks.note(
          "No gates were configured, so the defaults apply: the champion must beat the naive baseline, and with --previous no headline metric may be more than 10% worse than in the previous run. Add gates with --gate \"norm_gini>=0.6\" or in the config file."
        ))
    }
    return ReportSection(id: "gates", title: "Quality gates", blocks: blocks)
  }
}

/// A short narrative for stakeholders.
enum SummarySection {
  static func make(_ s: RunSummary) -> ReportSection {
    var items = [RichText]()
    let total = s.forward.predictedCLV.reduce(0, +)
    items.append(
      RichText(
        .plain(
          "Predicted value of the \(Format.count(s.customersKnown)) known customers over the next \(s.timeline.forwardDays) days: "
        ), .strong(Format.money(total)),
        .plain(
          " (discounted at \(Format.pct(s.options.discountRate)) a year, margin \(Format.num(s.options.margin, 2)))."))
    )
    if let b = s.backtest, let c = b.champion {
      items.append(
        RichText(
          .plain("Champion: "), .strong(c.name),
          .plain(", chosen on the validation split: \(b.selection?.reason ?? "")")))
      items.append(
        .plain(
          "On held-out test customers it ranks value with a normalized Gini of \(Format.num(c.test.normalizedGini)) (naive baseline \(Format.num(b.baseline?.test.normalizedGini))) and its top 10% of customers hold \(Format.pct(c.test.topDecileCapture)) of the actual spend; total predicted / actual is \(Format.num(c.test.totalRatio, 2))."
        ))
    } else if let reason = s.timeline.plan.infeasibleReason {
      items.append(.plain("No backtest was possible: \(reason). Forward predictions use \(s.championName)."))
    }
    if let seg = s.segments {
      let top = seg.profiles.max { $0.valueShare < $1.valueShare }
      if let top {
        items.append(
          .plain(
            "\(seg.profiles.count) segments; \"\(top.name)\" holds \(Format.pct(top.valueShare)) of predicted value with \(Format.pct(top.customerShare)) of customers."
          ))
      }
      if !seg.watchList.isEmpty {
        items.append(
          .plain(
            "\(seg.watchList.count) valuable customers are on the churn watch-list (churn risk ≥ \(Format.pct(SegmentStage.watchListRule.threshold, 0)))."
          ))
      }
    }
    let bad = s.inputs.reduce(0) { $0 + $1.quarantinedRows }
    let dup = s.inputs.reduce(0) { $0 + $1.duplicateRowsDropped }
    let noID = s.inputs.reduce(0) { $0 + $1.noCustomerIDRows }
    items.append(
      .plain(
        "Data: \(Format.count(bad)) rows quarantined, \(Format.count(noID)) rows without a customer id left out and \(Format.count(dup)) exact duplicates dropped across \(s.inputs.count) file(s); see Data quality."
      ))
    return ReportSection(id: "summary", title: "Summary", blocks: [.bulletList(items)])
  }
}
