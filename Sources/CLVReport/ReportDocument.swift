/// A headline number at the top of the report ("Holdout MAE 12.3", status badge optional).
package struct SummaryCard: Sendable, Equatable {
  /// What the number is.
  package var label: String
  /// The formatted number.
  package var value: String
  /// Context, e.g. "−4 % vs previous run".
  package var detail: String?
  /// Optional status badge.
  package var status: ReportStatus?

  /// A summary card.
  package init(label: String, value: String, detail: String? = nil, status: ReportStatus? = nil) {
    self.label = label
    self.value = value
    self.detail = detail
    self.status = status
  }
}

/// The whole report as plain values: rendered to HTML and Markdown by `ReportRenderer`.
/// It knows nothing of models; the pipeline fills it with formatted numbers and charts.
package struct ReportDocument: Sendable, Equatable {
  /// Main title.
  package var title: String
  /// One line under the title, e.g. the shop and data period.
  package var subtitle: String?
  /// Run facts shown in the header: run id, time, data hash, compared-with run, …
  package var facts: [KeyValue]
  /// Overall verdict, shown first.
  package var verdict: Verdict?
  /// Headline numbers shown as cards under the verdict.
  package var cards: [SummaryCard]
  /// The sections, in order (put the gate table first).
  package var sections: [ReportSection]
  /// Footer line, e.g. the tool version.
  package var footer: String?

  /// A report document.
  package init(
    title: String, subtitle: String? = nil, facts: [KeyValue] = [], verdict: Verdict? = nil,
    cards: [SummaryCard] = [], sections: [ReportSection] = [], footer: String? = nil
  ) {
    self.title = title
    self.subtitle = subtitle
    self.facts = facts
    self.verdict = verdict
    self.cards = cards
    self.sections = sections
    self.footer = footer
  }

  /// Every figure in the document, depth-first in reading order.
  package var figures: [ReportFigure] {
    func collect(_ blocks: [ReportBlock]) -> [ReportFigure] {
      blocks.flatMap { block -> [ReportFigure] in
        switch block {
        case .figure(let f): return [f]
        case .details(_, let inner): return collect(inner)
        default: return []
        }
      }
    }
    func walk(_ s: ReportSection) -> [ReportFigure] { collect(s.blocks) + s.subsections.flatMap(walk) }
    return sections.flatMap(walk)
  }
}
