/// Report blocks → GitHub-flavoured Markdown. Every string from the document is escaped
/// with `MarkdownEscaping`; tables are GFM pipe tables, charts are image links to
/// `figures/<id>.svg` followed by their data table (GitHub strips inline SVG).
enum MarkdownFragments {
  /// Rich text as inline Markdown; `atBlockStart` when it begins a paragraph or list item.
  static func inline(_ text: RichText, atBlockStart: Bool = false, inTable: Bool = false) -> String {
    var out = ""
    for (i, span) in text.spans.enumerated() {
      let start = atBlockStart && i == 0
      switch span {
      case .plain(let t): out += MarkdownEscaping.escape(t, atBlockStart: start)
      case .strong(let t): out += wrap(MarkdownEscaping.escape(t), "**")
      case .emphasis(let t): out += wrap(MarkdownEscaping.escape(t), "_")
      case .code(let t): out += MarkdownEscaping.codeSpan(t, inTable: inTable)
      }
    }
    return out
  }

  /// Emphasis markers only work when they hug non-space text, so spaces move outside them.
  private static func wrap(_ text: String, _ marker: String) -> String {
    let core = text.trimmingSpaces()
    guard !core.isEmpty else { return text }
    let lead = text.prefix { $0 == " " }
    let trail = String(text.reversed().prefix { $0 == " " })
    return lead + marker + core + marker + trail
  }

  /// A block as Markdown (no trailing blank line).
  static func block(_ block: ReportBlock) -> String {
    switch block {
    case .paragraph(let text):
      return inline(text, atBlockStart: true)
    case .bulletList(let items):
      return items.map { "- " + inline($0, atBlockStart: true) }.joined(separator: "\n")
    case .keyValues(let pairs):
      // `*` bullets, so a key-value list right after a `-` bullet list stays a separate list.
      return pairs.map { "* **\(MarkdownEscaping.escape($0.key))**: " + inline($0.value) }.joined(separator: "\n")
    case .table(let table):
      return self.table(table)
    case .figure(let figure):
      return self.figure(figure)
    case .callout(let callout):
      let title = callout.title.map { "**\(MarkdownEscaping.escape($0))** " } ?? ""
      return "> [!\(callout.kind == .note ? "NOTE" : "WARNING")]\n> " + title
        + inline(callout.text, atBlockStart: title.isEmpty)
    case .details(let summary, let blocks):
      return "**\(MarkdownEscaping.escape(summary))**\n\n" + blocks.map(self.block).joined(separator: "\n\n")
    case .markdown(let source):
      return GFMMarkdown.inertMarkdown(source, headingOffset: 2).trimmingSpaces()
    }
  }

  /// A GFM pipe table; the caption (if any) is a bold line above it. Cell text is escaped,
  /// pipes included, and a status becomes an emoji badge followed by its word.
  static func table(_ table: ReportTable) -> String {
    var lines: [String] = []
    if let caption = table.caption { lines.append("**\(MarkdownEscaping.escape(caption))**\n") }
    lines.append("| " + table.columns.map { cellText($0.title) }.joined(separator: " | ") + " |")
    lines.append(
      "|"
        + table.columns.map { c -> String in
          switch c.alignment {
          case .left: return " --- "
          case .center: return " :---: "
          case .right: return " ---: "
          }
        }.joined(separator: "|") + "|")
    let anyCellStatus = table.rows.contains { $0.cells.contains { $0.status != nil } }
    for row in table.rows {
      var cells = row.cells.map { cell -> String in
        var parts: [String] = []
        if let s = cell.status { parts.append(s.markdownBadge) }
        if !cell.text.isEmpty {
          let text = cellText(cell.text)
          parts.append(row.emphasized ? "**\(text)**" : text)
        }
        return parts.joined(separator: " ")
      }
      if let s = row.status, !anyCellStatus, !cells.isEmpty {
        cells[0] = s.markdownBadge + (cells[0].isEmpty ? "" : " " + cells[0])
      }
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  /// Figure title, image link, how to read it, the finding, and the data table inside a
  /// collapsed `<details>` (GitHub renders it; keeps PR comments short). This is the only raw
  /// HTML in the Markdown, and it carries no data: the summary text is fixed.
  static func figure(_ figure: ReportFigure) -> String {
    let title = MarkdownEscaping.escape(figure.title)
    var out = "**Figure: \(title)**\n\n![\(title)](\(figure.fileName))\n\n"
    out += "_How to read it:_ " + MarkdownEscaping.escape(figure.caption) + "\n\n"
    out += "**Finding:** " + MarkdownEscaping.escape(figure.description)
    out += "\n\n<details><summary>Data behind the chart</summary>\n\n" + table(figure.dataTable) + "\n\n</details>"
    return out
  }

  /// Escaped cell text; an empty cell stays empty.
  private static func cellText(_ text: String) -> String { MarkdownEscaping.escape(text) }
}

extension String {
  /// The string without leading and trailing spaces, tabs and newlines.
  func trimmingSpaces() -> String {
    let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }
    guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else {
      return ""
    }
    return String(self[first...last])
  }
}
