internal import CLibXML2

/// One problem libxml2 found in a document.
package struct XMLIssue: Sendable, Equatable, CustomStringConvertible {
  /// 1-based line of the problem.
  package let line: Int
  /// Column, as libxml2 reports it (may be 0 when unknown).
  package let column: Int
  /// libxml2's level: 1 warning, 2 error, 3 fatal.
  package let level: Int
  /// libxml2's message, trimmed.
  package let message: String

  /// `line:column [level] message`.
  package var description: String { "\(line):\(column) [\(level)] \(message)" }
}

private final class IssueBox { var issues: [XMLIssue] = [] }

/// Well-formedness checks of XHTML and SVG output with libxml2's strict XML
/// parser (no network access, no entity loading).
///
/// This module imports no Foundation, so libxml2's ICU headers cannot clash with
/// Foundation's vendored ICU.
package enum XMLCheck {
  /// The problems libxml2 reports when parsing `text` as XML; empty when well formed.
  package static func issues(in text: String) -> [XMLIssue] {
    let box = IssueBox()
    xmlSetStructuredErrorFunc(Unmanaged.passUnretained(box).toOpaque()) { ctx, err in
      guard let ctx, let e = err?.pointee else { return }
      let box = Unmanaged<IssueBox>.fromOpaque(ctx).takeUnretainedValue()
      var message = e.message.map { String(cString: $0) } ?? "?"
      while message.last == "\n" { message.removeLast() }
      box.issues.append(
        XMLIssue(line: Int(e.line), column: Int(e.int2), level: Int(e.level.rawValue), message: message))
    }
    defer { xmlSetStructuredErrorFunc(nil, nil) }
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    let count = Int32(text.utf8.count)
    let doc = text.withCString { xmlReadMemory($0, count, "document.xml", "UTF-8", options) }
    if let doc {
      xmlFreeDoc(doc)
    } else if box.issues.isEmpty {
      box.issues.append(XMLIssue(line: 0, column: 0, level: 3, message: "unparsable"))
    }
    return box.issues
  }

  /// Whether `text` is well-formed XML.
  package static func isWellFormed(_ text: String) -> Bool { issues(in: text).isEmpty }

  /// Number of nodes matching the XPath `expression` in the XML `text`, or nil
  /// when the text does not parse. Handy in tests:
  /// `count(of: "//*[local-name()='svg']", in: html)`.
  package static func count(of expression: String, in text: String) -> Int? {
    let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue)
    let n = Int32(text.utf8.count)
    guard let doc = text.withCString({ xmlReadMemory($0, n, "document.xml", "UTF-8", options) }) else {
      return nil
    }
    defer { xmlFreeDoc(doc) }
    guard let ctx = xmlXPathNewContext(doc) else { return nil }
    defer { xmlXPathFreeContext(ctx) }
    guard
      let result = expression.withCString({ p in
        p.withMemoryRebound(to: xmlChar.self, capacity: expression.utf8.count + 1) {
          xmlXPathEvalExpression($0, ctx)
        }
      })
    else { return nil }
    defer { xmlXPathFreeObject(result) }
    return Int(result.pointee.nodesetval?.pointee.nodeNr ?? 0)
  }
}
