import CLVData
import CLVReport
import Foundation

/// Where a run's code and settings came from, for the run-information section.
enum Provenance {
  /// The git commit of the checkout the running `clv` was built in, when the
  /// binary still sits inside it (found by walking up from the executable to a
  /// `.git` folder and resolving `HEAD`); nil for an installed binary.
  static func gitCommit() -> String? {
    guard let exe = TemplateLocator.currentExecutablePath() else { return nil }
    var dir = URL(fileURLWithPath: exe).deletingLastPathComponent()
    for _ in 0..<8 {
      let git = gitDirectory(dir.appendingPathComponent(".git"))
      if let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8) {
        let text = head.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("ref: ") else { return text }
        let ref = String(text.dropFirst(5))
        // A linked worktree keeps its HEAD in its own folder and the refs in the common one.
        for place in [git, commonDirectory(git)] {
          if let hash = try? String(contentsOf: place.appendingPathComponent(ref), encoding: .utf8) {
            return hash.trimmingCharacters(in: .whitespacesAndNewlines)
          }
          if let hash = packedRef(ref, in: place) { return hash }
        }
        return nil
      }
      dir.deleteLastPathComponent()
    }
    return nil
  }

  /// `.git` itself, or the folder a linked worktree's `.git` file names (`gitdir: PATH`).
  private static func gitDirectory(_ dotGit: URL) -> URL {
    guard let text = try? String(contentsOf: dotGit, encoding: .utf8), text.hasPrefix("gitdir: ") else { return dotGit }
    let path = text.dropFirst(8).trimmingCharacters(in: .whitespacesAndNewlines)
    if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
    return dotGit.deletingLastPathComponent().appendingPathComponent(path).standardizedFileURL
  }

  /// The repository's common folder of a linked worktree's git folder (its `commondir` file), else itself.
  private static func commonDirectory(_ git: URL) -> URL {
    guard let text = try? String(contentsOf: git.appendingPathComponent("commondir"), encoding: .utf8) else {
      return git
    }
    let path = text.trimmingCharacters(in: .whitespacesAndNewlines)
    if path.hasPrefix("/") { return URL(fileURLWithPath: path) }
    return git.appendingPathComponent(path).standardizedFileURL
  }

  private static func packedRef(_ ref: String, in git: URL) -> String? {
    guard let packed = try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8) else {
      return nil
    }
    for line in packed.split(separator: "\n") where line.hasSuffix(" " + ref) {
      return String(line.split(separator: " ")[0])
    }
    return nil
  }

  /// SHA-256 of a file, or nil when it cannot be read.
  static func sha256(ofFile path: String) -> String? {
    guard let data = FileManager.default.contents(atPath: path) else { return nil }
    return SHA256.hex(of: [UInt8](data))
  }
}
