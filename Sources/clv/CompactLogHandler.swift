import Foundation
import Logging

/// A log handler that writes `clv: message` lines to stderr, so stdout stays
/// clean for the report path and data.
struct CompactLogHandler: LogHandler {
  var logLevel: Logger.Level
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let prefix = event.level >= .warning ? "clv: \(event.level): " : "clv: "
    FileHandle.standardError.write(Data((prefix + event.message.description + "\n").utf8))
  }
}

extension Logger {
  /// The command-line logger: info and up, or errors only with `--quiet`.
  static func cli(quiet: Bool) -> Logger {
    var logger = Logger(label: "clv") { _ in CompactLogHandler(logLevel: .info) }
    logger.logLevel = quiet ? .error : .info
    return logger
  }
}
