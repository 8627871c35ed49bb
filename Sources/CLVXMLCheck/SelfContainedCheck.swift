internal import CLibXML2

/// Something in a document that would run code or reach the network when it is opened.
package struct ActiveContentIssue: Sendable, Equatable, CustomStringConvertible {
  /// 1-based line of the element (libxml2's count; 0 when unknown).
  package let line: Int
  /// The element's name, e.g. `script`, `a`, `style`.
  package let element: String
  /// What is wrong, e.g. `event-handler attribute onload`.
  package let problem: String

  /// An issue (tests build expected values with it).
  package init(line: Int, element: String, problem: String) {
    self.line = line
    self.element = element
    self.problem = problem
  }

  /// `line N: <element> problem`.
  package var description: String { "line \(line): <\(element)> \(problem)" }
}

/// The run-time guarantee of the report: the page and every figure parse as XML with
/// libxml2 (no network, no entities from outside) and hold nothing active — no
/// `<script>`, no event-handler attribute (`on…=`), no URL to another host in `href`,
/// `src`, `xlink:href` (`http:`, `https:`, `//host`, or any other scheme but `data:` and
/// `mailto:`), and no CSS `@import` or `url(…)` that is not a `#fragment` or `data:`.
package enum SelfContainedCheck {
  /// The result of checking one document.
  package enum Outcome: Sendable, Equatable {
    /// Well-formed and inert.
    case ok
    /// libxml2 could not parse it; its first messages.
    case malformed([XMLIssue])
    /// Parsed, but active or external content was found.
    case active([ActiveContentIssue])
  }

  /// Parses `text` as XML and walks every element.
  package static func check(_ text: String) -> Outcome {
    let parseIssues = XMLCheck.issues(in: text)
    if !parseIssues.isEmpty { return .malformed(parseIssues) }
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    let count = Int32(text.utf8.count)
    guard let doc = text.withCString({ xmlReadMemory($0, count, "document.xml", "UTF-8", options) }) else {
      return .malformed([XMLIssue(line: 0, column: 0, level: 3, message: "unparsable")])
    }
    defer { xmlFreeDoc(doc) }
    var issues = [ActiveContentIssue]()
    var node = xmlDocGetRootElement(doc)
    // Iterative depth-first walk (reports nest deeply enough that recursion is not worth it).
    while let current = node {
      if current.pointee.type == XML_ELEMENT_NODE { inspect(current, into: &issues) }
      if let child = current.pointee.children {
        node = child
        continue
      }
      var up: xmlNodePtr? = current
      while let u = up, u.pointee.next == nil {
        up = u.pointee.parent.flatMap { $0.pointee.type == XML_DOCUMENT_NODE ? nil : $0 }
      }
      node = up?.pointee.next
    }
    return issues.isEmpty ? .ok : .active(issues)
  }

  private static func string(_ p: UnsafePointer<xmlChar>?) -> String {
    guard let p else { return "" }
    return p.withMemoryRebound(to: CChar.self, capacity: 1) { String(cString: $0) }
  }

  /// The text of `node`'s direct text and CDATA children (an attribute's value, a
  /// stylesheet's source), read in place.
  private static func text(under node: xmlNodePtr?) -> String {
    var out = ""
    var child = node
    while let c = child {
      if c.pointee.type == XML_TEXT_NODE || c.pointee.type == XML_CDATA_SECTION_NODE {
        out += string(c.pointee.content)
      }
      child = c.pointee.next
    }
    return out
  }

  private static func inspect(_ node: xmlNodePtr, into issues: inout [ActiveContentIssue]) {
    let name = string(node.pointee.name)
    let line = Int(xmlGetLineNo(node))
    func report(_ problem: String) { issues.append(ActiveContentIssue(line: line, element: name, problem: problem)) }
    let lower = name.lowercased()
    if lower == "script" { report("is a script") }
    if ["iframe", "object", "embed", "frame", "base"].contains(lower) { report("embeds or redirects content") }
    if lower == "style", let problem = cssProblem(text(under: node.pointee.children)) {
      report("stylesheet \(problem)")
    }
    var attribute = node.pointee.properties
    while let a = attribute {
      let attributeName = string(a.pointee.name)
      let prefix = a.pointee.ns.map { string($0.pointee.prefix) } ?? ""
      let full = prefix.isEmpty ? attributeName : prefix + ":" + attributeName
      let value = text(under: a.pointee.children)
      let key = attributeName.lowercased()
      if key.hasPrefix("on") { report("has the event-handler attribute \(full)") }
      if ["href", "src", "action", "formaction", "poster", "srcset", "background"].contains(key),
        let problem = urlProblem(value)
      {
        report("has \(full)=\"\(String(value.prefix(80)))\", \(problem)")
      }
      if key == "style", let problem = cssProblem(value) { report("has a style attribute \(problem)") }
      attribute = a.pointee.next
    }
  }

  /// Why a URL in an attribute is not self-contained, or nil when it is (a fragment,
  /// a relative path inside the output folder, `data:` or `mailto:`).
  static func urlProblem(_ raw: String) -> String? {
    let url = String(raw.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
    if url.hasPrefix("//") || url.hasPrefix("\\\\") { return "a URL to another host" }
    // A scheme is letters, digits, + - . before the first ':' (RFC 3986 §3.1).
    if let colon = url.firstIndex(of: ":") {
      let scheme = url[..<colon]
      let isScheme = !scheme.isEmpty && scheme.allSatisfy { $0.isLetter || $0.isNumber || "+-.".contains($0) }
      if isScheme {
        switch scheme.lowercased() {
        case "data", "mailto": return nil
        case "http", "https": return "a URL to another host"
        default: return "a \(scheme.lowercased()): URL"
        }
      }
    }
    return nil
  }

  /// Why a stylesheet reaches outside, or nil: any `@import`, or a `url(…)` that is not
  /// a `#fragment` or `data:` URL.
  static func cssProblem(_ css: String) -> String? {
    let lower = css.lowercased()
    if lower.contains("@import") { return "uses @import" }
    var rest = lower[...]
    while let range = rest.firstRange(of: "url(") {
      var target = rest[range.upperBound...].drop { $0 == " " || $0 == "\"" || $0 == "'" }
      if let end = target.firstIndex(where: { $0 == ")" || $0 == "\"" || $0 == "'" }) { target = target[..<end] }
      let t = String(target)
      if !(t.hasPrefix("#") || t.hasPrefix("data:")) { return "loads url(\(String(t.prefix(60))))" }
      rest = rest[range.upperBound...]
    }
    return nil
  }
}
