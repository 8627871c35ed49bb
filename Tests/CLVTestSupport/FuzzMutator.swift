import CLVMath

/// A seeded mutator of CSV files for the fuzz tests: byte-level changes (flips, inserted
/// tokens, deleted ranges, truncation) and structure-aware ones (a field or a whole column
/// replaced by a hostile token, lines duplicated, the file cut to a few customers), so a
/// few hundred inputs reach both the reader's corners and the pipeline's degenerate data
/// (two customers, one day, huge amounts, far-future dates).
///
/// Deterministic: the same seed gives the same inputs (``SplitMix64``).
package struct FuzzMutator {
  private var rng: SplitMix64

  /// A mutator whose choices follow `seed`.
  package init(seed: UInt64) { rng = SplitMix64(seed: seed) }

  /// A uniform integer in 0..<n (n > 0).
  package mutating func below(_ n: Int) -> Int { Int(rng.next() % UInt64(n)) }

  /// Hostile tokens: CSV syntax, numbers at the edge of Double, odd dates, encodings,
  /// control and bidi characters, long runs.
  package static let tokens: [[UInt8]] = [
    ",", "\"", "\"\"", "\n", "\r\n", "\r", "\0", "\t", " ", "", "-", "+", ".", "e", "1e308", "-1e308", "1e155",
    "1e13", "-0", "0", "NaN", "inf", "-inf", "0x1p3", "1,234.56", "12,50", "(12.00)", "$5", "9999-12-31",
    "2126-03-01", "2036-01-01", "1899-12-31", "0000-01-01", "2024-02-30", "2024-13-01", "20240101",
    "2024-01-01T25:00:00Z", "2024-01-01T10:00:00+99:00", "\u{FEFF}", "\u{202E}evil", "\u{1B}[31m", "=HYPERLINK()",
    "<script>", "&amp;", "é", "\u{FFFD}", String(repeating: "9", count: 400), String(repeating: "x", count: 3000),
  ].map { Array($0.utf8) }

  /// `bytes` with one to four mutations.
  package mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
    var b = bytes
    for _ in 0...below(4) { b = mutateOnce(b) }
    return b
  }

  private mutating func token() -> [UInt8] { Self.tokens[below(Self.tokens.count)] }

  private mutating func mutateOnce(_ input: [UInt8]) -> [UInt8] {
    var b = input
    let lines = b.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
    switch below(10) {
    case 0 where !b.isEmpty:
      b[below(b.count)] ^= UInt8(1 << below(8))
    case 1:
      b.insert(contentsOf: token(), at: below(b.count + 1))
    case 2 where !b.isEmpty:
      let start = below(b.count)
      b.removeSubrange(start..<min(b.count, start + 1 + below(20)))
    case 3 where lines.count > 2:
      var l = lines
      let i = 1 + below(l.count - 1)
      for _ in 0..<(1 + below(50)) { l.insert(l[i], at: i) }
      b = Array(l.joined(separator: [10]))
    case 4 where lines.count > 1:  // one field of one row
      var l = lines
      let i = 1 + below(l.count - 1)
      var fields = l[i].split(separator: 44, omittingEmptySubsequences: false).map(Array.init)
      if !fields.isEmpty { fields[below(fields.count)] = token() }
      l[i] = Array(fields.joined(separator: [44]))
      b = Array(l.joined(separator: [10]))
    case 5 where lines.count > 1:  // a whole column: one day, one amount, one customer…
      let column = below(4)
      let value =
        below(3) == 0
        ? token()
        : (lines[1 + below(lines.count - 1)]
          .split(separator: 44, omittingEmptySubsequences: false).map(Array.init).dropFirst(column).first ?? [])
      let l = lines.enumerated().map { (n, line) -> [UInt8] in
        guard n > 0 else { return line }
        var fields = line.split(separator: 44, omittingEmptySubsequences: false).map(Array.init)
        if column < fields.count { fields[column] = value }
        return Array(fields.joined(separator: [44]))
      }
      b = Array(l.joined(separator: [10]))
    case 6 where lines.count > 3:  // a few rows only (tiny shops)
      let keep = 1 + below(min(6, lines.count - 1))
      b = Array(([lines[0]] + lines.dropFirst(1 + below(lines.count - keep)).prefix(keep)).joined(separator: [10]))
    case 7 where !b.isEmpty:
      b.removeLast(below(min(b.count, 200)) + 1)
    case 8:  // a very long header or line
      b.insert(contentsOf: Array(repeating: UInt8(ascii: "h"), count: 1000 + below(20_000)), at: below(b.count + 1))
    default:
      b.append(contentsOf: token())
    }
    return b
  }
}
