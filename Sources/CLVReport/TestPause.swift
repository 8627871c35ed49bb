import Foundation

/// A test hook that stops a run at a named point so a test can kill it there (SIGKILL
/// at a chosen step of the write). Inert unless `CLV_TEST_PAUSE_AT` names the point:
/// the run then creates the file named by `CLV_TEST_PAUSE_SIGNAL` (if set), so the test
/// knows it has arrived, and sleeps for `CLV_TEST_PAUSE_SECONDS` (default 30) before
/// going on.
///
/// Points: `locked` (output lock taken, nothing written), `staging` (the first file is
/// in the staging folder), `staged` (every file staged, before the swap), `swapped` (the
/// new folder is in place, the old one not yet removed).
package enum TestPause {
  /// Pauses when the environment asks for `point`.
  package static func at(_ point: String) {
    let env = ProcessInfo.processInfo.environment
    guard let wanted = env["CLV_TEST_PAUSE_AT"], wanted == point else { return }
    if let signal = env["CLV_TEST_PAUSE_SIGNAL"] {
      FileManager.default.createFile(atPath: signal, contents: Data(point.utf8))
    }
    let seconds = env["CLV_TEST_PAUSE_SECONDS"].flatMap(Double.init) ?? 30
    Thread.sleep(forTimeInterval: seconds)
  }
}
