/// A JSON document tree with a deterministic serialisation: object keys sorted,
/// numbers in Swift's shortest round-trip form, two-space indentation.
/// `metrics.json`, `model.json` and `run.json` are written through it so two runs
/// with the same inputs give the same bytes.
///
/// JSON has no NaN or infinity. A value that may be undefined is written with
/// ``finite(_:)`` (non-finite → `null`); a non-finite ``number(_:)`` anywhere else is a
/// bug that ``serialized()`` reports as ``NonFiniteNumber`` (naming the field) instead
/// of writing a wrong file.
package enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// A number, or `null` when it is NaN or infinite (JSON has no such numbers).
  package static func finite(_ x: Double?) -> JSONValue {
    guard let x, x.isFinite else { return .null }
    return .number(x)
  }

  /// A non-finite number met by ``serialized()``, with the path of its field
  /// (e.g. `backtest.models.bgnbd.test.mse`).
  package struct NonFiniteNumber: Error, Equatable, CustomStringConvertible {
    /// Dotted path of the field, array items as `[i]`.
    package var field: String
    /// The value.
    package var value: Double

    /// What went wrong.
    package var description: String { "the number at '\(field)' is \(value), which JSON cannot hold" }

    package static func == (a: Self, b: Self) -> Bool { a.field == b.field && a.value.bitPattern == b.value.bitPattern }
  }

  /// The serialised text, ending in a newline.
  /// - Throws: ``NonFiniteNumber`` when a ``number(_:)`` is NaN or infinite.
  package func serialized() throws -> String {
    var out = ""
    try write(to: &out, indent: 0, path: "")
    out += "\n"
    return out
  }

  private func write(to out: inout String, indent: Int, path: String) throws {
    let pad = String(repeating: "  ", count: indent + 1)
    let closePad = String(repeating: "  ", count: indent)
    switch self {
    case .null: out += "null"
    case .bool(let b): out += b ? "true" : "false"
    case .number(let x):
      if !x.isFinite {
        throw NonFiniteNumber(field: path.isEmpty ? "(root)" : path, value: x)
      } else if x == x.rounded(), abs(x) < 1e15 {
        out += String(Int64(x))
      } else {
        out += "\(x)"
      }
    case .string(let s): out += Self.quoted(s)
    case .array(let items):
      if items.isEmpty { out += "[]"; return }
      out += "[\n"
      for (i, item) in items.enumerated() {
        out += pad
        try item.write(to: &out, indent: indent + 1, path: path + "[\(i)]")
        out += i + 1 < items.count ? ",\n" : "\n"
      }
      out += closePad + "]"
    case .object(let fields):
      if fields.isEmpty { out += "{}"; return }
      out += "{\n"
      let keys = fields.keys.sorted()
      for (i, key) in keys.enumerated() {
        out += pad + Self.quoted(key) + ": "
        try fields[key]!.write(to: &out, indent: indent + 1, path: path.isEmpty ? key : path + "." + key)
        out += i + 1 < keys.count ? ",\n" : "\n"
      }
      out += closePad + "}"
    }
  }

  /// A JSON string literal with the required escapes (RFC 8259 §7).
  static func quoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}

extension JSONValue: ExpressibleByStringLiteral, ExpressibleByFloatLiteral, ExpressibleByIntegerLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral
{
  package init(stringLiteral value: String) { self = .string(value) }
  package init(floatLiteral value: Double) { self = .number(value) }
  package init(integerLiteral value: Int) { self = .number(Double(value)) }
  package init(booleanLiteral value: Bool) { self = .bool(value) }
  package init(arrayLiteral elements: JSONValue...) { self = .array(elements) }
  package init(dictionaryLiteral elements: (String, JSONValue)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
}
