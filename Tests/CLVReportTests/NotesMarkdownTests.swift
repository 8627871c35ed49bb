import CLVReport
import CLVXMLCheck
import Testing

/// The analyst's notes: GitHub-flavoured Markdown rendered inert in the page and the twin.
@Suite struct NotesMarkdownTests {
  static let notes = """
    # What changed this week

    Churn rose in **Bargain hunters**; see the [dashboard](https://bi.example.com/q3?x=1&y=2).

    | Segment | Action | Budget |
    |---|---|---:|
    | Champions | keep | 12 |
    | At risk | win back | 30 |

    - first *point*
    - second point

    <script>alert("x")</script>

    Inline <b onclick="steal()">bold</b> and ![logo](https://cdn.example/logo.png "t").
    """

  @Test func htmlHasTheTableTheLinkTextAndNoActiveContent() throws {
    let html = GFMMarkdown.inertHTML(Self.notes, headingOffset: 2)
    #expect(html.contains("<h3>What changed this week</h3>"))
    #expect(html.contains("<table>") && html.contains("<th>Segment</th>") && html.contains("<td>win back</td>"))
    #expect(html.contains("<td align=\"right\">30</td>"))
    #expect(html.contains("<li>first <em>point</em></li>"))
    // The link is shown with its address, not live; the image is not loaded.
    #expect(html.contains("dashboard (<code>https://bi.example.com/q3?x=1&amp;y=2</code>)"))
    #expect(!html.contains("href=") && !html.contains("<img") && !html.contains("src="))
    #expect(html.contains("logo (image not loaded: https://cdn.example/logo.png)"))
    // Raw HTML is shown as text, never passed through.
    #expect(!html.lowercased().contains("<script") && !html.contains("<b ") && !html.contains("onclick=\""))
    #expect(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"))
    let page = "<div xmlns=\"http://www.w3.org/1999/xhtml\">\(html)</div>"
    #expect(SelfContainedCheck.check(page) == .ok)
  }

  @Test func markdownKeepsTheTableAndLinkAndEscapesRawHTML() {
    let md = GFMMarkdown.inertMarkdown(Self.notes, headingOffset: 2)
    #expect(md.contains("### What changed this week"))
    #expect(md.contains("| Segment | Action | Budget |"))
    #expect(md.contains("| At risk | win back | 30 |"))
    #expect(md.contains("[dashboard](https://bi.example.com/q3?x=1&y=2)"))
    #expect(!md.contains("![") && md.contains("image not loaded"))
    // What GitHub would render from the twin carries no script and no live raw HTML.
    let rendered = GFMMarkdown.html(md)
    #expect(!rendered.lowercased().contains("<script") && !rendered.contains("<b onclick"))
    #expect(rendered.contains("&lt;script&gt;"))
  }

  @Test func notesInADocumentRenderInBothFiles() async throws {
    let doc = ReportDocument(
      title: "T", sections: [ReportSection(id: "notes", title: "Analyst notes", blocks: [.markdown(Self.notes)])])
    let report = try await SharedRenderer.get().render(doc)
    try report.verify()
    #expect(report.html.contains("<td>win back</td>") && !report.html.lowercased().contains("<script"))
    #expect(report.markdown.contains("## Analyst notes") && report.markdown.contains("| At risk | win back | 30 |"))
    #expect(!GFMMarkdown.html(report.markdown).lowercased().contains("<script"))
  }
}
