/// A file to write into an output directory: a relative path and its bytes, held in
/// memory or made while the file is written.
package struct OutputFile: Sendable {
  /// Makes a file's bytes in pieces, handing each to `write` (which writes it out at once):
  /// a table of millions of rows is never held whole.
  package typealias Producer = @Sendable (_ write: ([UInt8]) throws -> Void) throws -> Void

  /// What a file holds.
  package enum Contents: Sendable {
    /// Bytes already made.
    case bytes([UInt8])
    /// Bytes made in pieces as the file is written.
    case produced(Producer)
  }

  /// Path relative to the output directory, `/`-separated (e.g. `figures/gain.svg`).
  package let path: String
  /// The contents.
  package let contents: Contents

  /// A file with raw bytes.
  package init(path: String, bytes: [UInt8]) {
    self.path = path
    self.contents = .bytes(bytes)
  }

  /// A UTF-8 text file.
  package init(path: String, text: String) {
    self.init(path: path, bytes: Array(text.utf8))
  }

  /// A file whose bytes `producer` makes in pieces while it is written.
  package init(path: String, producer: @escaping Producer) {
    self.path = path
    self.contents = .produced(producer)
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
