/// One block of content inside a report section.
package enum ReportBlock: Sendable, Equatable {
  /// A paragraph of rich text.
  case paragraph(RichText)
  /// A bulleted list, one rich-text item per bullet.
  case bulletList([RichText])
  /// Label → value pairs (run facts, settings), shown as a two-column definition table.
  case keyValues([KeyValue])
  /// A data table.
  case table(ReportTable)
  /// A chart with its caption, finding and data table.
  case figure(ReportFigure)
  /// A highlighted note or warning.
  case callout(Callout)
  /// A collapsible group of blocks (`<details>` in HTML, a plain sub-block in Markdown).
  case details(summary: String, blocks: [ReportBlock])
  /// Markdown a person wrote for the report (e.g. the analyst's notes), rendered inert
  /// with cmark-gfm (``GFMMarkdown/inertHTML(_:headingOffset:)``: raw HTML shown as text,
  /// images not loaded, links shown with their address); `#` headings nest two levels
  /// under the page title. Never pass input data here: use `.paragraph` with `RichText`.
  case markdown(String)
}

/// A label and its value, e.g. "Calibration window" → "2023-01-01 … 2023-12-31".
package struct KeyValue: Sendable, Equatable {
  /// The label.
  package var key: String
  /// The value.
  package var value: RichText

  /// A key-value pair.
  package init(_ key: String, _ value: RichText) {
    self.key = key
    self.value = value
  }
}

/// Kind of a callout box.
package enum CalloutKind: String, Sendable, Equatable {
  /// Background information.
  case note
  /// Something the reader must not miss.
  case warning
}

/// A highlighted box with a kind, an optional title and text.
package struct Callout: Sendable, Equatable {
  /// Note or warning.
  package var kind: CalloutKind
  /// Short title; defaults to "Note" / "Warning".
  package var title: String?
  /// The message.
  package var text: RichText

  /// A callout.
  package init(_ kind: CalloutKind, title: String? = nil, _ text: RichText) {
    self.kind = kind
    self.title = title
    self.text = text
  }
}
