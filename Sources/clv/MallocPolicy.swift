/// How the C allocator gives memory back, set once at start-up.
///
/// glibc raises its mmap threshold each time a large mmapped block is freed (up to 32 MiB),
/// so after the first few feature columns every large array comes from the heap arenas, and
/// freed ones stay resident: at 1M rows the peak resident memory was ~1.5× the peak of live
/// heap (heaptrack: 298 MiB live, 438 MiB resident). A fixed threshold (which turns the
/// adjustment off) keeps every block of 1 MiB or more in its own mapping, returned to the
/// system when freed. Measured on the 1M-row report: peak RSS 470 → 377 MiB at 256 KiB
/// (see reports/benchmarks.md); 1 MiB keeps the extra system time of the mappings small.
enum MallocPolicy {
  static let mmapThreshold: Int32 = 1 << 20

  static func apply() {
    #if os(Linux)
      _ = glibcMallopt(mOptionMmapThreshold, mmapThreshold)
    #endif
  }
}

#if os(Linux)
  /// `M_MMAP_THRESHOLD` of glibc's `<malloc.h>` (not part of the Glibc module).
  private let mOptionMmapThreshold: Int32 = -3

  /// glibc's `int mallopt(int param, int value)` (`<malloc.h>` is not part of the Glibc module).
  @_silgen_name("mallopt")
  private func glibcMallopt(_ param: Int32, _ value: Int32) -> Int32
#endif
