/// One figure file of a rendered report.
package struct FigureFile: Sendable, Equatable {
  /// Relative path, `figures/<id>.svg`.
  package let name: String
  /// The SVG document.
  package let svg: String
}

/// The rendered report: the HTML page, its Markdown twin and the figure files.
package struct RenderedReport: Sendable, Equatable {
  /// `report.html`: self-contained polyglot XHTML.
  package let html: String
  /// `report.md`: GitHub-flavoured Markdown linking to `figures/*.svg`.
  package let markdown: String
  /// The figures, in document order.
  package let figures: [FigureFile]

  /// All files to write: `report.html`, `report.md` and the figures (for `AtomicWriter`).
  package var files: [OutputFile] {
    [OutputFile(path: "report.html", text: html), OutputFile(path: "report.md", text: markdown)]
      + figures.map { OutputFile(path: $0.name, text: $0.svg) }
  }
}
