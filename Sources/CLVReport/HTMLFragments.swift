import Foundation

/// Report blocks → XHTML fragments. Every string from the document is escaped with
/// `HTMLEscaping`; the only raw markup inserted is produced here, by the chart code or
/// by cmark-gfm in safe mode.
enum HTMLFragments {
  /// Rich text as inline XHTML.
  static func inline(_ text: RichText) -> String {
    text.spans.map { span in
      switch span {
      case .plain(let t): return HTMLEscaping.escape(t)
      case .strong(let t): return "<strong>\(HTMLEscaping.escape(t))</strong>"
      case .emphasis(let t): return "<em>\(HTMLEscaping.escape(t))</em>"
      case .code(let t): return "<code>\(HTMLEscaping.escape(t))</code>"
      }
    }.joined()
  }

  /// A status badge: symbol and word, so it reads without colour and without CSS.
  static func badge(_ status: ReportStatus) -> String {
    "<span class=\"badge badge-\(status.rawValue)\">\(status.symbol) \(status.label)</span>"
  }

  /// A block (figures are laid out by the template; this renders them for nested use).
  static func block(_ block: ReportBlock) -> String {
    switch block {
    case .paragraph(let text):
      return "<p>\(inline(text))</p>"
    case .bulletList(let items):
      return "<ul>\n" + items.map { "<li>\(inline($0))</li>\n" }.joined() + "</ul>"
    case .keyValues(let pairs):
      return keyValues(pairs)
    case .table(let table):
      return self.table(table)
    case .figure(let figure):
      return self.figure(figure)
    case .callout(let callout):
      let title = callout.title ?? (callout.kind == .note ? "Note" : "Warning")
      return "<aside class=\"callout callout-\(callout.kind.rawValue)\" role=\"note\"><p><strong>"
        + "\(HTMLEscaping.escape(title))</strong> \(inline(callout.text))</p></aside>"
    case .details(let summary, let blocks):
      return "<details class=\"more\">\n<summary>\(HTMLEscaping.escape(summary))</summary>\n"
        + blocks.map(self.block).joined(separator: "\n") + "\n</details>"
    case .markdown(let source):
      return "<div class=\"md\">\n\(GFMMarkdown.inertHTML(source, headingOffset: 2))</div>"
    }
  }

  /// Label → value pairs as a two-column table with row headers.
  static func keyValues(_ pairs: [KeyValue]) -> String {
    "<table class=\"kv\"><tbody>\n"
      + pairs.map { "<tr><th scope=\"row\">\(HTMLEscaping.escape($0.key))</th><td>\(inline($0.value))</td></tr>\n" }
      .joined()
      + "</tbody></table>"
  }

  /// A data table; numeric columns get the `num` class (right-aligned, tabular figures).
  /// Every cell carries its column's title in `data-label`, so a narrow screen can lay a
  /// row out as a card of "title: value" lines (`reflow-*` classes, see the stylesheet)
  /// instead of cutting columns off; header words may break after `_` and `/`.
  static func table(_ table: ReportTable) -> String {
    var out = "<div class=\"table-wrap\"><table class=\"data \(reflowClass(table.columns.count))\">\n"
    if let caption = table.caption { out += "<caption>\(HTMLEscaping.escape(caption))</caption>\n" }
    out += "<thead><tr>"
    for column in table.columns {
      out += "<th scope=\"col\" class=\"\(alignClass(column.alignment))\">\(breakable(column.title))</th>"
    }
    out += "</tr></thead>\n<tbody>\n"
    for row in table.rows {
      var classes: [String] = []
      if let s = row.status { classes.append("row-\(s.rawValue)") }
      if row.emphasized { classes.append("emph") }
      out += classes.isEmpty ? "<tr>" : "<tr class=\"\(classes.joined(separator: " "))\">"
      for (cell, column) in zip(row.cells, table.columns) {
        var content = cell.status.map(badge) ?? ""
        if !cell.text.isEmpty { content += (content.isEmpty ? "" : " ") + breakable(cell.text) }
        out +=
          "<td class=\"\(alignClass(column.alignment))\(wrapClass(cell.text))\" data-label=\"\(HTMLEscaping.escape(column.title))\">\(content)</td>"
      }
      out += "</tr>\n"
    }
    return out + "</tbody></table></div>"
  }

  /// A figure nested in a `details` block (top-level figures use the template's partial
  /// `partials/figure.html.mustache`; keep the two in step).
  static func figure(_ figure: ReportFigure) -> String {
    var out = "<figure class=\"figure\" id=\"fig-\(figure.id)\">\n"
    out += "<figcaption><span class=\"fig-title\">\(HTMLEscaping.escape(figure.title))</span></figcaption>\n"
    out += "<div class=\"chart-box\">\n\(figure.svg())</div>\n"
    out += "<p class=\"how-to-read\"><strong>How to read it.</strong> \(HTMLEscaping.escape(figure.caption))</p>\n"
    out += "<p class=\"finding\"><strong>Finding.</strong> \(HTMLEscaping.escape(figure.description))</p>\n"
    out +=
      "<details class=\"chart-data\"><summary>Data behind the chart</summary>\n\(table(figure.dataTable))\n</details>\n"
    return out + "</figure>"
  }

  /// Tables of 6 or more columns reflow into cards in a box narrower than 40rem, tables
  /// of 4–5 columns below 28rem; up to 3 columns always fit by wrapping. Tables of 8 or
  /// more columns (`many`) use slightly smaller type.
  static func reflowClass(_ columns: Int) -> String {
    columns >= 8 ? "reflow-wide many" : columns >= 6 ? "reflow-wide" : columns >= 4 ? "reflow-mid" : "reflow-none"
  }

  /// ` long` for text with a run of more than 24 characters without a space (hashes,
  /// paths: may break anywhere rather than widen the table), ` nw` for a short token
  /// such as a date (kept on one line), "" otherwise.
  static func wrapClass(_ text: String) -> String {
    var run = 0, longest = 0
    for ch in text {
      run = ch == " " ? 0 : run + 1
      longest = max(longest, run)
    }
    if longest > 24 { return " long" }
    return !text.contains(" ") && text.count <= 10 ? " nw" : ""
  }

  /// Escaped header or cell text with a line-break opportunity after `_` and `/`
  /// (`missing_customer_id`, `predicted / actual`), so it wraps instead of widening the
  /// table.
  static func breakable(_ title: String) -> String {
    HTMLEscaping.escape(title).replacingOccurrences(of: "/", with: "/<wbr/>")
      .replacingOccurrences(of: "_", with: "_<wbr/>")
  }

  private static func alignClass(_ a: ColumnAlignment) -> String {
    switch a {
    case .left: return "txt"
    case .center: return "ctr"
    case .right: return "num"
    }
  }
}
