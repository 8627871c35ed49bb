import Foundation
import Testing

/// Compares `text` with the golden file `<snapshots>/<name>` (each test target keeps
/// its golden files in its own `Snapshots/` folder).
///
/// - `RECORD_SNAPSHOTS=1`: (re)writes the file and fails with "recorded new baseline", so a
///   recording run is never mistaken for a passing one.
/// - File missing: records it and fails the same way, except in CI (`CI=true`), where a
///   missing golden file is an error and nothing is written.
/// - Otherwise: fails on any difference, naming the first differing line.
package func assertSnapshot(
  _ text: String, named name: String, in snapshots: URL, sourceLocation: SourceLocation = #_sourceLocation
) {
  let url = snapshots.appendingPathComponent(name)
  let environment = ProcessInfo.processInfo.environment
  let record = environment["RECORD_SNAPSHOTS"] == "1"
  let inCI = environment["CI"] == "true"
  let existing = try? String(contentsOf: url, encoding: .utf8)
  if record || (existing == nil && !inCI) {
    do {
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try text.write(to: url, atomically: true, encoding: .utf8)
      Issue.record(
        "recorded new baseline \(name); re-run without RECORD_SNAPSHOTS to compare", sourceLocation: sourceLocation)
    } catch {
      Issue.record("could not record snapshot \(name): \(error)", sourceLocation: sourceLocation)
    }
    return
  }
  guard let existing else {
    Issue.record(
      "missing golden file Snapshots/\(name) (CI=true: record it locally with RECORD_SNAPSHOTS=1)",
      sourceLocation: sourceLocation)
    return
  }
  guard existing != text else { return }
  let old = existing.split(separator: "\n", omittingEmptySubsequences: false)
  let new = text.split(separator: "\n", omittingEmptySubsequences: false)
  let line = zip(old, new).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(old.count, new.count)
  let expected = line < old.count ? String(old[line]) : "<end of file>"
  let actual = line < new.count ? String(new[line]) : "<end of file>"
  Issue.record(
    "snapshot \(name) differs at line \(line + 1):\n  expected: \(expected.prefix(300))\n  actual:   \(actual.prefix(300))\n(RECORD_SNAPSHOTS=1 to accept)",
    sourceLocation: sourceLocation)
}
