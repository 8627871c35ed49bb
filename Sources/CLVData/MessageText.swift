/// Text from input data made safe for a one-line message on a terminal: control and
/// bidirectional-formatting characters are shown as `\u{…}` escapes (so a U+202E in an id
/// cannot reorder the line, nor an escape sequence drive the terminal), and long text is
/// cut to `limit` characters with its full length stated (a 100 MB header line stays a
/// line).
package enum MessageText {
  /// `text` escaped and shortened.
  package static func shortened(_ text: String, limit: Int = 60) -> String {
    var out = ""
    var count = 0
    var total = 0
    for scalar in text.unicodeScalars {
      total += 1
      guard count < limit else { continue }
      count += 1
      append(scalar, to: &out)
    }
    return total > limit ? out + "… (\(total) characters)" : out
  }

  /// Appends `scalar` to `out`, as a `\u{…}` escape when it is an invisible control
  /// (a tab too, unless `keepingTabs`).
  @inline(__always)
  package static func append(_ scalar: Unicode.Scalar, to out: inout String, keepingTabs: Bool = false) {
    if isInvisibleControl(scalar), !(keepingTabs && scalar == "\t") {
      out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
    } else {
      out.unicodeScalars.append(scalar)
    }
  }

  /// `names` as a quoted list of at most `limit` entries, each shortened.
  package static func list(_ names: [String], limit: Int = 12) -> String {
    let shown = names.prefix(limit).map { "'\(shortened($0, limit: 40))'" }
    return shown.joined(separator: ", ") + (names.count > limit ? ", … (\(names.count) in all)" : "")
  }

  /// C0 and C1 controls, DEL, and the bidirectional formatting characters (U+061C,
  /// U+200E/F, U+202A–E, U+2066–9) — everything that changes how a line displays
  /// without being seen. Tabs count too: a message is one line.
  package static func isInvisibleControl(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }
}
