import CCmarkGFM
import Foundation

/// GitHub-flavoured Markdown → HTML with libcmark-gfm (tables, strikethrough, autolink,
/// tagfilter). Safe mode: raw HTML is omitted and `javascript:` links are dropped, so the
/// output is XHTML-compatible and script-free. Reference: GFM spec 0.29; cmark-gfm(3).
public enum GFMMarkdown {
  /// Registers the core extensions once per process (thread-safe lazy static).
  private static let registered: Bool = {
    cmark_gfm_core_extensions_ensure_registered()
    return true
  }()

  /// Renders `markdown` to HTML in safe mode.
  public static func html(_ markdown: String) -> String {
    precondition(registered)
    let options = CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8
    guard let parser = cmark_parser_new(options) else { return "" }
    defer { cmark_parser_free(parser) }
    for name in ["table", "strikethrough", "autolink", "tagfilter"] {
      if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
    }
    let count = markdown.utf8.count
    markdown.withCString { cmark_parser_feed(parser, $0, count) }
    guard let document = cmark_parser_finish(parser) else { return "" }
    defer { cmark_node_free(document) }
    guard let output = cmark_render_html(document, options, cmark_parser_get_syntax_extensions(parser)) else { return "" }
    defer { free(output) }
    return String(cString: output)
  }
}
