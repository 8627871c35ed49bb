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
      [
        OutputFile(path: "report.md", text: "v1"), OutputFile(path: "figures/a.svg", text: "<svg/>"),
        OutputFile(path: "old.csv", text: "x"),
      ],
      to: out)
    #expect(read(out, "report.md") == "v1")
    #expect(read(out, "figures/a.svg") == "<svg/>")
    try AtomicWriter.write(
      [OutputFile(path: "report.md", text: "v2"), OutputFile(path: "metrics.json", bytes: Array("{}".utf8))], to: out)
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

  /// A produced file is written piece by piece; a producer that fails leaves the previous
  /// output as it was, with the failing file named.
  @Test func producedFilesAreWrittenInPiecesOrNotAtAll() throws {
    struct Broken: Error {}
    let parent = try TestPaths.temporaryDirectory("atomic-produced")
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("out")
    let table = OutputFile(path: "table.csv") { write in
      for i in 0..<3 { try write(Array("row \(i)\n".utf8)) }
      try write([])
    }
    try AtomicWriter.write([table, OutputFile(path: "report.md", text: "v1")], to: out)
    #expect(read(out, "table.csv") == "row 0\nrow 1\nrow 2\n")
    let broken = OutputFile(path: "table.csv") { write in
      try write(Array("row 0\n".utf8))
      throw Broken()
    }
    #expect(throws: OutputError.writeFailed(path: "table.csv", reason: "\(Broken())")) {
      try AtomicWriter.write([OutputFile(path: "report.md", text: "v2"), broken], to: out)
    }
    #expect(read(out, "report.md") == "v1")
    #expect(read(out, "table.csv") == "row 0\nrow 1\nrow 2\n")
    #expect(try leftovers(in: parent) == [])
  }

  @Test func conflictingAndInvalidPathsAreRejectedBeforeWriting() throws {
    let parent = try TestPaths.temporaryDirectory("atomic-invalid")
    defer { try? FileManager.default.removeItem(at: parent) }
    let out = parent.appendingPathComponent("out")
    try AtomicWriter.write([OutputFile(path: "report.md", text: "good")], to: out)
    #expect(throws: OutputError.conflictingPaths("figures", "figures/a.svg")) {
      try AtomicWriter.write(
        [OutputFile(path: "figures", text: ""), OutputFile(path: "figures/a.svg", text: "")], to: out)
    }
    #expect(throws: OutputError.conflictingPaths("a.txt", "a.txt")) {
      try AtomicWriter.write([OutputFile(path: "a.txt", text: ""), OutputFile(path: "a.txt", text: "")], to: out)
    }
    for bad in ["../escape.txt", "/abs.txt", "a//b", "./a", ""] {
      #expect(throws: OutputError.invalidPath(bad)) {
        try AtomicWriter.write([OutputFile(path: bad, text: "")], to: out)
      }
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

/// Leftovers of killed runs are cleared at the next write; a backup of a run killed
/// between its two renames is moved back; folders of live runs are left alone.
@Suite struct AtomicWriterRecoveryTests {
  /// The id of a process that has exited.
  private func deadPID() throws -> Int32 {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/true")
    try p.run()
    p.waitUntilExit()
    return p.processIdentifier
  }

  @Test func leftoversOfDeadRunsAreRemovedOrRestored() throws {
    let parent = try TestPaths.temporaryDirectory("atomic-recover")
    defer { try? FileManager.default.removeItem(at: parent) }
    let fm = FileManager.default
    let dead = try deadPID()
    let alive = getppid()
    // A run killed between "old → backup" and "staging → target": only the backup is left.
    let backup = parent.appendingPathComponent(".out.previous-\(dead)-abc")
    try fm.createDirectory(at: backup, withIntermediateDirectories: true)
    try "old".write(to: backup.appendingPathComponent("report.md"), atomically: false, encoding: .utf8)
    let staging = parent.appendingPathComponent(".out.staging-\(dead)-def")
    try fm.createDirectory(at: staging, withIntermediateDirectories: true)
    let live = parent.appendingPathComponent(".out.staging-\(alive)-ghi")
    try fm.createDirectory(at: live, withIntermediateDirectories: true)
    let other = parent.appendingPathComponent(".other.staging-\(dead)-jkl")
    try fm.createDirectory(at: other, withIntermediateDirectories: true)
    let out = parent.appendingPathComponent("out")
    AtomicWriter.recoverLeftovers(of: out)
    #expect((try? String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)) == "old")
    #expect(
      Set(try fm.contentsOfDirectory(atPath: parent.path)) == ["out", live.lastPathComponent, other.lastPathComponent])
    try AtomicWriter.write([OutputFile(path: "report.md", text: "new")], to: out)
    #expect((try? String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)) == "new")
    #expect(
      Set(try fm.contentsOfDirectory(atPath: parent.path)) == ["out", live.lastPathComponent, other.lastPathComponent])
  }
}
