import CFloatKernels
import CLVMath
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A second thread that runs shard 1 of each job while the caller runs shard 0.
///
/// Training posts two short jobs per mini-batch (≈ 50–100 µs each), tens of thousands
/// per fit, so the hand-off must cost far less than waking a pooled thread through the
/// kernel (`DispatchQueue.concurrentPerform` spent ~15% of the CPU time in the
/// scheduler). The two threads meet through two atomic counters instead: the caller
/// publishes the job and bumps `posted` (release); the worker, polling it (acquire),
/// runs the job and stores the same generation in `finished` (release), which the
/// caller polls (acquire). Polling spins with PAUSE for a while, then yields the core
/// (`sched_yield`), then sleeps in 50 µs naps, so an idle or starved worker does not
/// burn a core the machine needs. Subnormals are flushed on the worker thread for its
/// whole life (``FlushToZero``), as the caller does around each job.
final class ShardWorker: @unchecked Sendable {
  private let posted = Atomic<Int>(0)
  private let finished = Atomic<Int>(0)
  /// The current job; written by the caller before `posted` is released, read by the
  /// worker after acquiring it.
  private var job: ((Int) -> Void)?
  private var generation = 0
  private var thread = pthread_t()
  private static let stop = -1

  init() {
    let context = Unmanaged.passRetained(self).toOpaque()
    let status = pthread_create(&thread, nil, { context in
      let worker = Unmanaged<ShardWorker>.fromOpaque(context!).takeRetainedValue()
      FlushToZero.run { worker.serve() }
      return nil
    }, context)
    precondition(status == 0, "pthread_create failed (\(status))")
  }

  /// Runs `body(0)` on the calling thread and `body(1)` on the worker, and returns when
  /// both have finished.
  func run(_ body: (Int) -> Void) {
    withoutActuallyEscaping(body) { body in
      job = body
      generation += 1
      posted.store(generation, ordering: .releasing)
      body(0)
      let target = generation
      Self.wait(until: { finished.load(ordering: .acquiring) == target })
      job = nil
    }
  }

  /// Stops the worker and joins it; call once, after the last ``run(_:)``.
  func shutdown() {
    posted.store(Self.stop, ordering: .releasing)
    pthread_join(thread, nil)
  }

  private func serve() {
    var seen = 0
    while true {
      Self.wait(until: { posted.load(ordering: .acquiring) != seen })
      seen = posted.load(ordering: .acquiring)
      if seen == Self.stop { return }
      job!(1)
      finished.store(seen, ordering: .releasing)
    }
  }

  /// Polls `ready` until it holds: ~20 µs of PAUSE spins, then yields, then naps.
  private static func wait(until ready: () -> Bool) {
    var polls = 0
    while !ready() {
      polls += 1
      if polls < 2_000 {
        cfk_spin_pause()
      } else if polls < 4_000 {
        sched_yield()
      } else {
        usleep(50)
      }
    }
  }
}
