import CLVReport
import Foundation
import Testing

/// Which folders `clv report --out` may replace (``OutputFolderClaim``), which files
/// `clv score -o` may replace (``OutputFileClaim``), and the folder lock.
@Suite struct OutputFolderClaimTests {
  private func write(_ text: String, _ url: URL) throws {
    try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try text.write(to: url, atomically: false, encoding: .utf8)
  }

  @Test func newEmptyAndOwnFoldersAreAccepted() throws {
    let root = try TestPaths.temporaryDirectory("claim-ok")
    defer { try? FileManager.default.removeItem(at: root) }
    let input = root.appendingPathComponent("data/t.csv")
    try write("x", input)
    let fresh = root.appendingPathComponent("reports/new").path
    #expect(try OutputFolderClaim.check(fresh, inputs: [input.path], force: false).path == fresh)
    let empty = root.appendingPathComponent("empty")
    try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
    _ = try OutputFolderClaim.check(empty.path, inputs: [input.path], force: false)
    // A folder the writer wrote carries the marker.
    let own = root.appendingPathComponent("own")
    try AtomicWriter.write([OutputFile(path: "report.md", text: "v1")], to: own)
    #expect(FileManager.default.fileExists(atPath: own.appendingPathComponent(OutputFolderClaim.markerName).path))
    _ = try OutputFolderClaim.check(own.path, inputs: [input.path], force: false)
    // A folder from before the marker: only clv's names and metrics.json with tool.name clv.
    let legacy = root.appendingPathComponent("legacy")
    try write(#"{"tool": {"name": "clv", "version": "0.1.0"}}"#, legacy.appendingPathComponent("metrics.json"))
    try write("<html/>", legacy.appendingPathComponent("report.html"))
    _ = try OutputFolderClaim.check(legacy.path, inputs: [], force: false)
    try write("mine", legacy.appendingPathComponent("notes.txt"))
    #expect(throws: OutputTargetError.self) { try OutputFolderClaim.check(legacy.path, inputs: [], force: false) }
  }

  @Test func foreignFilesNeedForce() throws {
    let root = try TestPaths.temporaryDirectory("claim-foreign")
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = root.appendingPathComponent("stuff")
    for name in ["b.txt", "a.csv", "c.pdf", "d.doc"] { try write(name, folder.appendingPathComponent(name)) }
    let error = #expect(throws: OutputTargetError.self) {
      try OutputFolderClaim.check(folder.path, inputs: [], force: false)
    }
    #expect(
      error == .foreignContents(path: folder.path, option: "--out", examples: ["a.csv", "b.txt", "c.pdf"], count: 4))
    #expect(error.map { "\($0)" }?.contains("--force") == true)
    _ = try OutputFolderClaim.check(folder.path, inputs: [], force: true)
  }

  /// Inputs, `.`, `..`, the home folder and the root are refused even with --force;
  /// `./x` and links are compared resolved.
  @Test func inputsAndProtectedFoldersAreRefusedEvenWithForce() throws {
    let root = try TestPaths.temporaryDirectory("claim-protected")
    defer { try? FileManager.default.removeItem(at: root) }
    let input = root.appendingPathComponent("shop/data/t.csv")
    try write("x", input)
    let link = root.appendingPathComponent("link-to-shop")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: root.appendingPathComponent("shop"))
    for folder in [
      root.appendingPathComponent("shop/data").path, root.appendingPathComponent("shop").path,
      root.appendingPathComponent("shop/data/../data/.").path,
    ] {
      #expect(throws: OutputTargetError.holdsInput(path: folder, option: "--out", input: input.path)) {
        try OutputFolderClaim.check(folder, inputs: [input.path], force: true)
      }
    }
    // Through a link to an ancestor of the input: the link itself is refused.
    #expect(throws: OutputTargetError.self) {
      try OutputFolderClaim.check(link.path, inputs: [input.path], force: true)
    }
    // An input named through the link is still inside the folder.
    let viaLink = link.appendingPathComponent("data/t.csv").path
    #expect(throws: OutputTargetError.self) {
      try OutputFolderClaim.check(root.appendingPathComponent("shop").path, inputs: [viaLink], force: true)
    }
    for (path, what) in [
      (".", "the current folder"), ("..", "an ancestor of the current folder"), ("/", "the root folder"),
      (NSHomeDirectory(), "the home folder"),
    ] {
      #expect(throws: OutputTargetError.protectedFolder(path: path, option: "--out", what: what)) {
        try OutputFolderClaim.check(path, inputs: [], force: true)
      }
    }
    #expect(throws: OutputTargetError.emptyPath(option: "--out")) {
      try OutputFolderClaim.check("", inputs: [], force: true)
    }
    let file = root.appendingPathComponent("a-file")
    try write("x", file)
    #expect(throws: OutputTargetError.wrongKind(path: file.path, option: "--out", expected: "a folder")) {
      try OutputFolderClaim.check(file.path, inputs: [], force: true)
    }
  }

  /// `-o` never replaces an input (compared by inode: `./t.csv`, a symbolic and a hard link
  /// are caught), and replaces another existing file only when it starts like a predictions
  /// file, or with force.
  @Test func outputFileRules() throws {
    let root = try TestPaths.temporaryDirectory("claim-file")
    defer { try? FileManager.default.removeItem(at: root) }
    let input = root.appendingPathComponent("t.csv")
    try write("customer_id,order_date,amount\n", input)
    let symbolic = root.appendingPathComponent("sym.csv")
    try FileManager.default.createSymbolicLink(at: symbolic, withDestinationURL: input)
    let hard = root.appendingPathComponent("hard.csv")
    try FileManager.default.linkItem(at: input, to: hard)
    let start = "customer_id,predicted_clv,"
    for spelling in [input.path, root.path + "/./t.csv", symbolic.path, hard.path] {
      #expect(throws: OutputTargetError.self) {
        try OutputFileClaim.check(spelling, option: "-o", inputs: [input.path], force: true, expectedStart: start)
      }
    }
    let foreign = root.appendingPathComponent("notes.csv")
    try write("my,own\n", foreign)
    #expect(throws: OutputTargetError.foreignFile(path: foreign.path, option: "-o", expectedStart: start)) {
      try OutputFileClaim.check(foreign.path, option: "-o", inputs: [input.path], force: false, expectedStart: start)
    }
    try OutputFileClaim.check(foreign.path, option: "-o", inputs: [input.path], force: true, expectedStart: start)
    let previous = root.appendingPathComponent("predictions.csv")
    try write(start + "predicted_spend\nC1,1.00,1.00\n", previous)
    try OutputFileClaim.check(previous.path, option: "-o", inputs: [input.path], force: false, expectedStart: start)
    try OutputFileClaim.check(
      root.appendingPathComponent("new.csv").path, option: "-o", inputs: [], force: false, expectedStart: start)
    #expect(throws: OutputTargetError.wrongKind(path: root.path, option: "-o", expected: "a file")) {
      try OutputFileClaim.check(root.path, option: "-o", inputs: [], force: true, expectedStart: start)
    }
  }

  /// A second lock on the same folder fails at once; release deletes the lock file.
  @Test func lockIsExclusiveAndLeavesNothing() throws {
    let root = try TestPaths.temporaryDirectory("claim-lock")
    defer { try? FileManager.default.removeItem(at: root) }
    let target = root.appendingPathComponent("out")
    let first = try OutputLock(target: target)
    #expect(throws: OutputTargetError.locked(path: target.path, lockFile: first.path)) {
      _ = try OutputLock(target: target)
    }
    first.release()
    let second = try OutputLock(target: target)
    second.release()
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == [])
  }
}
