import Foundation

/// An exclusive lock on one output folder, held by the run that writes it, so two runs
/// can never write the same folder at once (the second one stops with
/// ``OutputTargetError/locked(path:lockFile:)`` instead of racing the first).
///
/// The lock is `flock(2)` on a hidden file next to the folder, `.NAME.lock`. The kernel
/// releases it when the process ends, however it ends, so a killed run never leaves a
/// stale lock. ``release()`` deletes the file; to make that safe, a run that gets the
/// lock checks that the path still names the file it locked (another run may have
/// deleted it in between) and retries otherwise.
package final class OutputLock: @unchecked Sendable {
  /// The lock file.
  package let path: String
  private var descriptor: Int32

  /// Takes the lock of the output folder `target`.
  /// - Throws: ``OutputTargetError/locked(path:lockFile:)`` when another run holds it,
  ///   ``OutputError/writeFailed(path:reason:)`` when the lock file cannot be created.
  package init(target: URL) throws {
    let parent = target.deletingLastPathComponent()
    path = parent.appendingPathComponent(".\(target.lastPathComponent).lock").path
    do {
      try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw OutputError.writeFailed(path: parent.path, reason: "\(error)")
    }
    for _ in 0..<10 {
      let fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
      guard fd >= 0 else {
        throw OutputError.writeFailed(path: path, reason: String(cString: strerror(errno)))
      }
      if flock(fd, LOCK_EX | LOCK_NB) != 0 {
        let code = errno
        close(fd)
        if code == EWOULDBLOCK { throw OutputTargetError.locked(path: target.path, lockFile: path) }
        throw OutputError.writeFailed(path: path, reason: String(cString: strerror(code)))
      }
      // Still the file at `path`? (A run that just finished may have unlinked it.)
      var opened = stat()
      var named = stat()
      if fstat(fd, &opened) == 0, stat(path, &named) == 0, opened.st_ino == named.st_ino,
        opened.st_dev == named.st_dev
      {
        descriptor = fd
        return
      }
      close(fd)
    }
    throw OutputTargetError.locked(path: target.path, lockFile: path)
  }

  /// Deletes the lock file and releases the lock (also done by the kernel at exit).
  package func release() {
    guard descriptor >= 0 else { return }
    unlink(path)
    close(descriptor)
    descriptor = -1
  }

  deinit { release() }
}
