/// Escaping of untrusted strings for XHTML and SVG (both are parsed as XML).
///
/// Every string that may come from input data passes through here wherever it is
/// written into HTML or SVG: text content and attribute values alike. Characters that
/// XML 1.0 forbids (C0 controls other than tab, newline and carriage return, lone
/// surrogates cannot occur in a Swift `String`) become U+FFFD so the output stays
/// well formed whatever the input. Reference: XML 1.0 §2.2 (Char production), §2.4.
public enum HTMLEscaping {
  /// Escapes `text` for XML/HTML text content and for double- or single-quoted attributes:
  /// `&` `<` `>` `"` `'` become entities, forbidden control characters become U+FFFD.
  public static func escape(_ text: String) -> String {
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
        if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
          out.unicodeScalars.append("\u{FFFD}")
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out
  }
}
