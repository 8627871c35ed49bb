/// Escaping of untrusted strings for GitHub-flavoured Markdown (CommonMark 0.29 + GFM tables).
///
/// CommonMark lets a backslash escape any ASCII punctuation (spec §2.4), so inline text is
/// made literal by backslash-escaping the characters that start emphasis, links, code, raw
/// HTML, entities, strikethrough and table cells. Line starts that would open a block
/// (`#`, `-`, `+`, `=`, `1.`, `>`) are escaped too, and newlines become spaces so a value
/// can never end a paragraph or a table row. Controls and bidi formatting characters are
/// shown as a visible code (``VisibleControls``). Reference: CommonMark spec 0.29 §2.4, §6;
/// GFM spec §4.10 (tables: `\|` inside cells).
package enum MarkdownEscaping {
  /// ASCII punctuation that can change the meaning of inline Markdown.
  private static let special: Set<Unicode.Scalar> = [
    "\\", "`", "*", "_", "[", "]", "<", ">", "|", "#", "~", "&", "!", "{", "}", "$",
  ]

  /// Escapes `text` so that GFM renders it literally, on a single line.
  /// Pipes are escaped too, so the result is also safe inside a table cell.
  /// Pass `atBlockStart: true` when the text begins a paragraph or list item, so a
  /// leading `-`, `+`, `=` or `1.` cannot open a list or heading.
  package static func escape(_ text: String, atBlockStart: Bool = false) -> String {
    var out = ""
    var atLineStart = atBlockStart
    var scalars = Array(text.unicodeScalars)
    // Leading spaces would become an indented code block at a line start; drop them.
    while atBlockStart, let first = scalars.first, first == " " || first == "\t" {
      scalars.removeFirst()
    }
    for (index, scalar) in scalars.enumerated() {
      switch scalar {
      case "\n", "\r", "\t":
        out += " "
        continue
      default:
        break
      }
      if VisibleControls.isHidden(scalar) {
        out += VisibleControls.code(scalar)
      } else if special.contains(scalar) {
        out += "\\"
        out.unicodeScalars.append(scalar)
      } else if atLineStart && (scalar == "-" || scalar == "+" || scalar == "=") {
        out += "\\"
        out.unicodeScalars.append(scalar)
      } else if atBlockStart, scalar == "." || scalar == ")",
        index > 0, scalars[..<index].allSatisfy({ $0.properties.numericType != nil && $0.isASCII })
      {
        // "1." or "1)" at the start would open an ordered list.
        out += "\\"
        out.unicodeScalars.append(scalar)
      } else {
        out.unicodeScalars.append(scalar)
      }
      atLineStart = false
    }
    return out
  }

  /// A code span holding `text` literally: the fence is one backtick longer than the
  /// longest run inside (CommonMark §6.1); with `inTable`, pipes are escaped as GFM
  /// requires inside table cells (GFM §4.10; outside tables the backslash would show).
  package static func codeSpan(_ text: String, inTable: Bool = false) -> String {
    let flat = String(text.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : Character($0) })
      .replacingControls(escapingPipes: inTable)
    var longest = 0
    var run = 0
    for c in flat {
      if c == "`" { run += 1; longest = max(longest, run) } else { run = 0 }
    }
    let fence = String(repeating: "`", count: longest + 1)
    let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
    return fence + pad + flat + pad + fence
  }
}

extension String {
  fileprivate func replacingControls(escapingPipes: Bool) -> String {
    var out = ""
    for c in self {
      if c == "|" && escapingPipes {
        out += "\\|"
      } else if c.unicodeScalars.contains(where: VisibleControls.isHidden) {
        for s in c.unicodeScalars {
          if VisibleControls.isHidden(s) { out += VisibleControls.code(s) } else { out.unicodeScalars.append(s) }
        }
      } else {
        out.append(c)
      }
    }
    return out
  }
}
