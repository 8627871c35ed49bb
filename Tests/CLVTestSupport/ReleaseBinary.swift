import Foundation

/// The release build of `clv`, which the command-line tests run: `-Ounchecked` targets drop
/// checks that a debug build keeps, so a crash that only the shipped binary has is caught here.
///
/// The README's test command builds it first (`swift build -c release && swift test`). A missing
/// binary, or one older than a source file, fails the test with that command instead of testing
/// stale code.
package enum ReleaseBinary {
  /// The package root, found from this file's location.
  package static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// Path of `.build/release/clv`.
  package static let path = packageRoot + "/.build/release/clv"

  /// Why the release binary cannot be used (missing or older than a source file), or nil.
  package static let problem: String? = {
    let fm = FileManager.default
    guard let built = (try? fm.attributesOfItem(atPath: path))?[.modificationDate] as? Date else {
      return "no release binary at \(path): run `swift build -c release` before `swift test`"
    }
    let sources = URL(fileURLWithPath: packageRoot + "/Sources")
    let walker = fm.enumerator(at: sources, includingPropertiesForKeys: [.contentModificationDateKey])
    while let url = walker?.nextObject() as? URL {
      guard let changed = try? url.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate
      else { continue }
      if changed > built {
        return "the release binary is older than \(url.path): run `swift build -c release` before `swift test`"
      }
    }
    return nil
  }()

  /// Runs the release `clv` with `arguments` in `directory` (default: the package root), with
  /// optional standard input; returns (status, stdout, stderr).
  package static func run(
    _ arguments: [String], in directory: String? = nil, input: Data? = nil,
    environment: [String: String]? = nil
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    try run(program: path, arguments, in: directory, input: input, environment: environment)
  }

  /// Runs `program` (a path) with `arguments` the same way (the Spark driver's Python).
  package static func run(
    program: String, _ arguments: [String], in directory: String? = nil, input: Data? = nil,
    environment: [String: String]? = nil
  ) throws -> (status: Int32, stdout: String, stderr: String) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: program)
    p.arguments = arguments
    p.currentDirectoryURL = URL(fileURLWithPath: directory ?? packageRoot)
    if let environment { p.environment = environment }
    let out = Pipe()
    let err = Pipe()
    p.standardOutput = out
    p.standardError = err
    let inPipe = Pipe()
    p.standardInput = input == nil ? FileHandle.nullDevice : inPipe
    try p.run()
    if let input {
      // Write from another thread so a large input cannot deadlock against full output pipes.
      let writer = inPipe.fileHandleForWriting
      Thread.detachNewThread {
        writer.write(input)
        try? writer.close()
      }
    }
    // Read stderr concurrently so neither pipe fills up and blocks the child.
    nonisolated(unsafe) var errData = Data()
    let group = DispatchGroup()
    group.enter()
    Thread.detachNewThread {
      errData = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let o = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    p.waitUntilExit()
    return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: errData, as: UTF8.self))
  }
}
