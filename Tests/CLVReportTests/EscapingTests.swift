import CLVReport
import CLVXMLCheck
import Foundation
import Testing

/// The escaping property: a hostile string placed everywhere a string can go yields
/// well-formed XHTML/SVG with no script element, and Markdown whose GFM rendering
/// (cmark-gfm, the reference parser) has no script, no link, no raw HTML and tables whose
/// every row keeps its column count.
@Suite struct EscapingTests {
  @Test func htmlEscaper() {
    #expect(HTMLEscaping.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    #expect(HTMLEscaping.escape("a\u{0}b\u{1F}c\td") == "a⟨U+0000⟩b⟨U+001F⟩c\td")
    // Bidi controls (Trojan Source) and C1 controls are shown, not obeyed.
    #expect(HTMLEscaping.escape("id\u{202E}gpj.exe\u{2066}\u{85}") == "id⟨U+202E⟩gpj.exe⟨U+2066⟩⟨U+0085⟩")
    #expect(HTMLEscaping.escape("\u{FFFE}é") == "\u{FFFD}é")
  }

  @Test func markdownEscaper() {
    #expect(MarkdownEscaping.escape("*a* _b_ [c](d) <e> | `f`") == "\\*a\\* \\_b\\_ \\[c\\](d) \\<e\\> \\| \\`f\\`")
    #expect(MarkdownEscaping.escape("- x", atBlockStart: true) == "\\- x")
    #expect(MarkdownEscaping.escape("- x") == "- x")
    #expect(MarkdownEscaping.escape("12. x", atBlockStart: true) == "12\\. x")
    #expect(MarkdownEscaping.escape("12.5") == "12.5")
    #expect(MarkdownEscaping.escape("a\nb") == "a b")
    #expect(MarkdownEscaping.codeSpan("a`b") == "``a`b``")
    #expect(MarkdownEscaping.codeSpan("a|b", inTable: true) == "`a\\|b`")
    #expect(MarkdownEscaping.escape("x\u{202E}y\u{1B}[31m") == "x⟨U+202E⟩y⟨U+001B⟩\\[31m")
    #expect(MarkdownEscaping.codeSpan("a\u{202E}\u{0}b") == "`a⟨U+202E⟩⟨U+0000⟩b`")
  }

  @Test(arguments: TestDocuments.hostileVariants) func hostileTextIsInertInEveryOutput(_ text: String) async throws {
    let renderer = try await SharedRenderer.get()
    let report = try renderer.render(TestDocuments.everywhere(text))

    // HTML: well-formed, no script or img element, the text survives as text.
    #expect(XMLCheck.issues(in: report.html) == [])
    #expect(!report.html.lowercased().contains("<script"))
    #expect(!report.html.lowercased().contains("<img"))
    #expect(XMLCheck.count(of: "//*[local-name()='script' or local-name()='img']", in: report.html) == 0)
    // Every data table keeps 2 cells per body row.
    #expect(
      XMLCheck.count(
        of: "//*[local-name()='table'][@class='data']/*/*[local-name()='tr'][count(*)!=2]", in: report.html) == 0)
    if text == TestDocuments.hostile {
      let cells =
        XMLCheck.count(of: "//*[local-name()='td'][contains(., '<script>alert(1)</script>|*x*')]", in: report.html) ?? 0
      #expect(cells >= 2)
      #expect((XMLCheck.count(of: "//*[local-name()='text'][contains(., '<script>')]", in: report.html) ?? 0) >= 6)
    }

    // SVG files: well-formed, no script.
    for figure in report.figures {
      #expect(XMLCheck.issues(in: figure.svg) == [], "\(figure.name)")
      #expect(!figure.svg.lowercased().contains("<script"))
    }

    // Markdown, as GitHub would render it: no script, image or link elements from the data,
    // no raw HTML, and every table row has the header's column count.
    let gfm = GFMMarkdown.html(report.markdown)
    let wrapped = "<div>\(gfm)</div>"
    #expect(XMLCheck.issues(in: wrapped) == [], "cmark-gfm output should parse: \(gfm.prefix(400))")
    #expect(!gfm.lowercased().contains("<script"))
    // The only raw HTML is the fixed <details> wrapper of each figure's data table (two
    // HTML blocks per figure); anything more would be markup that came from the data.
    #expect(gfm.components(separatedBy: "raw HTML omitted").count - 1 == 2 * report.figures.count)
    #expect(XMLCheck.count(of: "//a", in: wrapped) == 0)
    #expect(XMLCheck.count(of: "//img", in: wrapped) == report.figures.count)  // only the figure links
    let tables = XMLCheck.count(of: "//table", in: wrapped) ?? 0
    #expect(tables == 2 + 6)  // cards + table block + one data table per figure
    #expect(XMLCheck.count(of: "//table/tbody/tr[count(td) != count(../../thead/tr/th)]", in: wrapped) == 0)
  }
}
