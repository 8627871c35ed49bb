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
      let git = dir.appendingPathComponent(".git")
      if let head = try? String(contentsOf: git.appendingPathComponent("HEAD"), encoding: .utf8) {
        let text = head.trimmingCharacters(in: .whitespacesAndNewlines)
        guard text.hasPrefix("ref: ") else { return text }
        let ref = String(text.dropFirst(5))
        if let hash = try? String(contentsOf: git.appendingPathComponent(ref), encoding: .utf8) {
          return hash.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return packedRef(ref, in: git)
      }
      dir.deleteLastPathComponent()
    }
    return nil
  }

  private static func packedRef(_ ref: String, in git: URL) -> String? {
    guard let packed = try? String(contentsOf: git.appendingPathComponent("packed-refs"), encoding: .utf8) else { return nil }
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
