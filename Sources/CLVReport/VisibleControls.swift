/// Characters that change how text displays without being seen — C0 and C1 controls,
/// DEL, and the bidirectional formatting characters (U+061C, U+200E/F, U+202A–E,
/// U+2066–9) — shown in the report as a visible code such as `⟨U+202E⟩`, so an id
/// holding a right-to-left override cannot reorder the page around it, and a NUL or an
/// escape sequence cannot hide in a table. `predictions.csv` keeps the real ids.
///
/// (The same class of characters is escaped in terminal messages by `CLVData`'s
/// `MessageText`; the report module does not depend on the data module.)
enum VisibleControls {
  /// Whether `s` is shown as a code (tab, line feed and carriage return are not: the
  /// escapers handle them).
  @inline(__always)
  static func isHidden(_ s: Unicode.Scalar) -> Bool {
    switch s.value {
    case 0x09, 0x0A, 0x0D: return false
    case 0..<0x20, 0x7F...0x9F, 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: return true
    default: return false
    }
  }

  /// `⟨U+XXXX⟩` (at least four hex digits): plain text in XML and in Markdown.
  static func code(_ s: Unicode.Scalar) -> String {
    let hex = String(s.value, radix: 16, uppercase: true)
    return "⟨U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + "⟩"
  }
}
