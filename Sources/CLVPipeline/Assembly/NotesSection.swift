import CLVReport

/// The analyst's own words (`--notes notes.md`): the first section of the report and of
/// its Markdown twin, rendered from GitHub-flavoured Markdown by cmark-gfm and made inert
/// (raw HTML shown as text, images not loaded, links shown with their address).
enum NotesSection {
  static func make(_ s: RunSummary) -> ReportSection? {
    guard let notes = s.notes, !notes.source.allSatisfy(\.isWhitespace) else { return nil }
    return ReportSection(id: "notes", title: "Analyst notes", blocks: [.markdown(notes.source)])
  }
}
