/// Horizontal alignment of a table column. Numbers are right-aligned so digits line up.
package enum ColumnAlignment: String, Sendable, Equatable {
  /// Text columns.
  case left
  /// Short labels or badges.
  case center
  /// Numeric columns.
  case right
}

/// A table column: its heading and alignment.
package struct TableColumn: Sendable, Equatable {
  /// Heading text.
  package var title: String
  /// Alignment of the column's cells.
  package var alignment: ColumnAlignment

  /// A column with an explicit alignment.
  package init(_ title: String, alignment: ColumnAlignment = .left) {
    self.title = title
    self.alignment = alignment
  }

  /// A left-aligned text column.
  package static func text(_ title: String) -> TableColumn { TableColumn(title, alignment: .left) }
  /// A right-aligned numeric column.
  package static func number(_ title: String) -> TableColumn { TableColumn(title, alignment: .right) }
  /// A centred status column.
  package static func status(_ title: String) -> TableColumn { TableColumn(title, alignment: .center) }
}

/// One table cell: text already formatted by the caller (see `NumberFormatting`) and an
/// optional status badge shown before the text.
package struct TableCell: Sendable, Equatable, ExpressibleByStringLiteral {
  /// The cell's text (literal; escaped by every renderer).
  package var text: String
  /// A status badge, e.g. for gate tables.
  package var status: ReportStatus?

  /// A cell with text and an optional badge.
  package init(_ text: String, status: ReportStatus? = nil) {
    self.text = text
    self.status = status
  }

  /// A plain text cell.
  package init(stringLiteral value: String) { self.init(value) }

  /// A cell that shows only a status badge.
  package static func badge(_ status: ReportStatus) -> TableCell { TableCell("", status: status) }
}

/// One table row with an optional row-level status (tints the row) and emphasis (bold).
package struct TableRow: Sendable, Equatable {
  /// The cells, one per column.
  package var cells: [TableCell]
  /// Row status, e.g. the gate's outcome; tints the row in HTML.
  package var status: ReportStatus?
  /// Whether the row is emphasised (e.g. the chosen model, a total).
  package var emphasized: Bool

  /// A row.
  package init(_ cells: [TableCell], status: ReportStatus? = nil, emphasized: Bool = false) {
    self.cells = cells
    self.status = status
    self.emphasized = emphasized
  }
}

/// A data table with a caption, typed columns and rows of formatted cells.
package struct ReportTable: Sendable, Equatable {
  /// Caption saying what the table shows (optional).
  package var caption: String?
  /// The columns.
  package var columns: [TableColumn]
  /// The rows; each has exactly `columns.count` cells.
  package var rows: [TableRow]

  /// A table. Precondition: every row has one cell per column.
  package init(caption: String? = nil, columns: [TableColumn], rows: [TableRow]) {
    precondition(!columns.isEmpty, "a table needs at least one column")
    for row in rows {
      precondition(
        row.cells.count == columns.count,
        "table row has \(row.cells.count) cells for \(columns.count) columns")
    }
    self.caption = caption
    self.columns = columns
    self.rows = rows
  }
}
