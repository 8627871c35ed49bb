/// Why an input file cannot be loaded at all, with the file, the facts and what to do.
///
/// Bad *rows* are not errors: they are quarantined and counted in ``IngestSummary``.
/// Only when too many rows are bad (``tooManyBadRows``) does loading fail.
public enum IngestError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The path does not exist.
  case fileNotFound(path: String)
  /// The file exists but cannot be opened or mapped.
  case unreadable(path: String, reason: String)
  /// The file has zero bytes (or only a byte-order mark / blank lines).
  case emptyFile(path: String)
  /// The file has a header but no data rows.
  case headerOnly(path: String, columns: [String])
  /// A required column is not in the header.
  case missingColumn(
    path: String, role: String, column: String, available: [String], suggestion: String?)
  /// The CSV syntax is broken (e.g. an unterminated quote).
  case malformedCSV(CSVParseError)
  /// The `--date-format` is unusable.
  case badDateFormat(DateFormatError)
  /// More rows than ``FileReadSettings/maxBadRowFraction`` allows were quarantined.
  case tooManyBadRows(
    path: String, badRows: Int, dataRows: Int, maxFraction: Double, firstBad: [QuarantinedRow])

  /// The message shown to the user.
  public var description: String {
    switch self {
    case .fileNotFound(let path):
      return "\(path): no such file. Check the path (relative paths start at the current "
        + "directory) or pass the right one on the command line."
    case .unreadable(let path, let reason):
      return "\(path): cannot read the file (\(reason)). Check its permissions and that it "
        + "is a regular file."
    case .emptyFile(let path):
      return "\(path): the file is empty. Export the data again; the first line must be a "
        + "header such as 'customer_id,order_date,amount'."
    case .headerOnly(let path, let columns):
      return "\(path): the file has a header (\(columns.joined(separator: ", "))) but no data "
        + "rows. Export the data again with its rows."
    case .missingColumn(let path, let role, let column, let available, let suggestion):
      var s = "\(path): no column '\(column)' (needed for the \(role)). Columns in the file: "
        + available.map { "'\($0)'" }.joined(separator: ", ") + "."
      if let suggestion { s += " Did you mean '\(suggestion)'?" }
      return s + " Name the column with the matching option (e.g. --\(role)-column NAME)."
    case .malformedCSV(let e):
      return e.description
    case .badDateFormat(let e):
      return e.description
    case .tooManyBadRows(let path, let bad, let total, let maxFraction, let firstBad):
      let share = Double(bad) / Double(max(total, 1))
      let lines = firstBad.prefix(5).map { "line \($0.line) (\($0.reason.rawValue): \($0.detail))" }
      let needed = (share * 1000).rounded(.up) / 1000
      return "\(path): \(bad) of \(total) data rows (\(percent(share))) could not be used; "
        + "the limit is \(percent(maxFraction)). First bad rows: "
        + lines.joined(separator: "; ") + ". Fix these rows, check --date-format and the "
        + "column options, or accept the loss with --max-bad-rows \(needed) (the bad rows are "
        + "then quarantined and listed in the report)."
    }
  }

  private func percent(_ x: Double) -> String {
    let tenths = (x * 1000).rounded()
    return "\(Int(tenths) / 10).\(Int(tenths) % 10)%"
  }
}
