import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Runs another program and reports what it cost (wall time, CPU time, peak resident
/// memory from `wait4`'s resource usage), for benchmarks: each measured job runs in a
/// process of its own so its peak memory is its own.
struct ChildProcess {
  /// What a finished child used.
  struct Usage: Codable, Sendable {
    var wall: Double
    var cpu: Double
    var peakResidentBytes: Int
    var status: Int32
  }

  /// Runs `arguments[0]` (a path) with the rest as arguments, `environment` added to
  /// this process's, stdout and stderr to `logPath` (appended); waits for it.
  static func run(_ arguments: [String], environment: [String: String] = [:], logPath: String) throws -> Usage {
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    let start = BenchClock.now()
    let pid = try spawn(arguments, environment: env, logPath: logPath)
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let wall = BenchClock.now() - start
    let cpu = seconds(usage.ru_utime) + seconds(usage.ru_stime)
    let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    return Usage(wall: wall, cpu: cpu, peakResidentBytes: Int(usage.ru_maxrss) * 1024, status: exit)
  }

  /// Starts `count` CPU-bound busy loops (`sh -c 'while :; do :; done'`), the competing
  /// load of a busy machine, loop i pinned to core i (mod the cores) with `taskset` when
  /// it is installed; stop them with ``stop(_:)``.
  static func busyLoops(_ count: Int) throws -> [pid_t] {
    let taskset = FileManager.default.isExecutableFile(atPath: "/usr/bin/taskset")
    let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
    return try (0..<count).map { i in
      let loop = ["/bin/sh", "-c", "while :; do :; done"]
      return try spawn(
        (taskset ? ["/usr/bin/taskset", "-c", "\(i % cores)"] : []) + loop,
        environment: ProcessInfo.processInfo.environment, logPath: "/dev/null")
    }
  }

  /// Kills and reaps the processes started by ``busyLoops(_:)``.
  static func stop(_ pids: [pid_t]) {
    for pid in pids {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    }
  }

  private static func spawn(_ arguments: [String], environment: [String: String], logPath: String) throws -> pid_t {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 1, logPath, O_WRONLY | O_CREAT | O_APPEND, 0o644)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    let argv = arguments.map { strdup($0) } + [nil]
    let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer {
      for p in argv { free(p) }
      for p in envp { free(p) }
    }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, arguments[0], &actions, nil, argv, envp)
    guard status == 0 else {
      throw BenchmarkError.cannotStart(arguments[0], reason: String(cString: strerror(status)))
    }
    return pid
  }

  private static func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
}

/// Clocks for benchmarks.
enum BenchClock {
  /// Monotonic seconds.
  static func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// CPU seconds of this process so far (all threads).
  static func processCPUSeconds() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
  }

  /// The 1-minute load average.
  static func load() -> Double {
    var l = [0.0, 0.0, 0.0]
    getloadavg(&l, 3)
    return l[0]
  }
}
