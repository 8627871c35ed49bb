#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fixed-size table of `count` plain values, all bits zero at first, in an anonymous
/// memory mapping of its own, for large hash tables probed at random.
///
/// - The kernel hands out zeroed pages on first touch, so there is no zero-filling pass
///   (`Array(repeating:count:)` writes every byte the kernel has just cleared).
/// - A table of 2 MiB or more is aligned to 2 MiB and advised to use transparent huge
///   pages (`madvise(MADV_HUGEPAGE)`, Linux): a 128 MiB table in 4 KiB pages spans 32,768
///   pages, far more than the TLB holds, so nearly every random probe also walks the page
///   table; in 2 MiB pages it spans 64. Without huge pages it works as plain memory.
///
/// Not copy-on-write by itself: an owner that can be copied checks
/// `isKnownUniquelyReferenced` before writing and writes into a ``copy()`` otherwise.
final class ZeroedTable<Element: BitwiseCopyable>: @unchecked Sendable {
  /// The first element.
  let base: UnsafeMutablePointer<Element>
  /// Number of elements.
  let count: Int
  private let mapping: UnsafeMutableRawPointer
  private let mappedBytes: Int

  /// The huge page size the table aligns to (2 MiB on x86-64 and arm64 Linux).
  static var hugePage: Int { 2 << 20 }

  /// A table of `count` zero elements.
  init(count: Int) {
    precondition(count >= 0, "a table has zero or more elements")
    self.count = count
    let bytes = max(1, count * MemoryLayout<Element>.stride)
    let huge = Self.hugePage
    let aligned = bytes >= huge
    mappedBytes = aligned ? bytes + huge : bytes
    let p = mmap(nil, mappedBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
    guard let p, p != MAP_FAILED else {
      fatalError("cannot map \(mappedBytes) bytes for a table: \(String(cString: strerror(errno)))")
    }
    mapping = p
    var start = p
    if aligned {
      let address = UInt(bitPattern: p)
      let up = (address + UInt(huge - 1)) & ~UInt(huge - 1)
      start = p + Int(up - address)
      #if os(Linux)
        _ = madvise(start, bytes / huge * huge, MADV_HUGEPAGE)
      #endif
    }
    base = start.bindMemory(to: Element.self, capacity: max(1, count))
  }

  deinit { munmap(mapping, mappedBytes) }

  /// A new table with the same elements.
  func copy() -> ZeroedTable<Element> {
    let t = ZeroedTable(count: count)
    t.base.update(from: base, count: count)
    return t
  }
}
