import Dispatch

/// SHA-256 of a byte buffer computed on another thread while the caller parses the
/// same bytes (hashing costs about as much as parsing; on two cores they overlap).
///
/// The buffer must stay alive until ``wait()`` returns; `deinit` also waits, so a
/// loader that throws early never leaves a thread reading unmapped memory.
final class BackgroundSHA256: @unchecked Sendable {
  private let group = DispatchGroup()
  private let box: ResultBox

  /// Holds the result; written once by the worker before `group.leave()`.
  private final class ResultBox: @unchecked Sendable { var hex = "" }
  /// Lets the buffer cross into the worker; safe because of the lifetime rule above.
  private struct Bytes: @unchecked Sendable { let buffer: UnsafeBufferPointer<UInt8> }

  /// Starts hashing `bytes`.
  init(bytes: UnsafeBufferPointer<UInt8>) {
    let box = ResultBox()
    self.box = box
    let input = Bytes(buffer: bytes)
    let group = self.group
    group.enter()
    DispatchQueue.global(qos: .userInitiated).async {
      box.hex = SHA256.hex(of: input.buffer)
      group.leave()
    }
  }

  deinit { group.wait() }

  /// Blocks until the digest is ready and returns it as lowercase hex.
  func wait() -> String {
    group.wait()
    return box.hex
  }
}
