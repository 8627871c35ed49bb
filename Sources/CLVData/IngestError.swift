/// Why an input file cannot be loaded at all, with the file, the facts and what to do.
///
/// Bad *rows* are not errors: they are quarantined and counted in ``IngestSummary``.
/// Only when too many rows are bad (``tooManyBadRows``) does loading fail.
package enum IngestError: Error, Equatable, Sendable, CustomStringConvertible {
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
  /// More rows than ``FileReadSettings/maxBadRowFraction`` allows were quarantined;
  /// `counts` per reason code, `firstBad` the first rows of each reason (file order),
  /// `option` the flags that raise the limit (for every file, and for this one alone).
  case tooManyBadRows(
    path: String, badRows: Int, dataRows: Int, maxFraction: Double, counts: [String: Int],
    firstBad: [QuarantinedRow], option: SettingHint)
  /// The file is not delimited text (Parquet, a zip or Excel workbook, another compression).
  case unsupportedFormat(path: String, format: String, advice: String)
  /// The gzip data is damaged or cut off.
  case corruptCompressed(path: String, reason: String)
  /// A number column whose values read the same with either decimal mark (`1,234` only).
  case ambiguousDecimal(path: String, column: String, examples: [String], option: SettingHint)
  /// A date column whose values read with either day or month first (`05/01/2023` only).
  case ambiguousDates(path: String, column: String, examples: [String], formats: [String], option: SettingHint)
  /// More than one column could be the one for `role`, and none is named.
  case ambiguousColumn(path: String, role: String, candidates: [String], option: SettingHint)

  /// The message shown to the user.
  package var description: String {
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
      return "\(path): the file has a header (\(MessageText.list(columns))) but no data "
        + "rows. Export the data again with its rows."
    case .missingColumn(let path, let role, let column, let available, let suggestion):
      var s =
        "\(path): no column '\(MessageText.shortened(column))' (needed for the \(role)). Columns in the file: "
        + MessageText.list(available) + "."
      if let suggestion { s += " Did you mean '\(MessageText.shortened(suggestion))'?" }
      return s + " Name the column with the matching option (e.g. --\(role)-column NAME)."
    case .malformedCSV(let e):
      return e.description
    case .badDateFormat(let e):
      return e.description
    case .tooManyBadRows(let path, let bad, let total, let maxFraction, let counts, let firstBad, let option):
      let share = Double(bad) / Double(max(total, 1))
      let needed = (share * 1000).rounded(.up) / 1000
      // Reasons by count (largest first), each with its first lines.
      let reasons = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { reason, n in
        let lines = firstBad.filter { $0.reason.rawValue == reason }.prefix(3)
          .map { "line \($0.line): \($0.detail)" }
        return "\(reason) \(n) (" + lines.joined(separator: "; ") + ")"
      }
      return "\(path): \(bad) of \(total) data rows (\(percent(share))) could not be used; "
        + "the limit is \(percent(maxFraction)). By reason: " + reasons.joined(separator: "; ")
        + ". Fix these rows, check --date-format, --decimal and the column options, or accept the loss "
        + "with \(option) \(needed)\(option.alone) (the bad rows are then quarantined and listed in the report). "
        + "Rows without a customer id are not bad rows and are not counted here."
    case .unsupportedFormat(let path, let format, let advice):
      return "\(path): this is \(format), not a delimited text file. Only CSV-like text (plain or .gz) is read: "
        + advice.replacingOccurrences("FILE", path.fileStem) + "."
    case .corruptCompressed(let path, let reason):
      return "\(path): cannot decompress: \(reason)."
    case .ambiguousDecimal(let path, let column, let examples, let option):
      return "\(path): the numbers in column '\(column)' read two ways: "
        + examples.map { "'\($0)'" }.joined(separator: ", ")
        + " could use a decimal point with thousands separators (1,234 = 1234) or a decimal comma (1,234 = 1.234), "
        + "and no value in the column tells which. Say which with \(option) point or \(option) comma\(option.alone)."
    case .ambiguousDates(let path, let column, let examples, let formats, let option):
      return "\(path): the dates in column '\(column)' read two ways: "
        + examples.map { "'\($0)'" }.joined(separator: ", ")
        + " could have the day or the month first, and no value in the column tells which. Say which with "
        + formats.map { "\(option) '\($0)'" }.joined(separator: " or ") + "\(option.alone)."
    case .ambiguousColumn(let path, let role, let candidates, let option):
      return "\(path): no column is named for the \(role), and several could be it: "
        + candidates.map { "'\($0)'" }.joined(separator: ", ")
        + ". Name the one to use with \(option) NAME\(option.alone)."
    }
  }

  private func percent(_ x: Double) -> String {
    let tenths = (x * 1000).rounded()
    return "\(Int(tenths) / 10).\(Int(tenths) % 10)%"
  }
}

extension String {
  /// The path without its folder and its last extensions (`data/orders.csv.gz` → `data/orders`),
  /// for advice that names the file to convert.
  fileprivate var fileStem: String {
    var s = self
    for ext in [".gz", ".parquet", ".xlsx", ".xls", ".zst", ".bz2", ".xz", ".zip", ".csv"] where s.hasSuffix(ext) {
      s = String(s.dropLast(ext.count))
    }
    return s
  }
}
