import Foundation

/// The rule for an output folder: `clv` replaces it as a whole, so it writes only where
/// that loses nothing of the user's.
///
/// A folder may be written when it does not exist, is empty, or was written by `clv`:
/// it holds the marker file ``markerName`` (every folder ``AtomicWriter`` writes gets
/// one), or, for folders written before the marker existed, it holds nothing but `clv`'s
/// output names and a `metrics.json` whose `tool.name` is `clv`. Anything else is
/// refused. `force` allows replacing a folder of foreign files, but never
///
/// - a folder that is, or contains, an input of the run;
/// - the current folder or one of its ancestors (`.`, `..`), the home folder, the root;
/// - a symbolic link (the link, not the folder, would be replaced).
///
/// Paths are compared after resolving links, `.` and `..` (``ResolvedPath``).
package enum OutputFolderClaim {
  /// The marker file written into every output folder.
  package static let markerName = ".clv-report"
  /// The marker's text (fixed, so outputs stay byte-identical).
  package static let markerText = """
    This folder was written by clv report. The next run that writes here replaces the
    whole folder: keep no other files in it.

    """

  /// What `clv report` wrote before the marker existed.
  static let legacyNames: Set<String> = [
    "report.html", "report.md", "figures", "predictions.csv", "backtest.csv", "quarantine.csv",
    "metrics.json", "model.json", "run.json",
  ]

  /// Checks that `path` may be replaced by an output folder.
  /// - Parameters:
  ///   - option: the flag named in messages (`--out`).
  ///   - inputs: every file or folder the run reads.
  ///   - force: whether a folder of foreign files may be replaced.
  /// - Returns: the resolved folder to write.
  /// - Throws: ``OutputTargetError``.
  package static func check(_ path: String, option: String = "--out", inputs: [String], force: Bool) throws -> URL {
    guard !path.trimmingCharacters(in: .whitespaces).isEmpty else { throw OutputTargetError.emptyPath(option: option) }
    let target = ResolvedPath(path)
    let literal = (path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path)
    var link = stat()
    if lstat((literal as NSString).standardizingPath, &link) == 0, (link.st_mode & S_IFMT) == S_IFLNK {
      throw OutputTargetError.symbolicLink(path: path, option: option, destination: target.path)
    }
    if let what = protectedRole(target) {
      throw OutputTargetError.protectedFolder(path: path, option: option, what: what)
    }
    for input in inputs where !input.isEmpty {
      if target.isAncestor(ofOrEqualTo: ResolvedPath(input)) {
        throw OutputTargetError.holdsInput(path: path, option: option, input: input)
      }
    }
    let url = URL(fileURLWithPath: target.path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: target.path, isDirectory: &isDirectory) else { return url }
    guard isDirectory.boolValue else {
      throw OutputTargetError.wrongKind(path: path, option: option, expected: "a folder")
    }
    let entries = ((try? FileManager.default.contentsOfDirectory(atPath: target.path)) ?? []).sorted()
    if entries.isEmpty || isClaimed(url, entries: entries) || force { return url }
    let foreign = entries.filter { !legacyNames.contains($0) }
    let shown = foreign.isEmpty ? entries : foreign
    throw OutputTargetError.foreignContents(
      path: path, option: option, examples: Array(shown.prefix(3)), count: shown.count)
  }

  /// Whether `folder` (holding `entries`) was written by clv.
  static func isClaimed(_ folder: URL, entries: [String]) -> Bool {
    if entries.contains(markerName) { return true }
    guard entries.allSatisfy(legacyNames.contains), entries.contains("metrics.json"),
      let data = FileManager.default.contents(atPath: folder.appendingPathComponent("metrics.json").path),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let tool = root["tool"] as? [String: Any]
    else { return false }
    return tool["name"] as? String == "clv"
  }

  /// Why `target` may never be replaced, or nil.
  static func protectedRole(_ target: ResolvedPath) -> String? {
    if target.path == "/" { return "the root folder" }
    let home = ResolvedPath(NSHomeDirectory())
    if target == home { return "the home folder" }
    if target.isAncestor(ofOrEqualTo: home) { return "an ancestor of the home folder" }
    let current = ResolvedPath(FileManager.default.currentDirectoryPath)
    if target == current { return "the current folder" }
    if target.isAncestor(ofOrEqualTo: current) { return "an ancestor of the current folder" }
    return nil
  }
}
