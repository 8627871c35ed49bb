#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A growable byte buffer on the C heap, for input that cannot be memory-mapped (standard
/// input, a pipe, a decompressed or re-encoded file).
///
/// Grows by doubling with `realloc`. Large blocks are `mmap`ed by glibc's allocator, and
/// `realloc` moves those with `mremap`, without copying the bytes, so reading a stream of
/// n bytes costs n bytes of memory (plus untouched, never-resident reserve), as mapping a
/// file of that size does.
final class ByteBuffer: @unchecked Sendable {
  private(set) var base: UnsafeMutablePointer<UInt8>
  private(set) var capacity: Int
  /// Bytes in use.
  private(set) var count = 0

  /// An empty buffer with room for `capacity` bytes.
  init(capacity: Int = 1 << 20) {
    self.capacity = max(capacity, 64)
    guard let p = malloc(self.capacity) else { fatalError("out of memory allocating \(self.capacity) bytes") }
    base = p.assumingMemoryBound(to: UInt8.self)
  }

  deinit { free(base) }

  /// Makes room for at least `extra` more bytes.
  func reserve(_ extra: Int) {
    guard count + extra > capacity else { return }
    var size = capacity
    while size < count + extra { size *= 2 }
    guard let p = realloc(base, size) else { fatalError("out of memory growing an input buffer to \(size) bytes") }
    base = p.assumingMemoryBound(to: UInt8.self)
    capacity = size
  }

  /// The free space after the bytes in use (at least `minimum` bytes), to be filled and
  /// then committed with ``commit(_:)``.
  func tail(minimum: Int) -> UnsafeMutableBufferPointer<UInt8> {
    reserve(minimum)
    return UnsafeMutableBufferPointer(start: base + count, count: capacity - count)
  }

  /// Marks `n` bytes written into ``tail(minimum:)`` as in use.
  func commit(_ n: Int) {
    precondition(n >= 0 && count + n <= capacity, "committed more than the tail holds")
    count += n
  }

  /// Forgets the bytes in use (keeps the memory).
  func removeAll() { count = 0 }

  /// Appends one byte.
  @inline(__always)
  func append(_ b: UInt8) {
    if count == capacity { reserve(1) }
    base[count] = b
    count += 1
  }

  /// Appends `bytes`.
  func append(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard let src = bytes.baseAddress, bytes.count > 0 else { return }
    reserve(bytes.count)
    (base + count).update(from: src, count: bytes.count)
    count += bytes.count
  }

  /// The bytes in use (valid until the buffer grows or is freed).
  var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}
