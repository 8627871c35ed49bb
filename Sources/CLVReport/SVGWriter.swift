/// A minimal SVG/XML writer: one element per line, attribute values and text always
/// escaped with `HTMLEscaping`, so labels from input data cannot break the markup.
struct SVGWriter {
  /// The markup written so far.
  private(set) var text = ""

  /// Opens `<name attrs…>`.
  mutating func open(_ name: String, _ attributes: [(String, String)] = []) {
    text += "<\(name)\(Self.render(attributes))>\n"
  }

  /// Closes `</name>`.
  mutating func close(_ name: String) { text += "</\(name)>\n" }

  /// Writes an empty element `<name attrs…/>`.
  mutating func leaf(_ name: String, _ attributes: [(String, String)]) {
    text += "<\(name)\(Self.render(attributes))/>\n"
  }

  /// Writes `<name attrs…>escaped content</name>`.
  mutating func element(_ name: String, _ attributes: [(String, String)], content: String) {
    text += "<\(name)\(Self.render(attributes))>\(HTMLEscaping.escape(content))</\(name)>\n"
  }

  /// ` k="v"` pairs in the given order (order is part of golden files).
  static func render(_ attributes: [(String, String)]) -> String {
    attributes.map { " \($0.0)=\"\(HTMLEscaping.escape($0.1))\"" }.joined()
  }
}

/// Number → SVG attribute text with two decimals (see `SVGNumber`).
func px(_ x: Double) -> String { SVGNumber.format(x, digits: 2) }
