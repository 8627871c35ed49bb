import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a set of files as one unit: everything goes into a hidden staging directory next
/// to the target (same file system, so renames are atomic), which then takes the target's
/// place. A failure at any step removes the staging directory and leaves the previous
/// output as it was, so a crashed, failed or killed run never leaves a half-written report.
/// The target directory is owned by the writer: files in it that are not part of the new
/// set disappear; every folder it writes holds the marker ``OutputFolderClaim/markerName``
/// (see ``OutputFolderClaim`` for which folders a caller may pass).
///
/// The swap is one `renameat2(RENAME_EXCHANGE)` (Linux ≥ 3.15): the target path holds the
/// old or the new folder at every instant. Where the call is missing or unsupported by the
/// file system, two `rename(2)` calls are used (old → backup, staging → target), which
/// leave the target path briefly absent.
///
/// Leftovers of killed runs — `.NAME.staging-PID-…` and `.NAME.previous-PID-…` next to the
/// target — are cleared at the next write, but only those whose process is gone: a
/// `previous` folder is moved back when the target is missing (a run killed between the
/// two renames), everything else is deleted.
///
/// Limits: no `fsync`, so a power loss may still lose the newest run (never mixes two
/// runs).
package enum AtomicWriter {
  /// Writes `files` to `directory` atomically. `beforeSwap` runs after every file is staged
  /// and before the swap (a test hook to simulate a failure; throwing aborts the write).
  package static func write(
    _ files: [OutputFile], to directory: URL, beforeSwap: () throws -> Void = {}
  ) throws {
    let files = files + [OutputFile(path: OutputFolderClaim.markerName, text: OutputFolderClaim.markerText)]
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
    recoverLeftovers(of: target)
    let tag = uniqueTag()
    let staging = parent.appendingPathComponent(".\(target.lastPathComponent).staging-\(tag)")
    let backup = parent.appendingPathComponent(".\(target.lastPathComponent).previous-\(tag)")
    do {
      try fm.createDirectory(at: staging, withIntermediateDirectories: false)
      for (index, file) in files.enumerated() {
        let url = staging.appendingPathComponent(file.path)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try write(file, to: url.path)
        if index == 0 { TestPause.at("staging") }
      }
      TestPause.at("staged")
      try beforeSwap()
    } catch {
      remove(staging)
      if error is OutputError { throw error }
      throw OutputError.writeFailed(path: staging.path, reason: "\(error)")
    }
    try swap(staging: staging, into: target, backup: backup)
  }

  /// Writes one file's bytes (made in pieces for a produced file) to a new file at `path`,
  /// with no copy of them in between.
  static func write(_ file: OutputFile, to path: String) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o666)
    guard fd >= 0 else { throw OutputError.writeFailed(path: file.path, reason: String(cString: strerror(errno))) }
    var closed = false
    defer { if !closed { close(fd) } }
    let put = { (bytes: [UInt8]) throws in try writeAll(bytes, to: fd, name: file.path) }
    switch file.contents {
    case .bytes(let bytes): try put(bytes)
    case .produced(let make):
      do {
        try make(put)
      } catch let e as OutputError {
        throw e
      } catch {
        throw OutputError.writeFailed(path: file.path, reason: "\(error)")
      }
    }
    closed = true
    if close(fd) != 0 { throw OutputError.writeFailed(path: file.path, reason: String(cString: strerror(errno))) }
  }

  /// `write(2)` until every byte is out (short writes and EINTR retried).
  private static func writeAll(_ bytes: [UInt8], to fd: Int32, name: String) throws {
    try bytes.withUnsafeBytes { raw in
      var offset = 0
      while offset < raw.count {
        let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
        if n < 0 {
          if errno == EINTR { continue }
          throw OutputError.writeFailed(path: name, reason: String(cString: strerror(errno)))
        }
        offset += n
      }
    }
  }

  /// Puts staging in the target's place; the old target ends up in staging (exchange) or
  /// in backup (two renames) and is then removed.
  private static func swap(staging: URL, into target: URL, backup: URL) throws {
    let fm = FileManager.default
    guard fm.fileExists(atPath: target.path) else {
      if rename(staging.path, target.path) != 0 {
        let reason = String(cString: strerror(errno))
        remove(staging)
        throw OutputError.swapFailed(target: target.path, reason: reason)
      }
      return
    }
    if RenameExchange.exchange(staging.path, target.path) {
      TestPause.at("swapped")
      remove(staging)
      return
    }
    if rename(target.path, backup.path) != 0 {
      let reason = String(cString: strerror(errno))
      remove(staging)
      throw OutputError.swapFailed(target: target.path, reason: reason)
    }
    if rename(staging.path, target.path) != 0 {
      let reason = String(cString: strerror(errno))
      _ = rename(backup.path, target.path)
      remove(staging)
      throw OutputError.swapFailed(target: target.path, reason: reason)
    }
    TestPause.at("swapped")
    remove(backup)
  }

  /// Clears the staging and backup folders that killed runs left next to `target`.
  package static func recoverLeftovers(of target: URL) {
    let parent = target.deletingLastPathComponent()
    let name = target.lastPathComponent
    guard let entries = try? FileManager.default.contentsOfDirectory(atPath: parent.path) else { return }
    for entry in entries.sorted() {
      let kind: String
      if entry.hasPrefix(".\(name).staging-") {
        kind = "staging"
      } else if entry.hasPrefix(".\(name).previous-") {
        kind = "previous"
      } else {
        continue
      }
      let rest = entry.dropFirst(name.count + kind.count + 3)
      guard let pid = Int32(rest.prefix { $0.isNumber }), !isRunning(pid) else { continue }
      let url = parent.appendingPathComponent(entry)
      if kind == "previous", !FileManager.default.fileExists(atPath: target.path),
        rename(url.path, target.path) == 0
      {
        continue
      }
      remove(url)
    }
  }

  /// Whether process `pid` exists (`kill(pid, 0)`; EPERM means it exists but is not ours).
  static func isRunning(_ pid: Int32) -> Bool {
    if pid == getpid() { return true }
    return kill(pid, 0) == 0 || errno == EPERM
  }

  /// Deletes a folder of ours; when read-only sub-folders stop that, makes them writable
  /// and tries again.
  private static func remove(_ url: URL) {
    let fm = FileManager.default
    if (try? fm.removeItem(at: url)) != nil || !fm.fileExists(atPath: url.path) { return }
    if let walker = fm.enumerator(atPath: url.path) {
      _ = chmod(url.path, 0o700)
      while let item = walker.nextObject() as? String {
        _ = chmod(url.appendingPathComponent(item).path, 0o700)
      }
    }
    try? fm.removeItem(at: url)
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

/// `renameat2(…, RENAME_EXCHANGE)`, looked up at run time (Glibc's Swift module does not
/// declare it).
enum RenameExchange {
  private typealias Function =
    @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
  private static let function: Function? = {
    guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return nil }
    return unsafeBitCast(symbol, to: Function.self)
  }()
  /// `RENAME_EXCHANGE` from `<linux/fs.h>`.
  private static let flag: UInt32 = 1 << 1

  /// Atomically swaps the two existing paths; false when not supported here.
  static func exchange(_ a: String, _ b: String) -> Bool {
    guard let function else { return false }
    return function(AT_FDCWD, a, AT_FDCWD, b, flag) == 0
  }
}
