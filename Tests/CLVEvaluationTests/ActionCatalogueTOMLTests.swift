import Foundation
import Testing

@testable import CLVEvaluation

/// Checks the shipped playbook, templates/actions.toml, without TOMLKit (this test
/// target does not link it): a tiny reader for the TOML subset the file uses (comments,
/// `key = value` with strings, numbers, booleans and one-line string arrays, and
/// `[[action]]` tables) turns it into JSON, which must decode into ``ActionCatalogue``
/// with the same keys TOMLKit's decoder sees.
@Suite struct ActionCatalogueTOMLTests {
  typealias P = SegmentTestProfiles

  static let url = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("templates/actions.toml")

  static func shippedCatalogue() throws -> ActionCatalogue {
    let text = try String(contentsOf: url, encoding: .utf8)
    let object = try TOMLSubset.parse(text)
    let data = try JSONSerialization.data(withJSONObject: object)
    return try JSONDecoder().decode(ActionCatalogue.self, from: data)
  }

  @Test func shippedPlaybookDecodesAndValidates() throws {
    let c = try Self.shippedCatalogue()
    #expect((6...10).contains(c.actions.count))
    #expect(c.margin == 0.3)
    try c.validate(featureNames: ["recency", "frequency", "monetary", "tenure"])
    // No feature metrics are used, so it also validates without any features.
    try c.validate(featureNames: [])
  }

  /// Every segment type the namer produces gets at least one action, and the
  /// high-churn, high-value segment gets the retention call first.
  @Test func everySegmentTypeGetsAnAction() throws {
    let c = try Self.shippedCatalogue()
    let namer = SegmentNamer()
    let cases = [
      P.make(segment: 0, valueIndex: 1.8, churnRisk: 0.6, churnIndex: 1.5),
      P.make(segment: 1, valueIndex: 0.4, churnRisk: 0.7, churnIndex: 1.4),
      P.make(segment: 2, valueIndex: 2.0, churnRisk: 0.1, churnIndex: 0.3, frequencySMD: 1),
      P.make(segment: 3, valueIndex: 0.8, churnRisk: 0.2, churnIndex: 0.6, tenureSMD: -1),
      P.make(segment: 4, valueIndex: 1.1, churnRisk: 0.2, churnIndex: 0.6, frequencySMD: 0.5),
      P.make(segment: 5, valueIndex: 0.3, churnRisk: 0.3, churnIndex: 0.9),
    ]
    let named = namer.name(cases)
    #expect(Set(named.map(\.name)).count == 6)
    for p in named {
      let recs = try c.recommend(for: p)
      #expect(!recs.isEmpty, "no action for \(p.name)")
      #expect(recs.allSatisfy { !$0.why.contains("{") })
    }
    let atRisk = try c.recommend(for: named[0])
    #expect(named[0].name == "At risk — high value")
    #expect(atRisk.first?.actionID == "vip_retention")
    #expect(atRisk.first?.why.contains("60%") == true)
  }
}

/// The TOML subset of templates/actions.toml, read into JSON-compatible values.
enum TOMLSubset {
  struct ParseError: Error, CustomStringConvertible {
    let line: Int
    let message: String
    var description: String { "actions.toml line \(line): \(message)" }
  }

  static func parse(_ text: String) throws -> [String: Any] {
    var root = [String: Any]()
    var tables = [String: [[String: Any]]]()
    var order = [String]()
    var current: String?
    for (number, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let line = stripComment(String(raw)).trimmingCharacters(in: .whitespaces)
      if line.isEmpty { continue }
      if line.hasPrefix("[[") && line.hasSuffix("]]") {
        let name = String(line.dropFirst(2).dropLast(2))
        if tables[name] == nil { order.append(name) }
        tables[name, default: []].append([:])
        current = name
        continue
      }
      guard let eq = line.firstIndex(of: "=") else {
        throw ParseError(line: number + 1, message: "expected key = value")
      }
      let key = line[..<eq].trimmingCharacters(in: .whitespaces)
      let value = try parseValue(line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces), line: number + 1)
      if let current {
        tables[current]![tables[current]!.count - 1][key] = value
      } else {
        root[key] = value
      }
    }
    for name in order { root[name] = tables[name] }
    return root
  }

  /// The line without a `#` comment outside strings.
  static func stripComment(_ line: String) -> String {
    var inString = false
    var escaped = false
    var out = ""
    for c in line {
      if inString {
        if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { inString = false }
      } else if c == "\"" {
        inString = true
      } else if c == "#" {
        break
      }
      out.append(c)
    }
    return out
  }

  static func parseValue(_ text: String, line: Int) throws -> Any {
    if text == "true" { return true }
    if text == "false" { return false }
    if text.hasPrefix("\"") { return try parseString(Substring(text), line: line).value }
    if text.hasPrefix("[") && text.hasSuffix("]") {
      var items = [String]()
      var rest = text.dropFirst().dropLast().drop { $0 == " " }
      while !rest.isEmpty {
        let (item, remainder) = try parseString(rest, line: line)
        items.append(item)
        rest = remainder.drop { $0 == " " || $0 == "," }
      }
      return items
    }
    if let d = Double(text) { return d }
    throw ParseError(line: line, message: "unsupported value \(text)")
  }

  /// A basic string at the start of `text` and what follows it.
  static func parseString(_ text: Substring, line: Int) throws -> (value: String, rest: Substring) {
    guard text.first == "\"" else { throw ParseError(line: line, message: "expected a string") }
    var value = ""
    var i = text.index(after: text.startIndex)
    while i < text.endIndex {
      let c = text[i]
      if c == "\"" { return (value, text[text.index(after: i)...]) }
      if c == "\\" {
        i = text.index(after: i)
        guard i < text.endIndex else { break }
        switch text[i] {
        case "n": value.append("\n")
        case "t": value.append("\t")
        default: value.append(text[i])
        }
      } else {
        value.append(c)
      }
      i = text.index(after: i)
    }
    throw ParseError(line: line, message: "unterminated string")
  }
}
