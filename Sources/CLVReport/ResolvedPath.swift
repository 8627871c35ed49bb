import Foundation

/// A path with every symbolic link, `.` and `..` resolved, so two spellings of one place
/// (`./t.csv` and `t.csv`, a link and its target, `out/..` and `.`) compare equal.
///
/// The path need not exist: its deepest existing ancestor is resolved with `realpath(3)`
/// and the rest appended, so a new output folder can be compared with existing inputs.
package struct ResolvedPath: Sendable, Equatable, CustomStringConvertible {
  /// The absolute, resolved path (no trailing slash except for `/` itself).
  package let path: String

  /// Resolves `path` relative to the current directory.
  package init(_ path: String) {
    let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var pending: [String] = []
    var head = (absolute as NSString).standardizingPath
    while true {
      if let real = Self.realpath(head) {
        self.path = pending.reversed().reduce(real) { ($0 == "/" ? "" : $0) + "/" + $1 }
        return
      }
      let parent = (head as NSString).deletingLastPathComponent
      if parent == head || parent.isEmpty {
        self.path = absolute
        return
      }
      pending.append((head as NSString).lastPathComponent)
      head = parent
    }
  }

  /// The path.
  package var description: String { path }

  /// Whether `self` is `other` or a folder that contains it.
  package func isAncestor(ofOrEqualTo other: ResolvedPath) -> Bool {
    path == other.path || path == "/" || other.path.hasPrefix(path + "/")
  }

  private static func realpath(_ path: String) -> String? {
    guard let p = Foundation.realpath(path, nil) else { return nil }
    defer { free(p) }
    return String(cString: p)
  }
}

/// The device and inode of an existing file (following symbolic links): equal for two
/// names of one file, hard links included.
package struct FileIdentity: Sendable, Equatable {
  let device: UInt64
  let inode: UInt64

  /// The identity of the file at `path`, or nil when nothing is there.
  package init?(path: String) {
    var s = stat()
    guard stat(path, &s) == 0 else { return nil }
    device = UInt64(s.st_dev)
    inode = UInt64(s.st_ino)
  }
}
