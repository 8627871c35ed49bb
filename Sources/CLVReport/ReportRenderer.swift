import Mustache

/// Renders a `ReportDocument` to HTML and Markdown with the Mustache templates in a folder:
/// `report.html.mustache`, `report.md.mustache` and their `partials/`.
///
/// ```swift
/// let renderer = try await ReportRenderer(templatesDirectory: TemplateLocator.locate(explicit: dir))
/// let report = try renderer.render(document)
/// try AtomicWriter.write(report.files + extraFiles, to: outputURL)
/// ```
package struct ReportRenderer: Sendable {
  /// The folder the templates were loaded from.
  package let templatesDirectory: String
  private let library: MustacheLibrary

  /// Template names (relative path without `.mustache`) the renderer needs.
  package static let requiredTemplates = ["report.html", "report.md"]

  /// Loads every `*.mustache` under `templatesDirectory`.
  package init(templatesDirectory: String) async throws {
    precondition(XHTMLContentType.registered)
    do {
      library = try await MustacheLibrary(directory: templatesDirectory)
    } catch let error as MustacheLibrary.ParserError {
      throw ReportRenderError.templateSyntax(file: error.filename, message: "\(error.error)")
    }
    for name in Self.requiredTemplates where library.getTemplate(named: name) == nil {
      throw ReportRenderError.missingTemplate(name: name, directory: templatesDirectory)
    }
    self.templatesDirectory = templatesDirectory
  }

  /// Locates the templates (see `TemplateLocator`) and loads them.
  package static func locatingTemplates(explicit: String? = nil) async throws -> ReportRenderer {
    try await ReportRenderer(templatesDirectory: TemplateLocator.locate(explicit: explicit))
  }

  /// Renders the document. Duplicate section ids get `-2`, `-3`, … suffixes; colliding
  /// figure ids throw `ReportRenderError.duplicateFigureID`.
  package func render(_ document: ReportDocument) throws -> RenderedReport {
    let document = document.withUniqueSectionIDs()
    let figures = document.figures
    var seen = Set<String>()
    for f in figures where !seen.insert(f.id).inserted { throw ReportRenderError.duplicateFigureID(f.id) }
    guard let html = library.render(HTMLContext.make(document), withTemplate: "report.html") else {
      throw ReportRenderError.missingTemplate(name: "report.html", directory: templatesDirectory)
    }
    guard let markdown = library.render(MarkdownContext.make(document), withTemplate: "report.md") else {
      throw ReportRenderError.missingTemplate(name: "report.md", directory: templatesDirectory)
    }
    return RenderedReport(
      html: html, markdown: MarkdownContext.tidy(markdown),
      figures: figures.map { FigureFile(name: $0.fileName, svg: $0.svg()) })
  }
}
