/// Feature rows (`clv features` output) that cannot be read or put together.
public struct FeatureRowsError: Error, Equatable, CustomStringConvertible {
  /// The file (or `-` for standard input).
  public var file: String
  /// 1-based line, 0 when the fault is not on one line.
  public var line: Int
  /// What is wrong and what to do.
  public var message: String

  /// Creates the error.
  public init(file: String, line: Int, _ message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  /// `file:line: message`.
  public var description: String {
    "feature rows \(file)\(line > 0 ? ":\(line)" : ""): \(message)"
  }
}
