/// Builds the Mustache context of `report.md.mustache` (content type TEXT: no escaping by
/// the template). Every value is already escaped Markdown, made by `MarkdownFragments`.
enum MarkdownContext {
  static func make(_ document: ReportDocument) -> [String: Any] {
    var context: [String: Any] = ["title": MarkdownEscaping.escape(document.title)]
    if let subtitle = document.subtitle { context["subtitle"] = MarkdownEscaping.escape(subtitle, atBlockStart: true) }
    if let verdict = document.verdict {
      context["verdict"] = "**\(verdict.status.markdownBadge)** — " + MarkdownEscaping.escape(verdict.message)
    }
    context["hasCards"] = !document.cards.isEmpty
    context["hasFacts"] = !document.facts.isEmpty
    if !document.cards.isEmpty {
      let table = ReportTable(
        columns: [.text("Headline"), .number("Value"), .text("Context")],
        rows: document.cards.map { c in
          TableRow([TableCell(c.label, status: c.status), TableCell(c.value), TableCell(c.detail ?? "")])
        })
      context["cards"] = MarkdownFragments.table(table)
    }
    if !document.facts.isEmpty { context["facts"] = MarkdownFragments.block(.keyValues(document.facts)) }
    if !document.sections.isEmpty { context["sections"] = document.sections.map { section($0, level: 2) } }
    if let footer = document.footer { context["footer"] = MarkdownEscaping.escape(footer, atBlockStart: true) }
    return context
  }

  private static func section(_ s: ReportSection, level: Int) -> [String: Any] {
    [
      "heading": String(repeating: "#", count: min(6, level)) + " " + MarkdownEscaping.escape(s.title),
      "blocks": s.blocks.map { ["markdown": MarkdownFragments.block($0)] },
      // Always present, even when empty (see HTMLContext.section).
      "subsections": s.subsections.map { section($0, level: level + 1) },
    ]
  }

  /// Tidies template output: trailing spaces removed, runs of blank lines collapsed to
  /// one, exactly one final newline.
  static func tidy(_ text: String) -> String {
    var lines: [Substring] = []
    var blank = 0
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      var l = line
      while l.last == " " { l = l.dropLast() }
      if l.isEmpty {
        blank += 1
        if blank > 1 || lines.isEmpty { continue }
      } else {
        blank = 0
      }
      lines.append(l)
    }
    while lines.last?.isEmpty == true { lines.removeLast() }
    return lines.joined(separator: "\n") + "\n"
  }
}
