import CLVXMLCheck

/// Why a rendered report was not written: libxml2 could not parse a file, or found
/// something active or external in it. Both are bugs of the tool or of edited
/// templates, never of the input data (every input string is escaped).
package struct ReportCheckError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `report.html` or `figures/<id>.svg`.
  package let file: String
  /// One line per problem: `line N: <element> …` or libxml2's parse message.
  package let problems: [String]

  /// What went wrong, where, and that nothing was written.
  package var description: String {
    let shown = problems.prefix(5).joined(separator: "; ")
    let more = problems.count > 5 ? " (and \(problems.count - 5) more)" : ""
    return "the rendered \(file) failed the libxml2 check, so no output was written: \(shown)\(more)."
      + " This is a bug in clv or in the templates folder; please report it with the templates used."
  }
}

extension RenderedReport {
  /// Parses `report.html` and every figure with libxml2 (``SelfContainedCheck``) before
  /// anything is written: well-formed XML, no `<script>`, no `on…=` attribute, no URL
  /// to another host, no CSS `@import` or external `url(…)`.
  /// - Throws: ``ReportCheckError`` naming the file, element and line.
  package func verify() throws {
    try Self.verify(html, file: "report.html")
    for figure in figures { try Self.verify(figure.svg, file: figure.name) }
  }

  /// Checks one XHTML or SVG document.
  package static func verify(_ text: String, file: String) throws {
    switch SelfContainedCheck.check(text) {
    case .ok:
      return
    case .malformed(let issues):
      throw ReportCheckError(file: file, problems: issues.map { "line \($0.line): \($0.message)" })
    case .active(let issues):
      throw ReportCheckError(file: file, problems: issues.map(\.description))
    }
  }
}
