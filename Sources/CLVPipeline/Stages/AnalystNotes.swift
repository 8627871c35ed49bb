import Foundation

/// The notes file named by `--notes` (or `notes =` in the config), read before any
/// work starts so a wrong path costs nothing.
struct AnalystNotes: Sendable {
  /// Path as given.
  var path: String
  /// The Markdown text.
  var source: String

  /// Largest notes file accepted (a weekly note, not a document).
  static let maximumBytes = 1 << 20

  /// - Throws: ``PipelineError/notesUnreadable(path:reason:)`` for a missing, unreadable,
  ///   oversized or non-UTF-8 file.
  static func load(path: String) throws -> AnalystNotes {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw PipelineError.notesUnreadable(path: path, reason: "no such file")
    }
    guard !isDirectory.boolValue else { throw PipelineError.notesUnreadable(path: path, reason: "it is a folder") }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw PipelineError.notesUnreadable(path: path, reason: "the file cannot be read (permissions?)")
    }
    guard data.count <= maximumBytes else {
      throw PipelineError.notesUnreadable(
        path: path, reason: "it has \(data.count) bytes; notes may have at most \(maximumBytes)")
    }
    guard var text = String(data: data, encoding: .utf8) else {
      throw PipelineError.notesUnreadable(path: path, reason: "it is not UTF-8 text")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    return AnalystNotes(path: path, source: text)
  }
}
