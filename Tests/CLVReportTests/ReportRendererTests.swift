import CLVReport
import CLVTestSupport
import CLVXMLCheck
import Foundation
import Testing

/// The full page: well-formed polyglot XHTML (libxml2 strict parser), page furniture
/// present, Markdown that cmark-gfm parses into real tables, and golden files.
@Suite struct ReportRendererTests {
  @Test func smallDocumentGoldenFiles() async throws {
    let report = try await SharedRenderer.get().render(TestDocuments.small)
    #expect(XMLCheck.issues(in: report.html) == [])
    assertSnapshot(report.html, named: "small-report.html", in: TestPaths.snapshots)
    assertSnapshot(report.markdown, named: "small-report.md", in: TestPaths.snapshots)
    #expect(report.figures.map(\.name) == ["figures/fig.svg"])
  }

  @Test func pageHasTheExpectedFurniture() async throws {
    let html = try await SharedRenderer.get().render(TestDocuments.small).html
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""))
    #expect(html.contains("<meta name=\"color-scheme\" content=\"light dark\"/>"))
    #expect(html.contains("@media (prefers-color-scheme: dark)"))
    #expect(html.contains("@media print"))
    #expect(html.contains("@page"))
    // No external URL: only the XHTML and SVG namespace names.
    let withoutNamespaces = html.replacingOccurrences(of: "http://www.w3.org/", with: "")
    #expect(
      !withoutNamespaces.contains("http://") && !withoutNamespaces.contains("https://")
        && !withoutNamespaces.contains("//"))
    #expect(!html.lowercased().contains("<script"))
    #expect(XMLCheck.count(of: "//*[local-name()='nav'][@aria-label='Contents']//*[local-name()='a']", in: html) == 3)
    #expect(XMLCheck.count(of: "//*[local-name()='section'][@class='verdict verdict-pass']", in: html) == 1)
    #expect(XMLCheck.count(of: "//*[local-name()='li'][contains(@class,'card')]", in: html) == 1)
    #expect(XMLCheck.count(of: "//*[local-name()='h3'][@id='chart-h']", in: html) == 1)  // subsection one level down
    #expect(XMLCheck.count(of: "//*[local-name()='td'][contains(concat(' ', @class, ' '), ' num ')]", in: html) == 4)  // numeric cells right-aligned: 2 gate values + 2 figure-data cells
    #expect(
      XMLCheck.count(of: "//*[local-name()='figure']//*[local-name()='details']//*[local-name()='table']", in: html)
        == 1)
    #expect(XMLCheck.count(of: "//*[local-name()='strong'][.='Markdown']", in: html) == 1)  // cmark-gfm block
  }

  @Test func markdownParsesIntoRealTablesWithCmarkGFM() async throws {
    let markdown = try await SharedRenderer.get().render(TestDocuments.small).markdown
    let wrapped = "<div>\(GFMMarkdown.html(markdown))</div>"
    #expect(XMLCheck.issues(in: wrapped) == [])
    // Cards, gates, figure data: three tables; the gate table has its status and numeric alignment.
    #expect(XMLCheck.count(of: "//table", in: wrapped) == 3)
    #expect(XMLCheck.count(of: "//table[2]/thead/tr/th[3][@align='right']", in: wrapped) == 1)
    #expect(XMLCheck.count(of: "//table[2]/tbody/tr", in: wrapped) == 2)
    #expect(XMLCheck.count(of: "//img[@src='figures/fig.svg']", in: wrapped) == 1)
    // Verdict first, then the gate section before the details section.
    let verdict = try #require(markdown.range(of: "✅ PASS** — All 2 gates pass."))
    let gates = try #require(markdown.range(of: "## Gates"))
    let details = try #require(markdown.range(of: "## Details"))
    #expect(verdict.lowerBound < gates.lowerBound && gates.lowerBound < details.lowerBound)
    #expect(!markdown.contains("\n\n\n"))
    #expect(markdown.hasSuffix("\n") && !markdown.hasSuffix("\n\n"))
  }

  @Test func everyFigureHasADataTableByDefault() throws {
    let figure = ReportFigure(id: "h", title: "t", caption: "c", description: "d", chart: TestDocuments.charts[5].chart)
    let table = figure.dataTable
    #expect(table.columns.map(\.title) == ["Residual from", "to", "Count"])
    #expect(
      table.rows.map { $0.cells.map(\.text) } == [
        ["-3", "-2", "1"], ["-2", "-1", "1"], ["-1", "0", "1"], ["0", "1", "4"], ["1", "2", "1"], ["2", "3", "1"],
      ])
    let line = TestDocuments.charts[0].chart.dataTable()  // series with different x: long format
    #expect(line.columns.map(\.title) == ["Series", "Epoch", "Loss"])
    #expect(line.rows.count == 4 + 4 + 2)
    let bars = TestDocuments.charts[1].chart.dataTable()
    #expect(bars.rows[2].cells.map(\.text) == ["3", "30", "-5"])
  }

  @Test func duplicateSectionIdsGetSuffixes() async throws {
    let doc = ReportDocument(
      title: "t",
      sections: [
        ReportSection(id: "a", title: "A"),
        ReportSection(id: "a", title: "A again", subsections: [ReportSection(id: "a", title: "A3")]),
      ])
    let html = try await SharedRenderer.get().render(doc).html
    for id in ["a", "a-2", "a-3"] {
      #expect(XMLCheck.count(of: "//*[local-name()='section'][@id='\(id)']", in: html) == 1)
      #expect(XMLCheck.count(of: "//*[local-name()='nav']//*[local-name()='a'][@href='#\(id)']", in: html) == 1)
    }
  }

  @Test func duplicateFigureIdsAreRejected() async throws {
    var doc = TestDocuments.small
    let figure = ReportFigure(
      id: "fig", title: "t", caption: "c", description: "d", chart: TestDocuments.charts[0].chart)
    doc.sections[0].blocks.append(.figure(figure))
    let renderer = try await SharedRenderer.get()
    #expect(throws: ReportRenderError.duplicateFigureID("fig")) { try renderer.render(doc) }
  }

  @Test func templateSyntaxErrorIsATypedError() async throws {
    let dir = try TestPaths.temporaryDirectory("bad-template")
    defer { try? FileManager.default.removeItem(at: dir) }
    try "{{#open}} never closed".write(
      to: dir.appendingPathComponent("report.html.mustache"), atomically: true, encoding: .utf8)
    do {
      _ = try await ReportRenderer(templatesDirectory: dir.path)
      Issue.record("expected a syntax error")
    } catch let error as ReportRenderError {
      guard case .templateSyntax(let file, _) = error else { Issue.record("wrong error \(error)"); return }
      #expect(file == "report.html.mustache")
    }
  }

  @Test func missingTemplateIsATypedError() async throws {
    let dir = try TestPaths.temporaryDirectory("missing-template")
    defer { try? FileManager.default.removeItem(at: dir) }
    try "x".write(to: dir.appendingPathComponent("report.html.mustache"), atomically: true, encoding: .utf8)
    await #expect(throws: ReportRenderError.missingTemplate(name: "report.md", directory: dir.path)) {
      _ = try await ReportRenderer(templatesDirectory: dir.path)
    }
  }
}
