import CLVReport
import CLVXMLCheck
import Testing

/// The libxml2 check every run passes its page and figures through before writing.
@Suite struct SelfContainedCheckTests {
  static func page(_ body: String, head: String = "") -> String {
    """
    <!DOCTYPE html>
    <html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><meta charset="utf-8"/><title>t</title>\(head)</head>
    <body>
    \(body)
    </body></html>
    """
  }

  @Test func acceptsTheRenderedDemoReport() async throws {
    let report = try await SharedRenderer.get().render(ReportDocument.example)
    try report.verify()
  }

  @Test func rejectsABrokenPageNamingTheLine() {
    let broken = Self.page("<section><p>unclosed</section>")
    #expect(throws: ReportCheckError.self) { try RenderedReport.verify(broken, file: "report.html") }
    guard case .malformed(let issues) = SelfContainedCheck.check(broken) else {
      Issue.record("a broken page must not parse")
      return
    }
    #expect(issues.first?.line == 4)
    let error = try? #require(throws: ReportCheckError.self) { try RenderedReport.verify(broken, file: "report.html") }
    #expect(error?.description.contains("report.html") == true)
    #expect(error?.description.contains("line 4") == true)
  }

  @Test func rejectsAnEventHandlerNamingElementAndLine() throws {
    let page = Self.page("<p>fine</p>\n<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect/></svg>")
    #expect(
      SelfContainedCheck.check(page)
        == .active([ActiveContentIssue(line: 5, element: "svg", problem: "has the event-handler attribute onload")]))
    let error = try #require(throws: ReportCheckError.self) { try RenderedReport.verify(page, file: "report.html") }
    #expect(error.description.contains("line 5: <svg> has the event-handler attribute onload"))
  }

  @Test func rejectsScriptsAndExternalResources() {
    let cases: [(String, String, String)] = [
      ("<script>x()</script>", "", "script"),
      ("<img src=\"https://tracker.example/p.gif\" alt=\"\"/>", "", "img"),
      ("<a href=\"//cdn.example/x\">x</a>", "", "a"),
      ("<a href=\"javascript:alert(1)\">x</a>", "", "a"),
      (
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\"><use xlink:href=\"http://e.example/s.svg#a\"/></svg>",
        "", "use"
      ),
      ("<p style=\"background: url(https://e.example/bg.png)\">x</p>", "", "p"),
      ("<p>x</p>", "<style>@import 'https://e.example/a.css';</style>", "style"),
      ("<p>x</p>", "<style>body { background: url( \"http://e.example/a.png\" ) }</style>", "style"),
      ("<iframe src=\"figures/a.svg\"></iframe>", "", "iframe"),
    ]
    for (body, head, element) in cases {
      guard case .active(let issues) = SelfContainedCheck.check(Self.page(body, head: head)) else {
        Issue.record("not rejected: \(body) \(head)")
        continue
      }
      #expect(issues.map(\.element).contains(element), "\(issues)")
    }
  }

  @Test func acceptsFragmentsRelativeFilesAndDataURLs() {
    let page = Self.page(
      """
      <a href="#gates">gates</a> <a class="fig-file" href="figures/gain.svg">SVG</a>
      <a href="mailto:analyst@example.com">mail</a>
      <img alt="" src="data:image/png;base64,AAAA"/><p style="fill: url(#grad)">on-line</p>
      """, head: "<style>.x { fill: url(#g); } .online { color: red }</style>")
    #expect(SelfContainedCheck.check(page) == .ok)
  }
}
