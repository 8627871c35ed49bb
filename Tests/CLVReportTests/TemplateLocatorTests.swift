import CLVReport
import Foundation
import Testing

/// Lookup order: --templates > CLV_TEMPLATES > ./templates > executable ancestors >
/// <exe>/../share/clv/templates, checked with a fake file system, plus one real lookup.
@Suite struct TemplateLocatorTests {
  private func exists(_ dirs: String...) -> (String) -> Bool {
    { path in dirs.contains { path == $0 + "/report.html.mustache" } }
  }

  @Test func explicitDirectoryWinsAndIsExclusive() throws {
    let found = try TemplateLocator.locate(
      explicit: "custom", environment: ["CLV_TEMPLATES": "/env"], currentDirectory: "/work",
      executablePath: "/opt/p/.build/release/clv", fileExists: exists("/work/custom", "/env", "/work/templates"))
    #expect(found == "/work/custom")
    #expect(throws: TemplatesNotFoundError.self) {
      try TemplateLocator.locate(
        explicit: "/missing", environment: [:], currentDirectory: "/work", executablePath: nil,
        fileExists: exists("/work/templates"))
    }
  }

  @Test func environmentBeforeWorkingDirectory() throws {
    let found = try TemplateLocator.locate(
      explicit: nil, environment: ["CLV_TEMPLATES": "/env/t/"], currentDirectory: "/work", executablePath: nil,
      fileExists: exists("/env/t", "/work/templates"))
    #expect(found == "/env/t")
  }

  @Test func workingDirectoryBeforeExecutable() throws {
    let found = try TemplateLocator.locate(
      explicit: nil, environment: [:], currentDirectory: "/work", executablePath: "/opt/p/.build/release/clv",
      fileExists: exists("/work/templates", "/opt/p/templates"))
    #expect(found == "/work/templates")
  }

  @Test func walksUpFromTheExecutable() throws {
    // `.build/release` is a symlink to `.build/x86_64-unknown-linux-gnu/release`; the locator
    // receives the resolved path and climbs to the package root.
    let found = try TemplateLocator.locate(
      explicit: nil, environment: [:], currentDirectory: "/tmp",
      executablePath: "/opt/p/.build/x86_64-unknown-linux-gnu/release/clv", fileExists: exists("/opt/p/templates"))
    #expect(found == "/opt/p/templates")
  }

  @Test func installedShareIsTheLastResort() throws {
    let found = try TemplateLocator.locate(
      explicit: nil, environment: [:], currentDirectory: "/tmp", executablePath: "/usr/local/bin/clv",
      fileExists: exists("/usr/local/share/clv/templates"))
    #expect(found == "/usr/local/share/clv/templates")
  }

  @Test func errorListsEveryPlaceInOrder() {
    do {
      _ = try TemplateLocator.locate(
        explicit: nil, environment: [:], currentDirectory: "/w", executablePath: "/a/b/clv", fileExists: { _ in false })
      Issue.record("expected an error")
    } catch {
      #expect(
        error.searched.map(\.path) == [
          "/w/templates", "/a/b/templates", "/a/templates", "/templates", "/a/share/clv/templates",
        ])
      #expect(error.description.contains("--templates"))
      #expect(error.description.contains("/a/share/clv/templates (installed share)"))
    }
  }

  @Test func realLookupFromTheTestBinaryFindsTheRepositoryTemplates() throws {
    // The test binary lives under .build/; walking up from it reaches the package root.
    let found = try TemplateLocator.locate(explicit: nil, environment: [:], currentDirectory: "/")
    #expect(found == TestPaths.templates)
  }
}
