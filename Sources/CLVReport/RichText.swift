/// One run of inline text with a single style. The text is always literal: renderers
/// escape it for their format, so input data can never inject markup.
package enum TextSpan: Sendable, Equatable {
  /// Unstyled text.
  case plain(String)
  /// Strong importance (`<strong>`, `**…**`).
  case strong(String)
  /// Stress emphasis (`<em>`, `*…*`).
  case emphasis(String)
  /// Code, identifiers, file names (`<code>`, backticks).
  case code(String)

  /// The literal text of the span, without styling.
  package var text: String {
    switch self {
    case .plain(let t), .strong(let t), .emphasis(let t), .code(let t): return t
    }
  }
}

/// Inline text made of styled spans, e.g. `RichText(.plain("MAE fell by "), .strong("12 %"))`.
package struct RichText: Sendable, Equatable, ExpressibleByStringLiteral {
  /// The spans, in reading order.
  package var spans: [TextSpan]

  /// Rich text from spans.
  package init(_ spans: [TextSpan]) { self.spans = spans }

  /// Rich text from spans, variadic form.
  package init(_ spans: TextSpan...) { self.spans = spans }

  /// Plain text; a string literal is plain text, never parsed as markup.
  package init(stringLiteral value: String) { self.spans = [.plain(value)] }

  /// Plain text from a string (e.g. from input data).
  package static func plain(_ text: String) -> RichText { RichText([.plain(text)]) }

  /// The text without styling, e.g. for a `<title>` or an `alt`.
  package var plainText: String { spans.map(\.text).joined() }

  /// Concatenation of two rich texts.
  package static func + (lhs: RichText, rhs: RichText) -> RichText { RichText(lhs.spans + rhs.spans) }
}
