/// How customer ids are compared within a file and across the transaction, profile and
/// event files: every id goes through ``canonical(_:)`` before it is interned, so two
/// spellings of one customer become one customer, and the canonical form is the id
/// written to every output.
///
/// Rules, in order (each but the first can be turned off):
/// 1. surrounding spaces and tabs are removed (always);
/// 2. ``canonicalNumbers``: an id that is a whole number written as a decimal —
///    `13085.0`, `13085.00`, `+13085`, `013085` — becomes the plain integer `13085`
///    (what a spreadsheet or pandas does to an integer id: a float string, lost or added
///    leading zeros); other ids are left alone;
/// 3. ``caseInsensitiveEmails``: an id containing `@` is lower-cased (shops key guests by
///    e-mail, and the same address arrives as `Ann@Shop.com` and `ann@shop.com`).
///
/// Placeholder ids (``isPlaceholder(_:)``) are recognised on the canonical form.
package struct CustomerIDRules: Sendable, Equatable, Codable {
  /// Whole-number ids in integer form (see the type's rule 2). Default on.
  package var canonicalNumbers: Bool
  /// E-mail-like ids lower-cased (see the type's rule 3). Default on.
  package var caseInsensitiveEmails: Bool
  /// Whether placeholder ids (``isPlaceholder(_:)``) and a dominant id (see
  /// ``DominantCustomerRule``) are excluded. Default on.
  package var excludePlaceholders: Bool
  /// Ids kept even though they look like placeholders (compared in canonical form).
  package var keep: [String]

  /// Placeholder spellings, compared lower-cased after canonicalisation: what exports
  /// write for "no real customer" (WooCommerce writes `0` for every guest).
  package static let placeholderSpellings: Set<String> = [
    "0", "-1", "guest", "null", "(null)", "none", "(none)", "nil", "nan", "n/a", "na", "#n/a",
    "unknown", "anonymous", "undefined", "(blank)", "empty",
  ]

  /// The length in bytes of the longest placeholder spelling.
  static let longestPlaceholder = placeholderSpellings.map(\.utf8.count).max() ?? 0

  /// Creates rules; the defaults are the ones `clv` applies unless told otherwise.
  package init(
    canonicalNumbers: Bool = true, caseInsensitiveEmails: Bool = true, excludePlaceholders: Bool = true,
    keep: [String] = []
  ) {
    self.canonicalNumbers = canonicalNumbers
    self.caseInsensitiveEmails = caseInsensitiveEmails
    self.excludePlaceholders = excludePlaceholders
    self.keep = keep
  }

  /// The canonical form of an id as written.
  package func canonical(_ id: String) -> String {
    // Fast path (nearly every id): nothing to trim, not a number, no '@' → unchanged.
    var digitsOnly = true
    var hasAt = false
    for b in id.utf8 {
      if b == UInt8(ascii: "@") { hasAt = true }
      if !(b >= UInt8(ascii: "0") && b <= UInt8(ascii: "9")) && b != UInt8(ascii: ".") && b != UInt8(ascii: "+")
        && b != UInt8(ascii: "-")
      {
        digitsOnly = false
      }
    }
    let edges = id.utf8.first.map { $0 == 32 || $0 == 9 } == true || id.utf8.last.map { $0 == 32 || $0 == 9 } == true
    if !edges && !(digitsOnly && canonicalNumbers) && !(hasAt && caseInsensitiveEmails) { return id }
    let t = id.trimmingASCIISpaces()
    if canonicalNumbers, let n = Self.wholeNumber(t) { return n }
    if caseInsensitiveEmails, hasAt { return t.lowercased() }
    return t
  }

  /// Whether a canonical id is a placeholder that names no real customer: one of
  /// ``placeholderSpellings`` or a value without any letter or digit (`-`, `?`, `''`),
  /// unless it is in ``keep``. Always false when ``excludePlaceholders`` is off.
  package func isPlaceholder(_ canonicalID: String) -> Bool {
    guard excludePlaceholders else { return false }
    let asciiAlphanumeric = canonicalID.utf8.contains {
      (($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)
    }
    // Fast path: longer than every placeholder spelling and holding an ASCII letter or digit.
    if asciiAlphanumeric && canonicalID.utf8.count > Self.longestPlaceholder { return false }
    guard !keeps(canonicalID) else { return false }
    if Self.placeholderSpellings.contains(canonicalID.lowercased()) { return true }
    if asciiAlphanumeric { return false }
    return !canonicalID.unicodeScalars.contains { $0.properties.isAlphabetic || ("0"..."9").contains($0) }
  }

  /// Whether `canonicalID` is one of ``keep`` (itself canonicalised).
  package func keeps(_ canonicalID: String) -> Bool {
    keep.contains { canonical($0) == canonicalID }
  }

  /// `13085`, `13085.0`, `+013085.000` → `"13085"`; `-1.0` → `"-1"`; nil for anything
  /// that is not a whole number written in plain decimal digits (`13085.5`, `1e4`, `A12`).
  static func wholeNumber(_ s: String) -> String? {
    var u = Substring(s).utf8[...]
    guard !u.isEmpty else { return nil }
    var negative = false
    if let f = u.first, f == UInt8(ascii: "-") || f == UInt8(ascii: "+") {
      negative = f == UInt8(ascii: "-")
      u = u.dropFirst()
    }
    var integer = u
    if let dot = u.firstIndex(of: UInt8(ascii: ".")) {
      integer = u[..<dot]
      let fraction = u[u.index(after: dot)...]
      guard fraction.allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
    }
    guard !integer.isEmpty, integer.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
      return nil
    }
    let digits = integer.drop { $0 == UInt8(ascii: "0") }
    if digits.isEmpty { return "0" }
    return (negative ? "-" : "") + String(decoding: digits, as: UTF8.self)
  }

  /// The rules in words, for the report's effective-settings list.
  package var description: String {
    var parts = ["trimmed"]
    parts.append(canonicalNumbers ? "whole numbers in integer form (13085.0 = 13085)" : "numbers as written")
    parts.append(caseInsensitiveEmails ? "e-mails case-insensitive" : "e-mails case-sensitive")
    parts.append(excludePlaceholders ? "placeholder ids excluded" : "placeholder ids kept")
    if !keep.isEmpty { parts.append("kept: " + keep.joined(separator: ", ")) }
    return parts.joined(separator: "; ")
  }
}
