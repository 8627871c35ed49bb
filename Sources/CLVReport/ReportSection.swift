/// A titled section of the report with an anchor, blocks and nested subsections.
public struct ReportSection: Sendable, Equatable {
  /// Anchor id (slugified on init), used by the table of contents.
  public internal(set) var id: String
  /// Heading text.
  public var title: String
  /// Content, in order.
  public var blocks: [ReportBlock]
  /// Nested sections (one heading level down).
  public var subsections: [ReportSection]

  /// A section; `id` is turned into a slug.
  public init(id: String, title: String, blocks: [ReportBlock] = [], subsections: [ReportSection] = []) {
    self.id = Slug.make(id)
    self.title = title
    self.blocks = blocks
    self.subsections = subsections
  }
}
