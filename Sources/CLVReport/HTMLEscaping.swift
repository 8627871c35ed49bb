/// Escaping of untrusted strings for XHTML and SVG (both are parsed as XML).
///
/// Every string that may come from input data passes through here wherever it is
/// written into HTML or SVG: text content and attribute values alike. Controls and
/// bidirectional formatting characters (``VisibleControls``; this covers the C0 controls
/// XML 1.0 forbids) are shown as a visible code such as `⟨U+202E⟩`, the non-characters
/// U+FFFE/U+FFFF become U+FFFD, so the output stays well formed whatever the input (lone
/// surrogates cannot occur in a Swift `String`). Reference: XML 1.0 §2.2 (Char
/// production), §2.4; Unicode TR #9 (bidi controls), Trojan Source (CVE-2021-42574).
package enum HTMLEscaping {
  /// Escapes `text` for XML/HTML text content and for double- or single-quoted attributes:
  /// `&` `<` `>` `"` `'` become entities, controls and bidi formatting characters a
  /// visible code.
  package static func escape(_ text: String) -> String {
    var out = ""
    out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&#39;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        if VisibleControls.isHidden(scalar) {
          out += VisibleControls.code(scalar)
        } else if scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          out.unicodeScalars.append("\u{FFFD}")
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
