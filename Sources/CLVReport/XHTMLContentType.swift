import Mustache

/// Mustache content type `XHTML`: `{{value}}` is escaped with `HTMLEscaping`, which also
/// replaces characters XML forbids. Templates select it with `{{% CONTENT_TYPE: XHTML}}`
/// (each partial too: swift-mustache resets partials to its own HTML escaping).
struct XHTMLContentType: MustacheContentType {
  func escapeText(_ text: String) -> String { HTMLEscaping.escape(text) }

  /// Registers the content type once per process, before templates are parsed.
  static let registered: Bool = {
    MustacheContentTypes.register(XHTMLContentType(), named: "XHTML")
    return true
  }()
}
