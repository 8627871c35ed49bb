extension IngestSession {
  /// Quarantines lines whose fate is decided after the pass (continuation lines whose
  /// order has no first line): counts them, and merges them into the samples so these
  /// stay the first ``FileReadSettings/quarantineSampleLimit`` quarantined rows in line order.
  /// - Parameters:
  ///   - entries: (line index, reason, detail).
  ///   - records: physical line and raw bytes of the lines that may be quarantined late,
  ///     by line index (the bytes alive while the file is).
  mutating func quarantineLate(
    _ entries: [(index: Int, reason: QuarantineReason, detail: String)],
    records: [Int: (line: Int, raw: UnsafeBufferPointer<UInt8>)]
  ) {
    guard !entries.isEmpty else { return }
    for e in entries { summary.quarantineCounts[e.reason.rawValue, default: 0] += 1 }
    let limit = settings.quarantineSampleLimit
    let late = entries.map { e -> QuarantinedRow in
      let r = records[e.index]
      return QuarantinedRow(
        line: r?.line ?? 0, reason: e.reason, detail: e.detail, excerpt: r.map { CSVRecord.excerpt(of: $0.raw) } ?? "")
    }
    var merged = summary.quarantineSamples + late.sorted { $0.line < $1.line }.prefix(limit)
    merged.sort { $0.line < $1.line }
    summary.quarantineSamples = Array(merged.prefix(limit))
  }
}

extension CSVRecord {
  /// A one-line excerpt of raw record bytes (see ``excerpt(limit:)``).
  static func excerpt(of raw: UnsafeBufferPointer<UInt8>, limit: Int = 80) -> String {
    var r = CSVRecord()
    r.raw = raw
    return r.excerpt(limit: limit)
  }
}
