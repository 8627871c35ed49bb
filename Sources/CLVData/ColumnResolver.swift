/// Finds the columns of a CSV header and explains what is missing.
///
/// A column the user names is matched exactly after trimming spaces (a named column is a
/// contract). A column not named is the default name if present, else one of the names
/// exports give that role (``ColumnRoles``), said in a note; two equally good candidates
/// are an error listing them. When a named column is absent the error suggests a close
/// one: the same name in another case, or one within edit distance 2.
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

  /// The column for `role`: `named` (must exist), else `defaultName`, else the one header
  /// column that matches the first tier of `tiers` with a match (``ColumnRoles``).
  /// - Returns: its index (nil when the role is optional and nothing fits) and, for a guess,
  ///   a note for the summary.
  /// - Throws: ``IngestError/missingColumn(path:role:column:available:suggestion:)``,
  ///   ``IngestError/ambiguousColumn(path:role:candidates:option:)``.
  func resolve(
    named: String?, defaultName: String, tiers: [[String]], role: String, option: SettingHint, required: Bool = true
  ) throws -> (index: Int?, note: String?) {
    if let named { return (try require(named, role: role), nil) }
    if let i = index(of: defaultName) { return (i, nil) }
    let normalisedHeader = header.map(ColumnRoles.normalised)
    for tier in tiers {
      let names = Set(tier.map(ColumnRoles.normalised))
      let matches = normalisedHeader.indices.filter { names.contains(normalisedHeader[$0]) }
      if matches.count == 1 {
        let i = matches[0]
        return (i, "no '\(defaultName)' column; took '\(header[i])' as the \(role) column (a usual name for it)")
      }
      if matches.count > 1 {
        guard required else {
          return (
            nil,
            "no '\(defaultName)' column, and several could be the \(role) column ("
              + matches.map { "'\(header[$0])'" }.joined(separator: ", ") + "): none used; name one with \(option)"
          )
        }
        throw IngestError.ambiguousColumn(
          path: path, role: role, candidates: matches.map { header[$0] }, option: option)
      }
    }
    guard required else { return (nil, nil) }
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
