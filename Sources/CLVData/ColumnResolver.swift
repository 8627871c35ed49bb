/// Finds named columns in a CSV header and explains what is missing.
///
/// Matching is exact after trimming spaces (column names are part of the contract;
/// guessing could silently pick the wrong column). When a name is absent the error
/// suggests a close one: the same name in another case, or one within edit distance 2.
struct ColumnResolver {
  let path: String
  let header: [String]

  init(path: String, header: [String]) {
    self.path = path
    self.header = header.map { $0.trimmingASCIISpaces() }
  }

  /// Index of `name`, or nil.
  func index(of name: String) -> Int? {
    header.firstIndex(of: name.trimmingASCIISpaces())
  }

  /// Index of the required column `name` for `role`.
  /// - Throws: ``IngestError/missingColumn(path:role:column:available:suggestion:)``.
  func require(_ name: String, role: String) throws -> Int {
    if let i = index(of: name) { return i }
    throw IngestError.missingColumn(
      path: path, role: role, column: name, available: header, suggestion: suggestion(for: name))
  }

  /// Index of the date column `name`; when no name is given, the default one, else the
  /// first present of `fallbacks`, with a note saying so for the summary.
  func requireDate(
    _ name: String?, defaultName: String, fallbacks: [String], role: String = "date"
  ) throws -> (index: Int, note: String?) {
    if let name { return (try require(name, role: role), nil) }
    if let i = index(of: defaultName) { return (i, nil) }
    if let alt = fallbacks.first(where: { index(of: $0) != nil }), let i = index(of: alt) {
      return (i, "no '\(defaultName)' column; used '\(alt)' as the \(role) column")
    }
    return (try require(defaultName, role: role), nil)
  }

  /// The closest header name to `name`: a case-insensitive match first, else the
  /// nearest within Levenshtein distance 2 (ties: first in the header).
  func suggestion(for name: String) -> String? {
    let lower = name.lowercased()
    if let same = header.first(where: { $0.lowercased() == lower }) { return same }
    var best: (String, Int)?
    for h in header {
      let d = ColumnResolver.editDistance(Array(h.lowercased().utf8), Array(lower.utf8))
      if d <= 2, d < (best?.1 ?? Int.max) { best = (h, d) }
    }
    return best?.0
  }

  /// Levenshtein distance (insertions, deletions, substitutions of bytes).
  static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    var previous = Array(0...b.count)
    var current = previous
    for i in 1...a.count {
      current[0] = i
      for j in stride(from: 1, through: b.count, by: 1) {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}

extension String {
  /// The string without leading and trailing ASCII spaces and tabs.
  func trimmingASCIISpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
    while let l = s.last, l == " " || l == "\t" { s = s.dropLast() }
    return String(s)
  }
}
