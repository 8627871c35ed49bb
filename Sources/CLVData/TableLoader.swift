/// What the three loaders (``TransactionLoader``, ``ProfileLoader``, ``EventLoader``)
/// have in common: one ``FileReadSettings`` value, a kind (`"transactions"`, …), and a
/// `read` of an open ``IngestSession`` into their table. The ways to hand them a file
/// (a path, bytes in memory) are written once, here.
package protocol TableLoader: Sendable {
  /// The loaded table with its summary, e.g. `(log: TransactionLog, summary: IngestSummary)`.
  associatedtype Output
  /// The file kind, as in ``IngestSummary/kind``.
  static var kind: String { get }
  /// How to read the file.
  var settings: FileReadSettings { get }
  /// Reads the session's records into the table (the session has read the header).
  func read(_ session: inout IngestSession) throws -> Output
}

extension TableLoader {
  /// Loads the file at `path` (`-`: standard input; pipes and `.gz` files too, see
  /// ``InputText``).
  /// - Throws: ``IngestError`` (missing/empty file, unsupported format, missing column,
  ///   broken CSV, bad date format, too many bad rows).
  package func load(path: String) throws -> Output {
    try load(try InputText(path: path, encoding: settings.encoding))
  }

  /// Loads file contents held in memory; `path` is used in messages and the summary.
  package func load(bytes: [UInt8], path: String) throws -> Output {
    try bytes.withUnsafeBufferPointer { try load(bytes: $0, path: path) }
  }

  /// Loads file contents; `path` is used in messages and the summary.
  package func load(bytes: UnsafeBufferPointer<UInt8>, path: String) throws -> Output {
    try load(try InputText(bytes: bytes, path: path, encoding: settings.encoding))
  }

  /// Loads an input's text.
  package func load(_ input: InputText) throws -> Output {
    var session = try IngestSession(input: input, kind: Self.kind, settings: settings)
    return try read(&session)
  }
}
