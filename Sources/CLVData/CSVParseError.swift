/// A CSV syntax error, located like Go's `encoding/csv.ParseError`: the file, the
/// 1-based line where the record starts, the line and byte column of the problem.
package struct CSVParseError: Error, Equatable, Sendable, CustomStringConvertible {
  /// What went wrong.
  package enum Kind: Equatable, Sendable {
    /// A quoted field whose closing quote never comes (runs to the end of the file).
    case unterminatedQuote
    /// A closing quote followed by something other than a comma or line end, as in
    /// `"abc"x`.
    case characterAfterQuote(UInt8)
  }

  /// File name as given to the reader.
  package var file: String
  /// 1-based line where the record containing the error starts.
  package var recordLine: Int
  /// 1-based line of the error itself (later than `recordLine` inside multi-line fields).
  package var line: Int
  /// 1-based byte column of the error on `line`.
  package var column: Int
  /// The kind of error.
  package var kind: Kind

  /// Creates an error value.
  package init(file: String, recordLine: Int, line: Int, column: Int, kind: Kind) {
    self.file = file
    self.recordLine = recordLine
    self.line = line
    self.column = column
    self.kind = kind
  }

  /// The message shown to the user: where, what, and how to fix it.
  package var description: String {
    let place = "\(file):\(line):\(column)"
    switch kind {
    case .unterminatedQuote:
      return "\(place): the quoted field that opens on line \(recordLine) is never closed "
        + "(the file ends inside quotes). Close the field with a '\"', or write a literal "
        + "quote inside a quoted field as '\"\"'."
    case .characterAfterQuote(let b):
      let shown = b >= 32 && b < 127 ? "'\(Character(Unicode.Scalar(b)))'" : "byte \(b)"
      return "\(place): \(shown) follows the closing quote of a field in the record starting "
        + "on line \(recordLine); a quoted field must end at the field delimiter or a line end. Write a "
        + "literal quote inside a quoted field as '\"\"'."
    }
  }
}
