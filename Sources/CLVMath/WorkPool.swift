import CFloatKernels
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A process-wide set of helper threads that join parallel loops when they are free, so
/// a loop never waits for a thread that is not running.
///
/// ``forEach(_:maxThreads:coarse:_:)`` splits work into `count` units. The calling thread
/// claims units itself, one at a time, from an atomic counter; idle helpers claim from
/// the same counter. A unit is claimed once and run once, by whichever thread gets it, so
/// when another process holds a core and a helper is not scheduled, the caller simply
/// runs every unit: the loop is never slower than the serial one by more than the cost of
/// a few atomic operations. The caller waits only for units a helper has actually begun.
/// (The barrier this replaces had each thread own half of every mini-batch: with one
/// core taken, every batch waited for a time slice and a report took twice as long.)
///
/// Determinism is the caller's: units must write only their own outputs (or
/// participant-owned scratch) and the caller combines them in unit order, so the result
/// does not depend on which thread ran which unit, or on how many threads there were.
///
/// Waiting: a thread with nothing to claim polls for up to ``spinMicroseconds`` (PAUSE,
/// with the monotonic clock read every few dozen polls), then sleeps on a condition
/// variable until new work is posted or a unit finishes; posting wakes sleepers only
/// when there are any. A caller waiting for its own loop helps other loops' fine-grained
/// units meanwhile (nested loops: one candidate's training helps the other's), never
/// coarse ones, so a short wait never turns into running a whole model fit.
///
/// Helpers run each unit under the caller's floating-point environment (`fenv_t`:
/// rounding, flush-to-zero), so a unit gives the same bits on any thread.
package final class WorkPool: @unchecked Sendable {
  /// The process's pool: one helper per additional core.
  package static let shared = WorkPool(helperCount: max(0, ProcessInfo.processInfo.activeProcessorCount - 1))

  /// Most units one loop may have (the claim counter's width).
  package static let maximumUnits = 65_535

  /// How long an idle thread polls before it sleeps.
  package static let spinMicroseconds: UInt64 = 60

  /// Threads that can work on one loop: the caller and every helper.
  package var threadCount: Int { helperCount + 1 }

  /// The largest number of threads a loop may use, whatever it asks for (1: every loop
  /// runs on its caller). Set from `--threads`; results never depend on it.
  package var threadLimit: Int {
    get { limit.load(ordering: .relaxed) }
    set { limit.store(max(1, newValue), ordering: .relaxed) }
  }

  private let helperCount: Int
  private let limit: Atomic<Int>
  private let slots: [Slot]
  /// Bumped whenever work is posted or a loop's last unit finishes.
  private let epoch = Atomic<UInt64>(0)
  private let sleepers = Atomic<Int>(0)
  private let started = Atomic<Bool>(false)
  private let startLock = NSLock()
  private var mutex = pthread_mutex_t()
  private var condition = pthread_cond_t()

  /// One posted loop. `state` packs generation (32 bits) | unit count (16) | next unit (16):
  /// a claim is one compare-and-swap that also proves the slot still holds the loop the
  /// claimer saw (a recycled slot has a new generation).
  private final class Slot: @unchecked Sendable {
    let owned = Atomic<Bool>(false)
    let state = Atomic<UInt64>(0)
    let done = Atomic<Int>(0)
    /// Participant numbers handed out (the caller is 0).
    let joins = Atomic<Int>(0)
    /// Participants allowed.
    let allowed = Atomic<Int>(0)
    let coarse = Atomic<Bool>(false)
    /// Written by the owner before `state` is released; read after a successful claim.
    var body: (Int, Int) -> Void = { _, _ in }
    var environment = fenv_t()
  }

  /// A pool with `helperCount` helper threads, started on first use.
  package init(helperCount: Int) {
    self.helperCount = max(0, helperCount)
    limit = Atomic(self.helperCount + 1)
    slots = (0..<16).map { _ in Slot() }
    pthread_mutex_init(&mutex, nil)
    pthread_cond_init(&condition, nil)
  }

  /// Runs `body(unit, participant)` for every unit in `0..<count`, each exactly once, on
  /// the calling thread and on up to `maxThreads − 1` free helpers; returns when all have
  /// finished. `participant` is below `maxThreads` (and ``threadCount``) and no two
  /// threads run with the same participant number in this loop at the same time, so it
  /// can index per-thread scratch. Mark loops whose units are long (whole model fits)
  /// `coarse`: waiting callers do not pick those up.
  package func forEach(
    _ count: Int, maxThreads: Int = .max, coarse: Bool = false, _ body: (_ unit: Int, _ participant: Int) -> Void
  ) {
    precondition(count >= 0 && count <= Self.maximumUnits, "a parallel loop has 0...\(Self.maximumUnits) units")
    let allowed = min(maxThreads, threadCount, threadLimit)
    guard count > 1, allowed > 1, let slot = acquireSlot() else {
      for unit in 0..<count { body(unit, 0) }
      return
    }
    startHelpersIfNeeded()
    withoutActuallyEscaping(body) { body in
      slot.body = body
      fegetenv(&slot.environment)
      slot.done.store(0, ordering: .relaxed)
      slot.joins.store(1, ordering: .relaxed)
      slot.allowed.store(allowed, ordering: .relaxed)
      slot.coarse.store(coarse, ordering: .relaxed)
      let generation = (slot.state.load(ordering: .relaxed) >> 32) &+ 1
      slot.state.store(generation << 32 | UInt64(count) << 16, ordering: .releasing)
      announce()
      participate(slot, generation: generation, participant: 0)
      wait(until: { slot.done.load(ordering: .acquiring) == count }, helping: true)
      slot.body = { _, _ in }
    }
    slot.owned.store(false, ordering: .releasing)
  }

  // MARK: - Claiming

  private func acquireSlot() -> Slot? {
    for slot in slots where slot.owned.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged {
      return slot
    }
    return nil  // more loops in flight than slots: the caller runs its loop alone
  }

  /// Claims and runs units of the loop in `slot` (if it is still `generation`) until none
  /// is left. Returns whether it ran any.
  @discardableResult
  private func participate(_ slot: Slot, generation: UInt64, participant given: Int?) -> Bool {
    var participant = given
    var ran = false
    var s = slot.state.load(ordering: .acquiring)
    var saved = fenv_t()
    while s >> 32 == generation {
      let count = (s >> 16) & 0xFFFF
      let next = s & 0xFFFF
      guard next < count else { break }
      if participant == nil {
        let number = slot.joins.wrappingAdd(1, ordering: .relaxed).oldValue
        guard number < slot.allowed.load(ordering: .relaxed) else { break }
        participant = number
      }
      let (claimed, current) = slot.state.compareExchange(
        expected: s, desired: s + 1, ordering: .acquiringAndReleasing)
      guard claimed else {
        s = current
        continue
      }
      if given == nil {
        fegetenv(&saved)
        fesetenv(&slot.environment)
      }
      slot.body(Int(next), participant!)
      if given == nil { fesetenv(&saved) }
      ran = true
      if slot.done.wrappingAdd(1, ordering: .acquiringAndReleasing).newValue == Int(count) { announce() }
      s = slot.state.load(ordering: .acquiring)
    }
    return ran
  }

  /// Runs units of some other posted loop, if one has any left. `coarse` allows loops
  /// marked coarse.
  private func helpOnce(coarse: Bool) -> Bool {
    for slot in slots where slot.owned.load(ordering: .acquiring) {
      let s = slot.state.load(ordering: .acquiring)
      guard s & 0xFFFF < (s >> 16) & 0xFFFF else { continue }
      if !coarse && slot.coarse.load(ordering: .relaxed) { continue }
      if participate(slot, generation: s >> 32, participant: nil) { return true }
    }
    return false
  }

  // MARK: - Waiting

  /// Wakes sleeping threads: new work, or a loop's last unit finished.
  private func announce() {
    epoch.wrappingAdd(1, ordering: .sequentiallyConsistent)
    if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
      pthread_mutex_lock(&mutex)
      pthread_cond_broadcast(&condition)
      pthread_mutex_unlock(&mutex)
    }
  }

  /// Returns once `ready()` holds; meanwhile helps other loops (fine-grained ones only
  /// when `helping` is the caller's wait, any when it is a helper's idle wait), polls,
  /// and sleeps.
  private func wait(until ready: () -> Bool, helping: Bool, coarse: Bool = false) {
    while !ready() {
      let seen = epoch.load(ordering: .sequentiallyConsistent)
      if helping && helpOnce(coarse: coarse) { continue }
      if ready() { return }
      if spin(while: { epoch.load(ordering: .relaxed) == seen && !ready() }) { continue }
      pthread_mutex_lock(&mutex)
      sleepers.wrappingAdd(1, ordering: .sequentiallyConsistent)
      while epoch.load(ordering: .sequentiallyConsistent) == seen && !ready() {
        pthread_cond_wait(&condition, &mutex)
      }
      sleepers.wrappingSubtract(1, ordering: .sequentiallyConsistent)
      pthread_mutex_unlock(&mutex)
    }
  }

  /// Polls `pending` for up to ``spinMicroseconds``; true if it stopped holding.
  private func spin(while pending: () -> Bool) -> Bool {
    let deadline = Self.nowNanoseconds() + Self.spinMicroseconds * 1_000
    while true {
      for _ in 0..<32 {
        if !pending() { return true }
        cfk_spin_pause()
      }
      if Self.nowNanoseconds() >= deadline { return false }
    }
  }

  private static func nowNanoseconds() -> UInt64 {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return UInt64(t.tv_sec) &* 1_000_000_000 &+ UInt64(t.tv_nsec)
  }

  // MARK: - Helpers

  private func startHelpersIfNeeded() {
    guard helperCount > 0, !started.load(ordering: .acquiring) else { return }
    startLock.lock()
    defer { startLock.unlock() }
    guard !started.load(ordering: .acquiring) else { return }
    for _ in 0..<helperCount {
      var thread = pthread_t()
      let context = Unmanaged.passRetained(self).toOpaque()
      let status = pthread_create(
        &thread, nil,
        { context in
          let pool = Unmanaged<WorkPool>.fromOpaque(context!).takeRetainedValue()
          pool.serve()
          return nil
        }, context)
      precondition(status == 0, "pthread_create failed (\(status))")
      pthread_detach(thread)
    }
    started.store(true, ordering: .releasing)
  }

  /// A helper's life: claim whatever is posted, sleep when there is nothing.
  private func serve() {
    while true {
      wait(until: { self.hasClaimableWork() }, helping: false)
      _ = helpOnce(coarse: true)
    }
  }

  private func hasClaimableWork() -> Bool {
    for slot in slots where slot.owned.load(ordering: .acquiring) {
      let s = slot.state.load(ordering: .acquiring)
      if s & 0xFFFF < (s >> 16) & 0xFFFF && slot.joins.load(ordering: .relaxed) < slot.allowed.load(ordering: .relaxed)
      {
        return true
      }
    }
    return false
  }
}
