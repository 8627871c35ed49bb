import Foundation

/// A live "stage… 12.3 s" line on stderr while a long stage runs, redrawn in
/// place with a carriage return. Only when stderr is a terminal and progress is
/// wanted: logs captured to a file or a CI log stay clean.
final class ProgressLine: @unchecked Sendable {
  private let timer: DispatchSourceTimer
  private let lock = NSLock()
  private var stopped = false

  /// Whether a live line makes sense: stderr is a terminal.
  static var isAvailable: Bool { isatty(STDERR_FILENO) == 1 }

  /// Starts redrawing `label` with the elapsed time every quarter second.
  init(label: String) {
    let start = DispatchTime.now()
    timer = DispatchSource.makeTimerSource(queue: DispatchQueue.global(qos: .utility))
    timer.schedule(deadline: .now() + 0.5, repeating: 0.25)
    timer.setEventHandler { [weak self] in
      guard let self else { return }
      self.lock.lock()
      defer { self.lock.unlock() }
      guard !self.stopped else { return }
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
      FileHandle.standardError.write(Data(String(format: "\rclv: %@… %.1f s ", label, seconds).utf8))
    }
    timer.resume()
  }

  /// Stops and erases the line.
  func stop() {
    lock.lock()
    defer { lock.unlock() }
    guard !stopped else { return }
    stopped = true
    timer.cancel()
    FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8))
  }
}
