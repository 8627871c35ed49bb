import Foundation

/// Writes a set of files as one unit: everything goes into a hidden staging directory next
/// to the target (same file system, so renames are atomic), which then replaces the target
/// with two `rename(2)` calls (old → backup, staging → target; the backup is then removed).
/// A failure at any step removes the staging directory and leaves the previous output as it
/// was, so a crashed or failed run never leaves a half-written report. The target directory
/// is owned by the writer: files in it that are not part of the new set disappear.
///
/// Limits: between the two renames the target path briefly does not exist (Linux
/// `renameat2(RENAME_EXCHANGE)` would close that gap); no `fsync`, so a power loss may
/// still lose the newest run (never mixes two runs).
public enum AtomicWriter {
  /// Writes `files` to `directory` atomically. `beforeSwap` runs after every file is staged
  /// and before the swap (a test hook to simulate a failure; throwing aborts the write).
  public static func write(
    _ files: [OutputFile], to directory: URL, beforeSwap: () throws -> Void = {}
  ) throws {
    try validate(files)
    let fm = FileManager.default
    let target = directory.standardizedFileURL
    let parent = target.deletingLastPathComponent()
    var isDirectory: ObjCBool = false
    if fm.fileExists(atPath: target.path, isDirectory: &isDirectory), !isDirectory.boolValue {
      throw OutputError.targetNotADirectory(target.path)
    }
    do {
      try fm.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw OutputError.writeFailed(path: parent.path, reason: "\(error)")
    }
    let tag = uniqueTag()
    let staging = parent.appendingPathComponent(".\(target.lastPathComponent).staging-\(tag)")
    let backup = parent.appendingPathComponent(".\(target.lastPathComponent).previous-\(tag)")
    do {
      try fm.createDirectory(at: staging, withIntermediateDirectories: false)
      for file in files {
        let url = staging.appendingPathComponent(file.path)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        do {
          try Data(file.bytes).write(to: url)
        } catch {
          throw OutputError.writeFailed(path: file.path, reason: "\(error)")
        }
      }
      try beforeSwap()
    } catch {
      try? fm.removeItem(at: staging)
      if error is OutputError { throw error }
      throw OutputError.writeFailed(path: staging.path, reason: "\(error)")
    }
    try swap(staging: staging, into: target, backup: backup)
  }

  /// Renames staging → target, keeping the old target as a backup until the new one is in.
  private static func swap(staging: URL, into target: URL, backup: URL) throws {
    let fm = FileManager.default
    let hadPrevious = fm.fileExists(atPath: target.path)
    if hadPrevious, rename(target.path, backup.path) != 0 {
      let reason = String(cString: strerror(errno))
      try? fm.removeItem(at: staging)
      throw OutputError.swapFailed(target: target.path, reason: reason)
    }
    if rename(staging.path, target.path) != 0 {
      let reason = String(cString: strerror(errno))
      if hadPrevious { _ = rename(backup.path, target.path) }
      try? fm.removeItem(at: staging)
      throw OutputError.swapFailed(target: target.path, reason: reason)
    }
    if hadPrevious { try? fm.removeItem(at: backup) }
  }

  /// Rejects absolute paths, `.`/`..` segments, duplicates and file-vs-folder clashes.
  static func validate(_ files: [OutputFile]) throws {
    var seen: [String: String] = [:]
    var folders: [String: String] = [:]
    for file in files {
      let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
      if file.path.isEmpty || file.path.hasPrefix("/") || file.path.contains("\0")
        || parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." })
      {
        throw OutputError.invalidPath(file.path)
      }
      if let other = seen[file.path] ?? folders[file.path] { throw OutputError.conflictingPaths(other, file.path) }
      var prefix = ""
      for part in parts.dropLast() {
        prefix += prefix.isEmpty ? String(part) : "/" + part
        if let other = seen[prefix] { throw OutputError.conflictingPaths(other, file.path) }
        folders[prefix] = file.path
      }
      seen[file.path] = file.path
    }
  }

  /// Process id plus random bits: unique among concurrent runs sharing a parent folder.
  private static func uniqueTag() -> String {
    var generator = SystemRandomNumberGenerator()
    return "\(getpid())-\(String(UInt32.random(in: 0...UInt32.max, using: &generator), radix: 36))"
  }
}
