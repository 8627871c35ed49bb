import CLVReport
import CLVXMLCheck
import Foundation
import Testing

/// Renders `ReportDocument.example` and, when `CLV_REPORT_DEMO_DIR` is set, writes it there
/// (report.html, report.md, figures/) for looking at in a browser.
@Suite struct DemoRenderTests {
  @Test func exampleRendersWellFormedAndScriptFree() async throws {
    let renderer = try await SharedRenderer.get()
    let report = try renderer.render(.example)
    #expect(XMLCheck.issues(in: report.html) == [])
    #expect(!report.html.lowercased().contains("<script"))
    #expect(!GFMMarkdown.html(report.markdown).lowercased().contains("<script"))
    for figure in report.figures {
      #expect(XMLCheck.issues(in: figure.svg) == [], "\(figure.name)")
    }
    // Every figure is inlined once and linked once from Markdown.
    #expect(XMLCheck.count(of: "//*[local-name()='svg']", in: report.html) == report.figures.count)
    for figure in report.figures { #expect(report.markdown.contains("](\(figure.name))")) }
    // GitHub rejects comments over 65,536 characters; the example (12 figures) stays well below.
    #expect(report.markdown.count < 30_000)
    if let dir = ProcessInfo.processInfo.environment["CLV_REPORT_DEMO_DIR"] {
      try AtomicWriter.write(report.files, to: URL(fileURLWithPath: dir))
    }
  }
}
