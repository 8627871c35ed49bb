import Testing

@testable import CLVPipeline

/// The stage log's memory figures come from `/proc/self/status` (Linux `proc(5)`).
@Suite struct StageClockTests {
  @Test func readsTheKiBLinesOfAStatusFile() {
    let status = "Name:\tclv\nVmPeak:\t 2623408 kB\nVmHWM:\t  2564044 kB\nVmRSS:\t   215040 kB\nThreads:\t3\n"
    let kib = StageClock.statusKiB(status)
    #expect(kib["VmHWM"] == 2_564_044)
    #expect(kib["VmRSS"] == 215_040)
    #expect(kib["Threads"] == nil)  // not a size
    #expect(StageClock.mebibytes(2_564_044 * 1024) == 2_504)
  }

  /// This process's own figures: the peak is at least what is resident now, and both are
  /// at least the megabytes just touched.
  @Test func peakIsAtLeastTheResidentMemory() {
    var touched = [UInt8](repeating: 1, count: 32 << 20)
    touched[touched.count - 1] = 2
    let memory = StageClock.residentMemory()
    #expect(memory.peak >= memory.current)
    #expect(memory.current >= 32 << 20)
    #expect(touched.last == 2)
  }
}
