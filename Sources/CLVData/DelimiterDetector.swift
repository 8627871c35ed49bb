/// Finds a file's field delimiter (`,` `;` tab `|`) from its first lines, the way
/// Python's `csv.Sniffer` does in spirit: the delimiter is the character that splits the
/// header and the rows after it into the same number of fields.
///
/// Method: the first ``sampleRecords`` records within the first 64 KiB are split with
/// quote awareness (a `"` toggles quoting, so `"1,234.56"` holds no delimiter). For each
/// candidate, `k` = its count in the header (must be ≥ 1) and the share of sampled rows with
/// the same count. The candidate with the highest share wins, then the higher `k`, then
/// the order `,` `;` tab `|`. No candidate in the header → comma (a one-column file).
///
/// Excel's hint line `sep=;` (first line) names the delimiter outright; it is skipped.
enum DelimiterDetector {
  static let sampleRecords = 50
  static let sampleBytes = 1 << 16

  /// The outcome: the delimiter, and whether a `sep=` line (of `sepLineLength` bytes with its
  /// line end) precedes the header.
  struct Outcome: Equatable {
    var delimiter: Delimiter
    /// How it was found, for the summary: `detected`, `sep= line`.
    var how: String
    var sepLineLength = 0
  }

  /// Detects the delimiter of `text` (UTF-8, a leading byte-order mark allowed).
  static func detect(_ text: UnsafeBufferPointer<UInt8>) -> Outcome {
    var start = 0
    if text.count >= 3, text[0] == 0xEF, text[1] == 0xBB, text[2] == 0xBF { start = 3 }
    if let sep = sepLine(text, from: start) { return sep }
    let end = min(text.count, start + sampleBytes)
    let candidates = Delimiter.allCases
    var counts: [[Int]] = []  // per record, per candidate
    var current = [Int](repeating: 0, count: candidates.count)
    var quoted = false
    var i = start
    var recordHasContent = false
    while i < end, counts.count < sampleRecords + 1 {
      let b = text[i]
      if b == 34 {
        quoted.toggle()
      } else if !quoted {
        if b == 10 {
          if recordHasContent { counts.append(current) }
          current = [Int](repeating: 0, count: candidates.count)
          recordHasContent = false
          i += 1
          continue
        }
        for (k, c) in candidates.enumerated() where b == c.byte { current[k] += 1 }
      }
      if b != 13 { recordHasContent = true }
      i += 1
    }
    // A last record cut by the sample's end is partial: use it only if the text ended there.
    if recordHasContent && end == text.count { counts.append(current) }
    guard let header = counts.first else { return Outcome(delimiter: .comma, how: "default") }
    let rows = counts.dropFirst()
    var best: (delimiter: Delimiter, share: Double, k: Int)?
    for (k, c) in candidates.enumerated() where header[k] > 0 {
      let same = rows.filter { $0[k] == header[k] }.count
      let share = rows.isEmpty ? 1 : Double(same) / Double(rows.count)
      if best == nil || share > best!.share || (share == best!.share && header[k] > best!.k) {
        best = (c, share, header[k])
      }
    }
    guard let best else { return Outcome(delimiter: .comma, how: "default: no delimiter in the header") }
    return Outcome(delimiter: best.delimiter, how: "detected")
  }

  /// Excel's `sep=X` first line, if present.
  static func sepLine(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Outcome? {
    let prefix = Array("sep=".utf8)
    guard text.count >= start + 5, (0..<4).allSatisfy({ text[start + $0] | 0x20 == prefix[$0] | 0x20 }) else {
      return nil
    }
    guard let d = Delimiter.allCases.first(where: { $0.byte == text[start + 4] }) else { return nil }
    var i = start + 5
    if i < text.count, text[i] == 13 { i += 1 }
    guard i == text.count || text[i] == 10 else { return nil }
    return Outcome(delimiter: d, how: "named by the file's sep= line", sepLineLength: i + 1 - start)
  }
}
