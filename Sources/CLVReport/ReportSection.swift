/// A titled section of the report with an anchor, blocks and nested subsections.
package struct ReportSection: Sendable, Equatable {
  /// Anchor id (slugified on init), used by the table of contents.
  package internal(set) var id: String
  /// Heading text.
  package var title: String
  /// Content, in order.
  package var blocks: [ReportBlock]
  /// Nested sections (one heading level down).
  package var subsections: [ReportSection]

  /// A section; `id` is turned into a slug.
  package init(id: String, title: String, blocks: [ReportBlock] = [], subsections: [ReportSection] = []) {
    self.id = Slug.make(id)
    self.title = title
    self.blocks = blocks
    self.subsections = subsections
  }
}
