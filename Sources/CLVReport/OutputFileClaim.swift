import Foundation

/// The rule for a single output file (`clv score -o`): it may replace an existing file
/// only when that file is what an earlier run of the same command wrote.
///
/// - An input of the run is never replaced, not even with `force`; inputs are compared
///   by device and inode (``FileIdentity``), so `./t.csv` vs `t.csv`, symbolic and hard
///   links are all caught.
/// - An existing file is recognised as an earlier output when its first bytes are
///   `expectedStart` (the fixed start of the header line the command writes); any other
///   file needs `force`.
package enum OutputFileClaim {
  /// Checks that `path` may be written.
  /// - Throws: ``OutputTargetError``.
  package static func check(
    _ path: String, option: String, inputs: [String], force: Bool, expectedStart: String
  ) throws {
    guard !path.trimmingCharacters(in: .whitespaces).isEmpty else { throw OutputTargetError.emptyPath(option: option) }
    guard let identity = FileIdentity(path: path) else { return }
    for input in inputs where FileIdentity(path: input) == identity {
      throw OutputTargetError.overwritesInput(path: path, option: option, input: input)
    }
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue {
      throw OutputTargetError.wrongKind(path: path, option: option, expected: "a file")
    }
    if force { return }
    guard let handle = FileHandle(forReadingAtPath: path) else {
      throw OutputTargetError.foreignFile(path: path, option: option, expectedStart: expectedStart)
    }
    defer { try? handle.close() }
    let start = (try? handle.read(upToCount: expectedStart.utf8.count)) ?? Data()
    if start != Data(expectedStart.utf8) {
      throw OutputTargetError.foreignFile(path: path, option: option, expectedStart: expectedStart)
    }
  }
}
