import CCmarkGFM
import Foundation

/// GitHub-flavoured Markdown with libcmark-gfm (tables, strikethrough, autolink, tagfilter,
/// task lists). Reference: GFM spec 0.29; cmark-gfm(3).
///
/// ``html(_:)`` is cmark's safe mode (raw HTML omitted, `javascript:` links dropped).
/// ``inertHTML(_:headingOffset:)`` and ``inertMarkdown(_:headingOffset:)`` render text a
/// person wrote for the report (the analyst's notes) so that it stays inert in a document
/// that is mailed around: raw HTML is shown as text, never passed through; an image is never
/// loaded (it becomes its alt text and its address); in the HTML page a link is shown as its
/// text and its address, never as a live `href` (the page links to no other host); in the
/// Markdown twin links to `http(s):`/`mailto:`/relative targets stay links.
package enum GFMMarkdown {
  /// Registers the core extensions once per process (thread-safe lazy static).
  private static let registered: Bool = {
    cmark_gfm_core_extensions_ensure_registered()
    return true
  }()

  private static let extensions = ["table", "strikethrough", "autolink", "tagfilter", "tasklist"]

  /// Renders `markdown` to HTML in safe mode.
  package static func html(_ markdown: String) -> String {
    render(markdown, transform: nil, output: .html)
  }

  /// The notes' HTML: inert (see the type's documentation); `# …` becomes
  /// `h(1 + headingOffset)` so the notes nest under their section's heading.
  package static func inertHTML(_ markdown: String, headingOffset: Int = 0) -> String {
    render(markdown, transform: { neutralise($0, keepLinks: false, headingOffset: headingOffset) }, output: .html)
  }

  /// The notes as GitHub-flavoured Markdown for the Markdown twin: the same document,
  /// normalised by cmark, with raw HTML turned into text and images into text.
  package static func inertMarkdown(_ markdown: String, headingOffset: Int = 0) -> String {
    render(markdown, transform: { neutralise($0, keepLinks: true, headingOffset: headingOffset) }, output: .commonMark)
  }

  private enum Output { case html, commonMark }

  private static func render(
    _ markdown: String, transform: ((OpaquePointer) -> Void)?, output: Output
  ) -> String {
    precondition(registered)
    let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
    guard let parser = cmark_parser_new(options) else { return "" }
    defer { cmark_parser_free(parser) }
    for name in extensions {
      if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
    }
    let count = markdown.utf8.count
    markdown.withCString { cmark_parser_feed(parser, $0, count) }
    guard let document = cmark_parser_finish(parser) else { return "" }
    defer { cmark_node_free(document) }
    transform?(document)
    let rendered: UnsafeMutablePointer<CChar>?
    switch output {
    case .html: rendered = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser))
    case .commonMark: rendered = cmark_render_commonmark(document, options, 0)
    }
    guard let rendered else { return "" }
    defer { free(rendered) }
    return String(cString: rendered)
  }

  // MARK: - Making a document inert

  private static func nodes(_ root: OpaquePointer) -> [OpaquePointer] {
    var out = [OpaquePointer]()
    guard let iter = cmark_iter_new(root) else { return out }
    defer { cmark_iter_free(iter) }
    while true {
      let event = cmark_iter_next(iter)
      if event == CMARK_EVENT_DONE { break }
      if event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iter) { out.append(node) }
    }
    return out
  }

  private static func string(_ p: UnsafePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }

  /// The literal text under `node` (text, code, line breaks as spaces).
  private static func plainText(_ node: OpaquePointer) -> String {
    nodes(node).map { n -> String in
      let type = cmark_node_get_type(n)
      if type == CMARK_NODE_TEXT || type == CMARK_NODE_CODE { return string(cmark_node_get_literal(n)) }
      if type == CMARK_NODE_SOFTBREAK || type == CMARK_NODE_LINEBREAK { return " " }
      return ""
    }.joined()
  }

  private static func node(_ type: cmark_node_type, literal: String) -> OpaquePointer? {
    guard let n = cmark_node_new(type) else { return nil }
    _ = literal.withCString { cmark_node_set_literal(n, $0) }
    return n
  }

  /// Whether a link target is one the Markdown twin may keep as a link.
  static func isPlainLinkTarget(_ url: String) -> Bool {
    let lower = url.lowercased()
    if lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:") { return true }
    guard let colon = lower.firstIndex(of: ":") else { return true }  // relative or #fragment
    return lower[..<colon].contains("/") || lower[..<colon].contains("#")  // "a/b:c" is a path
  }

  /// Replaces raw HTML by text, images by "alt (image not loaded: url)", and — unless
  /// `keepLinks` — links by "text (url)"; shifts heading levels by `headingOffset`.
  private static func neutralise(_ root: OpaquePointer, keepLinks: Bool, headingOffset: Int) {
    // Innermost first (reverse document order), so an image inside a link is handled first.
    for n in nodes(root).reversed() {
      let type = cmark_node_get_type(n)
      if type == CMARK_NODE_HEADING {
        _ = cmark_node_set_heading_level(n, Int32(min(6, Int(cmark_node_get_heading_level(n)) + headingOffset)))
      } else if type == CMARK_NODE_HTML_BLOCK {
        let literal = string(cmark_node_get_literal(n)).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let paragraph = cmark_node_new(CMARK_NODE_PARAGRAPH), let text = node(CMARK_NODE_TEXT, literal: literal)
        else { continue }
        _ = cmark_node_append_child(paragraph, text)
        _ = cmark_node_replace(n, paragraph)
        cmark_node_free(n)
      } else if type == CMARK_NODE_HTML_INLINE {
        guard let text = node(CMARK_NODE_TEXT, literal: string(cmark_node_get_literal(n))) else { continue }
        _ = cmark_node_replace(n, text)
        cmark_node_free(n)
      } else if type == CMARK_NODE_IMAGE {
        let alt = plainText(n)
        let url = string(cmark_node_get_url(n))
        let shown = (alt.isEmpty ? "image" : alt) + " (image not loaded: " + url + ")"
        guard let text = node(CMARK_NODE_TEXT, literal: shown) else { continue }
        _ = cmark_node_replace(n, text)
        cmark_node_free(n)
      } else if type == CMARK_NODE_LINK {
        let url = string(cmark_node_get_url(n))
        if keepLinks && isPlainLinkTarget(url) { continue }
        let label = plainText(n)
        while let child = cmark_node_first_child(n) { _ = cmark_node_insert_before(n, child) }
        let bare = url.replacingOccurrences(of: "mailto:", with: "")
        let sameAsText = label == url || label == bare || "http://" + label == url || "https://" + label == url
        if !url.isEmpty && !sameAsText {
          if let open = node(CMARK_NODE_TEXT, literal: " ("), let code = node(CMARK_NODE_CODE, literal: url),
            let close = node(CMARK_NODE_TEXT, literal: ")")
          {
            _ = cmark_node_insert_before(n, open)
            _ = cmark_node_insert_before(n, code)
            _ = cmark_node_insert_before(n, close)
          }
        } else if label.isEmpty, let code = node(CMARK_NODE_CODE, literal: url) {
          _ = cmark_node_insert_before(n, code)
        }
        cmark_node_unlink(n)
        cmark_node_free(n)
      }
    }
  }
}
