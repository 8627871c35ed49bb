import CLVReport
import Foundation
import Testing

/// The writer either replaces the whole output directory or leaves the previous one intact,
/// and never leaves staging or backup directories behind.
@Suite struct AtomicWriterTests {
  private func read(_ url: URL, _ path: String) -> String? {
    try? String(contentsOf: url.appendingPathComponent(path), encoding: .utf8)
  }

  private func leftovers(in parent: URL) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: parent.path).filter { $0.hasPrefix(".") }
  }

  @Test func writesNewDirectoryThenReplacesItWhole() throws {
    let parent = try TestPaths.temporaryDirectory("atomic-ok")
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("out")
    try AtomicWriter.write(
      [OutputFile(path: "report.md", text: "v1"), OutputFile(path: "figures/a.svg", text: "<svg/>"), OutputFile(path: "old.csv", text: "x")],
      to: out)
    #expect(read(out, "report.md") == "v1")
    #expect(read(out, "figures/a.svg") == "<svg/>")
    try AtomicWriter.write([OutputFile(path: "report.md", text: "v2"), OutputFile(path: "metrics.json", bytes: Array("{}".utf8))], to: out)
    #expect(read(out, "report.md") == "v2")
    #expect(read(out, "metrics.json") == "{}")
    #expect(read(out, "old.csv") == nil)  // the directory is replaced as a whole
    #expect(read(out, "figures/a.svg") == nil)
    #expect(try leftovers(in: parent) == [])
  }

  @Test func failureBeforeSwapKeepsThePreviousOutput() throws {
    struct DiskFull: Error {}
    let parent = try TestPaths.temporaryDirectory("atomic-fail")
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("out")
    try AtomicWriter.write([OutputFile(path: "report.md", text: "good")], to: out)
    #expect(throws: OutputError.self) {
      try AtomicWriter.write([OutputFile(path: "report.md", text: "half")], to: out, beforeSwap: { throw DiskFull() })
    }
    #expect(read(out, "report.md") == "good")
    #expect(try leftovers(in: parent) == [])
  }

  @Test func conflictingAndInvalidPathsAreRejectedBeforeWriting() throws {
    let parent = try TestPaths.temporaryDirectory("atomic-invalid")
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("out")
    try AtomicWriter.write([OutputFile(path: "report.md", text: "good")], to: out)
    #expect(throws: OutputError.conflictingPaths("figures", "figures/a.svg")) {
      try AtomicWriter.write([OutputFile(path: "figures", text: ""), OutputFile(path: "figures/a.svg", text: "")], to: out)
    }
    #expect(throws: OutputError.conflictingPaths("a.txt", "a.txt")) {
      try AtomicWriter.write([OutputFile(path: "a.txt", text: ""), OutputFile(path: "a.txt", text: "")], to: out)
    }
    for bad in ["../escape.txt", "/abs.txt", "a//b", "./a", ""] {
      #expect(throws: OutputError.invalidPath(bad)) { try AtomicWriter.write([OutputFile(path: bad, text: "")], to: out) }
    }
    #expect(read(out, "report.md") == "good")
    #expect(try leftovers(in: parent) == [])
  }

  @Test func targetThatIsAFileIsRejected() throws {
    let parent = try TestPaths.temporaryDirectory("atomic-file")
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("out")
    try "not a dir".write(to: out, atomically: true, encoding: .utf8)
    #expect(throws: OutputError.targetNotADirectory(out.standardizedFileURL.path)) {
      try AtomicWriter.write([OutputFile(path: "a", text: "")], to: out)
    }
    #expect((try? String(contentsOf: out, encoding: .utf8)) == "not a dir")
  }

  @Test func renderedReportListsItsFiles() async throws {
    let report = try await SharedRenderer.get().render(TestDocuments.small)
    #expect(report.files.map(\.path) == ["report.html", "report.md", "figures/fig.svg"])
  }
}
