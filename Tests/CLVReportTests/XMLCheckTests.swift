import CLVXMLCheck
import Testing

@Suite struct XMLCheckTests {
  @Test(arguments: ["<p>unclosed", "<a><b></a></b>", "<p>&nbsp;</p>"])
  func rejectsMalformed(_ text: String) {
    #expect(!XMLCheck.isWellFormed(text))
  }

  @Test func acceptsXHTMLWithInlineSVG() {
    let page = """
      <!DOCTYPE html>
      <html xmlns="http://www.w3.org/1999/xhtml"><head><meta charset="utf-8"/><title>t</title></head>
      <body><svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="1" height="1"/></svg></body></html>
      """
    #expect(XMLCheck.issues(in: page) == [])
    #expect(XMLCheck.count(of: "//*[local-name()='svg']", in: page) == 1)
  }
}
