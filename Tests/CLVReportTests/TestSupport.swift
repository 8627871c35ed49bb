import CLVReport
import Foundation

/// Paths shared by the report tests (found from this file, never from the working directory).
enum TestPaths {
  /// The package root (…/Tests/CLVReportTests/TestSupport.swift → three levels up).
  static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
  /// The repository's templates folder.
  static let templates = packageRoot.appendingPathComponent("templates").path
  /// Golden files.
  static let snapshots = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots")

  /// A fresh empty temporary directory.
  static func temporaryDirectory(_ name: String) throws -> URL {
    var generator = SystemRandomNumberGenerator()
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "clv-report-tests-\(name)-\(getpid())-\(UInt32.random(in: 0...UInt32.max, using: &generator))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}

/// A renderer over the repository's templates (each call parses them: a few milliseconds).
enum SharedRenderer {
  static func get() async throws -> ReportRenderer {
    try await ReportRenderer(templatesDirectory: TestPaths.templates)
  }
}
