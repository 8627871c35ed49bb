import Foundation

/// Where the report templates were looked for, and why.
package struct TemplateCandidate: Sendable, Equatable, CustomStringConvertible {
  /// Which rule produced this place (`--templates`, `CLV_TEMPLATES`, `./templates`, …).
  package let source: String
  /// The directory.
  package let path: String

  /// `path (source)`.
  package var description: String { "\(path) (\(source))" }
}

/// No candidate directory holds `report.html.mustache`.
package struct TemplatesNotFoundError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The places searched, in order.
  package let searched: [TemplateCandidate]

  /// Lists the places and says how to fix it.
  package var description: String {
    "report templates not found (no \(TemplateLocator.marker)); searched:\n"
      + searched.map { "  - \($0)" }.joined(separator: "\n")
      + "\npass --templates DIR or set CLV_TEMPLATES to the folder holding \(TemplateLocator.marker)"
  }
}

/// Finds the templates folder from any working directory. Order:
/// 1. an explicit directory (`--templates DIR`): used alone, an error if it lacks the templates;
/// 2. `CLV_TEMPLATES`: likewise used alone when set;
/// 3. `./templates`;
/// 4. `templates/` in the executable's directory and each of its ancestors (finds the
///    package's folder for `.build/release/clv` run from anywhere);
/// 5. `<exe dir>/../share/clv/templates` (an installed layout).
/// A directory qualifies when it contains `report.html.mustache`.
package enum TemplateLocator {
  /// The file that marks a templates folder.
  package static let marker = "report.html.mustache"

  /// The ordered places to look. Pure, for tests.
  package static func candidates(
    explicit: String?, environment: [String: String], currentDirectory: String, executablePath: String?
  ) -> [TemplateCandidate] {
    if let explicit {
      return [TemplateCandidate(source: "--templates", path: absolute(explicit, in: currentDirectory))]
    }
    if let env = environment["CLV_TEMPLATES"], !env.isEmpty {
      return [TemplateCandidate(source: "CLV_TEMPLATES", path: absolute(env, in: currentDirectory))]
    }
    var list = [TemplateCandidate(source: "working directory", path: join(currentDirectory, "templates"))]
    if let exe = executablePath {
      var dir = parent(absolute(exe, in: currentDirectory))
      let exeDir = dir
      while true {
        list.append(TemplateCandidate(source: "executable ancestor", path: join(dir, "templates")))
        if dir == "/" || dir.isEmpty { break }
        dir = parent(dir)
      }
      list.append(TemplateCandidate(source: "installed share", path: join(parent(exeDir), "share/clv/templates")))
    }
    return list
  }

  /// The first candidate holding the templates, or `TemplatesNotFoundError` listing them all.
  package static func locate(
    explicit: String? = nil,
    environment: [String: String] = ProcessInfo.processInfo.environment,
    currentDirectory: String = FileManager.default.currentDirectoryPath,
    executablePath: String? = currentExecutablePath(),
    fileExists: (String) -> Bool = { FileManager.default.fileExists(atPath: $0) }
  ) throws(TemplatesNotFoundError) -> String {
    let list = candidates(
      explicit: explicit, environment: environment, currentDirectory: currentDirectory, executablePath: executablePath)
    for candidate in list where fileExists(join(candidate.path, marker)) { return candidate.path }
    throw TemplatesNotFoundError(searched: list)
  }

  /// The running executable with symlinks resolved: `/proc/self/exe` on Linux, otherwise
  /// `CommandLine.arguments[0]` resolved against the working directory.
  package static func currentExecutablePath() -> String? {
    if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
    guard let first = CommandLine.arguments.first, !first.isEmpty else { return nil }
    let path = absolute(first, in: FileManager.default.currentDirectoryPath)
    return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
  }

  static func absolute(_ path: String, in base: String) -> String {
    path.hasPrefix("/") ? normalize(path) : normalize(join(base, path))
  }

  static func join(_ a: String, _ b: String) -> String { a.hasSuffix("/") ? a + b : a + "/" + b }

  static func parent(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// Removes `.` and `..` segments and duplicate slashes (lexically).
  static func normalize(_ path: String) -> String {
    var parts: [Substring] = []
    for part in path.split(separator: "/", omittingEmptySubsequences: true) {
      if part == "." { continue }
      if part == ".." { if !parts.isEmpty { parts.removeLast() }; continue }
      parts.append(part)
    }
    return "/" + parts.joined(separator: "/")
  }
}
