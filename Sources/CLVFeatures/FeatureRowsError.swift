/// Feature rows (`clv features` output) that cannot be read or put together.
package struct FeatureRowsError: Error, Equatable, CustomStringConvertible {
  /// The file (or `-` for standard input).
  package var file: String
  /// 1-based line, 0 when the fault is not on one line.
  package var line: Int
  /// What is wrong and what to do.
  package var message: String

  /// Creates the error.
  package init(file: String, line: Int, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: message`.
  package var description: String {
    "feature rows \(file)\(line > 0 ? ":\(line)" : ""): \(message)"
  }
}
