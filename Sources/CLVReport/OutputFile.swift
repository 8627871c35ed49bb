/// A file to write into an output directory: a relative path and its bytes.
package struct OutputFile: Sendable, Equatable {
  /// Path relative to the output directory, `/`-separated (e.g. `figures/gain.svg`).
  package let path: String
  /// The contents.
  package let bytes: [UInt8]

  /// A file with raw bytes.
  package init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  /// A UTF-8 text file.
  package init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }
}

/// Why an output directory could not be written. The previous output is left intact.
package enum OutputError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A path is absolute, empty, or contains `.`/`..` segments.
  case invalidPath(String)
  /// Two files have the same path, or one path is a folder of another.
  case conflictingPaths(String, String)
  /// The target exists but is not a directory.
  case targetNotADirectory(String)
  /// Writing into the staging directory failed.
  case writeFailed(path: String, reason: String)
  /// Swapping the staging directory in failed (the previous output was restored).
  case swapFailed(target: String, reason: String)

  /// What went wrong and what to do.
  package var description: String {
    switch self {
    case .invalidPath(let p): return "output path '\(p)' must be relative, without '.' or '..' segments"
    case .conflictingPaths(let a, let b): return "output paths '\(a)' and '\(b)' collide; rename one"
    case .targetNotADirectory(let t):
      return "output target \(t) exists and is not a directory; remove it or choose another --output"
    case .writeFailed(let p, let r): return "could not write \(p): \(r); the previous output is unchanged"
    case .swapFailed(let t, let r): return "could not move the new output into \(t): \(r); the previous output was kept"
    }
  }
}
