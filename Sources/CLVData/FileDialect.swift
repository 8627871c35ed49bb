/// How one input file was read — what was detected and what was set — for the log, the
/// report's data-quality section and `metrics.json`. Every value is a short phrase that
/// says the choice and where it came from, e.g. `';' (detected)`, `decimal comma
/// (detected from line 2: '12,50')`, `%d.%m.%Y (set)`.
package struct FileDialect: Codable, Equatable, Sendable {
  /// `file`, `standard input`, `pipe` or `memory`.
  package var source = "file"
  /// `gzip` when the file was decompressed while reading.
  package var compression: String?
  /// The text encoding, e.g. `UTF-8 with byte-order mark`, `Windows-1252 (detected: …)`.
  package var encoding = "UTF-8"
  /// The field delimiter and how it was found.
  package var delimiter = "','"
  /// `LF` or `CRLF`, from the first line.
  package var lineEnding = "LF"
  /// Per number column (by role, e.g. `amount`): its decimal mark and how it was decided,
  /// the thousands separators and currency signs seen.
  package var numbers: [String: String] = [:]
  /// Per date column (by role, e.g. `date`): the format and how it was decided.
  package var dates: [String: String] = [:]

  /// The defaults of a plain UTF-8 comma-separated file.
  package init() {}
}

extension FileDialect {
  /// All of it on one line, for the log.
  package var logLine: String {
    var parts = [source + (compression.map { ", \($0)" } ?? ""), encoding, "delimiter \(delimiter)", lineEnding]
    parts += dates.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
    parts += numbers.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
    return parts.joined(separator: "; ")
  }
}
