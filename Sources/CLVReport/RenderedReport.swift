/// One figure file of a rendered report.
public struct FigureFile: Sendable, Equatable {
  /// Relative path, `figures/<id>.svg`.
  public let name: String
  /// The SVG document.
  public let svg: String
}

/// The rendered report: the HTML page, its Markdown twin and the figure files.
public struct RenderedReport: Sendable, Equatable {
  /// `report.html`: self-contained polyglot XHTML.
  public let html: String
  /// `report.md`: GitHub-flavoured Markdown linking to `figures/*.svg`.
  public let markdown: String
  /// The figures, in document order.
  public let figures: [FigureFile]

  /// All files to write: `report.html`, `report.md` and the figures (for `AtomicWriter`).
  public var files: [OutputFile] {
    [OutputFile(path: "report.html", text: html), OutputFile(path: "report.md", text: markdown)]
      + figures.map { OutputFile(path: $0.name, text: $0.svg) }
  }
}
