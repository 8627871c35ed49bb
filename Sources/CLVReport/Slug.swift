/// Identifiers safe for file names, URL fragments and XML ids.
package enum Slug {
  /// Lower-cases ASCII letters and digits and turns every other run of characters into
  /// one `-`; trims dashes; a leading digit or an empty result gets an `x` prefix so the
  /// slug is also a valid XML name. `"Gain curve (holdout)"` → `"gain-curve-holdout"`.
  package static func make(_ text: String) -> String {
    var out = ""
    var pendingDash = false
    for scalar in text.unicodeScalars {
      let isAlnum = scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
      if isAlnum {
        if pendingDash && !out.isEmpty { out += "-" }
        pendingDash = false
        out += String(scalar).lowercased()
      } else {
        pendingDash = true
      }
    }
    if out.isEmpty || out.first!.isNumber { out = "x" + (out.isEmpty ? "" : "-" + out) }
    return out
  }
}
