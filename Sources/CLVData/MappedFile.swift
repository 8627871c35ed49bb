#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a file, memory-mapped read-only (`mmap`), unmapped on deinit.
///
/// Mapping lets the CSV reader walk a multi-gigabyte file without copying it into the
/// heap; the kernel pages it in on demand. Empty files are represented without a
/// mapping (`mmap` rejects length 0).
package final class MappedFile: @unchecked Sendable {
  /// The path the file was opened with.
  package let path: String
  /// Size in bytes.
  package let count: Int
  private let base: UnsafeMutableRawPointer?

  /// Maps the file at `path`.
  /// - Throws: ``IngestError/fileNotFound(path:)`` when it does not exist,
  ///   ``IngestError/unreadable(path:reason:)`` when it cannot be opened or mapped.
  package convenience init(path: String) throws {
    let (fd, info) = try Self.openForReading(path)
    defer { close(fd) }
    if (info.st_mode & S_IFMT) == S_IFDIR {
      throw IngestError.unreadable(path: path, reason: "it is a directory, not a file")
    }
    try self.init(fd: fd, path: path, size: Int(info.st_size))
  }

  /// Opens `path` read-only (the caller closes the descriptor) and reads its status.
  /// - Throws: ``IngestError/fileNotFound(path:)``, ``IngestError/unreadable(path:reason:)``.
  static func openForReading(_ path: String) throws -> (Int32, stat) {
    let fd = open(path, O_RDONLY)
    guard fd >= 0 else {
      let code = errno
      if code == ENOENT { throw IngestError.fileNotFound(path: path) }
      throw IngestError.unreadable(path: path, reason: String(cString: strerror(code)))
    }
    var info = stat()
    guard fstat(fd, &info) == 0 else {
      let reason = String(cString: strerror(errno))
      close(fd)
      throw IngestError.unreadable(path: path, reason: reason)
    }
    return (fd, info)
  }

  /// Maps `size` bytes of the open regular file `fd` (the caller closes it; the mapping
  /// stays valid after).
  init(fd: Int32, path: String, size: Int) throws {
    self.path = path
    count = size
    guard count > 0 else {
      base = nil
      return
    }
    let p = mmap(nil, count, PROT_READ, MAP_PRIVATE, fd, 0)
    guard let p, p != MAP_FAILED else {
      throw IngestError.unreadable(path: path, reason: String(cString: strerror(errno)))
    }
    // The reader goes front to back once.
    _ = madvise(p, count, MADV_SEQUENTIAL)
    base = p
  }

  deinit {
    if let base { munmap(base, count) }
  }

  /// Takes the pages wholly before `offset` out of the process's resident memory
  /// (`madvise(MADV_DONTNEED)`). The mapping is private and read-only, so its contents
  /// stay the file's: a later read of those bytes faults them back in from the page cache.
  /// The reader calls it behind itself so that a 500 MB file does not count 500 MB of
  /// resident memory by its end.
  package func releasePages(before offset: Int) {
    releasePages(from: 0, before: offset)
  }

  /// Takes the pages wholly inside bytes `start ..< offset` out of resident memory (see
  /// ``releasePages(before:)``): a reader of one chunk of the file releases behind itself
  /// without touching the pages another chunk's reader is on.
  package func releasePages(from start: Int, before offset: Int) {
    guard let base else { return }
    let page = Int(sysconf(Int32(_SC_PAGESIZE)))
    let lo = (max(0, start) + page - 1) / page * page
    let hi = min(offset, count) / page * page
    if hi > lo { _ = madvise(base + lo, hi - lo, MADV_DONTNEED) }
  }

  /// Calls `body` with the file's bytes (empty for an empty file).
  package func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
    guard let base else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
    return try body(
      UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self), count: count))
  }
}
