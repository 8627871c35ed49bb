extension IngestSession {
  /// Quarantines lines whose fate is decided after the pass (an order without a date on
  /// any of its lines): counts them, and merges them into the samples so these stay the
  /// first ``IngestOptions/quarantineSampleLimit`` quarantined rows in line order.
  /// - Parameters:
  ///   - entries: (index into `records`, physical line, reason, detail).
  ///   - records: the raw bytes of each line read (alive while the file is).
  mutating func quarantineLate(
    _ entries: [(index: Int, line: Int, reason: QuarantineReason, detail: String)],
    records: [UnsafeBufferPointer<UInt8>]
  ) {
    guard !entries.isEmpty else { return }
    for e in entries { summary.quarantineCounts[e.reason.rawValue, default: 0] += 1 }
    let limit = options.quarantineSampleLimit
    let sorted = entries.sorted { $0.line < $1.line }.prefix(limit)
    let late = sorted.map {
      QuarantinedRow(line: $0.line, reason: $0.reason, detail: $0.detail, excerpt: CSVRecord.excerpt(of: records[$0.index]))
    }
    var merged = summary.quarantineSamples + late
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
