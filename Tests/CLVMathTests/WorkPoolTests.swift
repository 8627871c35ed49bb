import Foundation
import Synchronization
import Testing

@testable import CLVMath

#if canImport(Glibc)
  import Glibc
#endif

/// The shared pool's contract: every unit runs exactly once and its writes are visible
/// when the loop returns; a participant number is never used by two threads at once;
/// nested loops finish; helpers run units under the caller's floating-point
/// environment; a unit that stalls does not stop the caller from running the rest.
@Suite struct WorkPoolTests {
  /// A private pool with one helper, like the 2-core machine this runs on.
  let pool = WorkPool(helperCount: 1)

  @Test func everyUnitRunsOnceAndItsWritesAreVisible() {
    for count in [0, 1, 2, 3, 17, 1_000] {
      for _ in 0..<(count <= 3 ? 5_000 : 50) {
        var hits = [Int](repeating: 0, count: count)
        hits.withUnsafeMutableBufferPointer { hits in
          pool.forEach(count) { unit, _ in hits[unit] += 1 }
        }
        #expect(hits.allSatisfy { $0 == 1 }, "count \(count)")
      }
    }
  }

  @Test func aParticipantNumberIsNeverUsedByTwoThreadsAtOnce() {
    let inUse = Atomic<Int>(0)  // bit p: participant p is running a unit
    let clashes = Atomic<Int>(0)
    let outOfRange = Atomic<Int>(0)
    for _ in 0..<300 {
      pool.forEach(64, maxThreads: 2) { _, p in
        guard p < 2 else {
          outOfRange.wrappingAdd(1, ordering: .relaxed)
          return
        }
        let bit = 1 << p
        if inUse.bitwiseOr(bit, ordering: .relaxed).oldValue & bit != 0 { clashes.wrappingAdd(1, ordering: .relaxed) }
        var x = 0.0
        for i in 0..<200 { x += sin(Double(i)) }
        precondition(x.isFinite)
        inUse.bitwiseAnd(~bit, ordering: .relaxed)
      }
    }
    #expect(clashes.load(ordering: .relaxed) == 0)
    #expect(outOfRange.load(ordering: .relaxed) == 0)
  }

  @Test func nestedLoopsRunEveryInnerUnitOnce() {
    var hits = [Int](repeating: 0, count: 6 * 40)
    hits.withUnsafeMutableBufferPointer { hits in
      pool.forEach(6, coarse: true) { outer, _ in
        for round in 0..<10 {
          pool.forEach(4) { inner, _ in hits[outer * 40 + round * 4 + inner] += 1 }
        }
      }
    }
    #expect(hits.allSatisfy { $0 == 1 })
  }

  @Test func oneThreadRunsEverythingOnTheCaller() {
    let caller = pthread_self()
    var elsewhere = 0
    withUnsafeMutablePointer(to: &elsewhere) { elsewhere in
      pool.forEach(100, maxThreads: 1) { _, p in
        if pthread_equal(pthread_self(), caller) == 0 || p != 0 { elsewhere.pointee += 1 }
      }
    }
    #expect(elsewhere == 0)
  }

  /// With flush-to-zero set by the caller, a subnormal product is 0 on whichever thread
  /// computes it; without it, it is the subnormal.
  @Test func unitsRunUnderTheCallersFloatingPointEnvironment() {
    #if arch(x86_64)
      let tiny = Float.leastNormalMagnitude
      func products() -> [Float] {
        var out = [Float](repeating: -1, count: 256)
        out.withUnsafeMutableBufferPointer { out in
          pool.forEach(256) { unit, _ in
            var x = tiny
            withUnsafeMutablePointer(to: &x) { _ in }  // keep the product at run time
            out[unit] = x * 0.5
          }
        }
        return out
      }
      #expect(FlushToZero.run { products() }.allSatisfy { $0 == 0 })
      #expect(products().allSatisfy { $0 == tiny * 0.5 && $0 != 0 })
    #endif
  }

  /// One unit stalls until every other unit has finished (up to 20 s): whoever runs it,
  /// the other thread must get through the other 199 meanwhile, and the loop returns
  /// only after the stalled unit ended.
  @Test func aStalledUnitDoesNotHoldBackTheOthers() {
    let finished = Atomic<Int>(0)
    let seenByStalledUnit = Atomic<Int>(0)
    pool.forEach(200) { unit, _ in
      if unit == 1 {
        let deadline = Date().addingTimeInterval(20)
        while finished.load(ordering: .acquiring) < 199 && Date() < deadline { usleep(1_000) }
        seenByStalledUnit.store(finished.load(ordering: .acquiring), ordering: .relaxed)
      }
      finished.wrappingAdd(1, ordering: .acquiringAndReleasing)
    }
    #expect(finished.load(ordering: .relaxed) == 200)
    #expect(seenByStalledUnit.load(ordering: .relaxed) == 199)
  }
}
