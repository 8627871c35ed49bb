/// Builds the Mustache context of `report.html.mustache`. Plain strings are escaped by the
/// template (`XHTML` content type); fragments ending in `HTML` and `svg` are already
/// escaped markup and are inserted raw with `{{{…}}}`.
enum HTMLContext {
  static func make(_ document: ReportDocument) -> [String: Any] {
    var context: [String: Any] = ["title": document.title]
    if let subtitle = document.subtitle { context["subtitle"] = subtitle }
    context["hasFacts"] = !document.facts.isEmpty
    context["hasCards"] = !document.cards.isEmpty
    context["hasSections"] = !document.sections.isEmpty
    if !document.facts.isEmpty {
      context["facts"] = document.facts.map { ["key": $0.key, "valueHTML": HTMLFragments.inline($0.value)] }
    }
    if let verdict = document.verdict {
      context["verdict"] = [
        "status": verdict.status.rawValue, "label": verdict.status.label, "symbol": verdict.status.symbol,
        "message": verdict.message,
      ]
    }
    if !document.cards.isEmpty { context["cards"] = document.cards.map(card) }
    if !document.sections.isEmpty {
      context["toc"] = document.sections.map { s -> [String: Any] in
        [
          "id": s.id, "title": s.title, "hasChildren": !s.subsections.isEmpty,
          "children": s.subsections.map { ["id": $0.id, "title": $0.title] },
        ]
      }
      context["sections"] = document.sections.map { section($0, level: 2) }
    }
    if let footer = document.footer { context["footer"] = footer }
    return context
  }

  private static func card(_ card: SummaryCard) -> [String: Any] {
    // Optional keys are always present (false when unset): Mustache would otherwise look
    // them up in enclosing contexts.
    var c: [String: Any] = [
      "label": card.label, "value": card.value, "detail": false, "status": false, "badgeHTML": false,
    ]
    if let detail = card.detail { c["detail"] = detail }
    if let status = card.status {
      c["status"] = status.rawValue
      c["badgeHTML"] = HTMLFragments.badge(status)
    }
    return c
  }

  private static func section(_ s: ReportSection, level: Int) -> [String: Any] {
    let out: [String: Any] = [
      "id": s.id, "title": s.title, "tag": "h\(min(6, level))",
      "blocks": s.blocks.map(block),
      // Always present, even when empty: the recursive partial would otherwise find the
      // parent's `subsections` and recurse forever.
      "subsections": s.subsections.map { section($0, level: level + 1) },
    ]
    return out
  }

  private static func block(_ b: ReportBlock) -> [String: Any] {
    guard case .figure(let f) = b else { return ["html": HTMLFragments.block(b), "figure": false] }
    let figure: [String: Any] = [
      "id": f.id, "title": f.title, "caption": f.caption, "description": f.description, "file": f.fileName,
      "svg": f.svg(), "dataHTML": HTMLFragments.table(f.dataTable),
    ]
    return ["figure": figure, "html": false]
  }
}
