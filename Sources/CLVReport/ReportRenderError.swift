/// Why a report could not be rendered.
package enum ReportRenderError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The templates folder lacks a template the renderer needs.
  case missingTemplate(name: String, directory: String)
  /// A template does not parse.
  case templateSyntax(file: String, message: String)
  /// Two figures share an id, so their files and SVG ids would collide.
  case duplicateFigureID(String)

  /// What went wrong and what to do.
  package var description: String {
    switch self {
    case .missingTemplate(let name, let directory):
      return
        "template '\(name).mustache' is missing in \(directory); restore it or point --templates at a complete folder"
    case .templateSyntax(let file, let message):
      return "template \(file) does not parse: \(message)"
    case .duplicateFigureID(let id):
      return "two figures have the id '\(id)'; give each figure a unique id"
    }
  }
}
