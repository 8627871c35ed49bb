import CLVData
import CLVFeatures
import CLVMath
import Foundation
import Testing

@testable import CLVPipeline

/// `clv features` on customer-hash partitions of the logs (rows shuffled) joins into the
/// features of the whole logs, byte for byte, and a report from feature rows equals the
/// report from the logs: what the Spark driver (`spark/clv_spark.py`) relies on.
@Suite struct FeatureRowsPartitionTests {
  static let asOf = "2026-10-01"
  static let files = ["transactions", "customers", "events"]

  /// The fixture settings for the files in `dir`; `--max-bad-rows 5%`: a partition's share
  /// of the planted bad rows may exceed the default 1% by chance.
  static func options(dir: String, out: String = "unused", _ extra: [String] = []) -> RunSettings {
    PipelineFixture.options(
      out: out,
      ["--as-of", asOf, "--max-bad-rows", "5%"] + files.flatMap { ["--\($0)", dir + "/\($0).csv"] } + extra)
  }

  /// Splits each fixture file into `parts` files by a hash of the customer id (the first
  /// column), shuffling the rows of each part with `seed`. The profile rows of one
  /// customer keep their relative order (its first row wins, as in the whole file; the
  /// Spark driver keeps file order within a customer too); all other rows go anywhere.
  static func partition(parts: Int, seed: UInt64) throws -> [String] {
    let dirs = (0..<parts).map { PipelineFixture.temporaryDirectory("part\($0)") }
    var rng = SplitMix64(seed: seed)
    let hash = SplitAssigner(seed: 99)
    for name in files {
      let text = PipelineFixture.read(PipelineFixture.shopDirectory + "/\(name).csv")
      var lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
      let header = lines.removeFirst()
      var buckets = Array(repeating: [String](), count: parts)
      for l in lines {
        let id = String(l.prefix { $0 != "," })
        buckets[min(parts - 1, Int(hash.unitHash(id) * Double(parts)))].append(l)
      }
      for (p, var rows) in buckets.enumerated() {
        rows.shuffle(using: &rng)
        if name == "customers" {
          // Stable per customer: each customer's rows back in file order, at the shuffled slots.
          let order = Dictionary(grouping: buckets[p].enumerated(), by: { $0.element.prefix { $0 != "," } })
          var next = [Substring: Int]()
          rows = rows.map { l in
            let id = l.prefix { $0 != "," }
            let k = next[id, default: 0]
            next[id] = k + 1
            return order[id]![k].element
          }
        }
        try ([header] + rows).joined(separator: "\n").appending("\n")
          .write(toFile: dirs[p] + "/\(name).csv", atomically: true, encoding: .utf8)
      }
    }
    return dirs
  }

  static func featureText(dir: String, _ extra: [String] = []) throws -> String {
    let job = FeaturesPipeline(
      options: options(dir: dir, extra), outputPath: "-", logger: PipelineFixture.quietLogger)
    return FeatureRowsCSV.text(try job.rows())
  }

  static func merged(_ texts: [String]) throws -> String {
    var parts = [FeatureRows]()
    for (i, t) in texts.enumerated() {
      var bytes = Array(t.utf8)
      parts += try bytes.withUnsafeMutableBufferPointer {
        try FeatureRowsCSV.parts(bytes: UnsafeBufferPointer($0), file: "part\(i)")
      }
    }
    return FeatureRowsCSV.text(try FeatureRows.merging(parts, file: "parts"))
  }

  /// The data rows of a features text (no header, no span rows).
  static func dataLines(_ text: String) -> [Substring] {
    text.split(separator: "\n").filter { !$0.hasPrefix("span,") && !$0.hasPrefix(FeatureRowsCSV.version) }
  }

  @Test(arguments: [(1, UInt64(3)), (3, UInt64(5)), (5, UInt64(11))])
  func partitionFeaturesJoinIntoTheWholeByteForByte(parts: Int, seed: UInt64) throws {
    let whole = try Self.featureText(dir: PipelineFixture.shopDirectory)
    let texts = try Self.partition(parts: parts, seed: seed).map { try Self.featureText(dir: $0) }
    #expect(Self.dataLines(whole).count > 1000)
    // Every row of every part is a row of the whole, as it is written there …
    #expect(texts.flatMap(Self.dataLines).sorted() == Self.dataLines(whole).sorted())
    // … and the parts read and joined write the whole file (header, span, order), byte for byte.
    #expect(try Self.merged(texts) == whole)
    // Concatenated output (one input, the header repeated) reads the same.
    #expect(try Self.merged([texts.joined()]) == whole)
  }

  /// A part whose customers never saw an event type, given the whole input's types
  /// (`--event-types`, what the Spark driver passes), writes the whole's columns (that
  /// type's counts are 0) and the whole's rows of its customers, byte for byte. Without
  /// them it lacks the type's columns; a type of its log that is not listed is an error.
  @Test func theWholesEventTypesGiveAPartTheWholesColumns() throws {
    let shop = PipelineFixture.shopDirectory
    let events = PipelineFixture.read(shop + "/events.csv").split(separator: "\n").dropFirst()
      .map { $0.split(separator: ",", omittingEmptySubsequences: false) }.filter { $0.count == 3 }
    let counts = Dictionary(grouping: events, by: { String($0[2]) }).mapValues(\.count)
    let rarest = try #require(counts.min { ($0.value, $0.key) < ($1.value, $1.key) }?.key)
    let seen = Set(events.filter { $0[2] == rarest }.map { String($0[0]) })
    // The part: every row of the customers who never saw `rarest`.
    let part = PipelineFixture.temporaryDirectory("no-\(rarest)")
    for name in Self.files {
      let lines = PipelineFixture.read(shop + "/\(name).csv").split(separator: "\n")
      let kept = [lines[0]] + lines.dropFirst().filter { !seen.contains(String($0.prefix { $0 != "," })) }
      try (kept.joined(separator: "\n") + "\n").write(toFile: part + "/\(name).csv", atomically: true, encoding: .utf8)
    }
    func header(_ text: String) -> Substring { text.prefix { $0 != "\n" } }
    let whole = try Self.featureText(dir: shop)
    #expect(header(whole).contains("events_\(rarest)_"), "the whole has \(rarest)'s columns")
    let listed = try Self.featureText(dir: part, ["--event-types", counts.keys.sorted().joined(separator: ",")])
    #expect(header(listed) == header(whole))
    let wholeRows = Set(Self.dataLines(whole))
    let partRows = Self.dataLines(listed)
    #expect(partRows.count > 500 && partRows.allSatisfy(wholeRows.contains), "the whole's rows of these customers")
    let own = try Self.featureText(dir: part)
    #expect(!header(own).contains("events_\(rarest)_"), "without --event-types: the part's own types")
    let others = counts.keys.filter { $0 != rarest }.sorted().joined(separator: ",")
    #expect(throws: PipelineError.self) { try Self.featureText(dir: shop, ["--event-types", others]) }
  }

  /// `clv features` writes one origin at a time in chunks (here of 4 KiB, so each origin
  /// spans many): the bytes equal the text of all rows made at once, the count is the rows'.
  @Test func writingOneOriginAtATimeInChunksGivesTheWholeText() throws {
    let out = PipelineFixture.temporaryDirectory("features-chunks") + "/rows.csv"
    let job = FeaturesPipeline(
      options: Self.options(dir: PipelineFixture.shopDirectory), outputPath: out, logger: PipelineFixture.quietLogger)
    let rows = try job.rows()
    let whole = FeatureRowsCSV.text(rows)
    let count = try job.run(chunkBytes: 4096)
    #expect(rows.origins.count > 1 && whole.utf8.count > 20 * 4096, "several origins, many chunks")
    #expect(PipelineFixture.read(out) == whole)
    #expect(count == rows.origins.reduce(rows.forward.rowCount) { $0 + $1.table.rowCount })
    let left = try FileManager.default.contentsOfDirectory(atPath: (out as NSString).deletingLastPathComponent)
    #expect(left == ["rows.csv"], "no temporary file left beside the output")
  }

  @Test func aCustomerInTwoPartsIsAnError() throws {
    let whole = try Self.featureText(dir: PipelineFixture.shopDirectory)
    #expect(throws: FeatureRowsError.self) { try Self.merged([whole, whole]) }
  }

  /// Every model but the sequence model, which reads the logs' weekly activity that feature
  /// rows do not carry (from rows it is reported as not fitted, with that reason).
  static let fromRowsModels =
    ["--models"] + CandidateRegistry.standard.keys.filter { $0 != CandidateDescriptor.seqConv.key }

  @Test func reportFromPartitionFeatureRowsEqualsTheReportFromTheLogs() async throws {
    let logsOut = PipelineFixture.temporaryDirectory("from-logs")
    try await PipelineFixture.run(Self.options(dir: PipelineFixture.shopDirectory, out: logsOut, Self.fromRowsModels))
    let rowsDir = PipelineFixture.temporaryDirectory("rows")
    var rowFiles = [String]()
    for (p, dir) in try Self.partition(parts: 3, seed: 17).enumerated() {
      rowFiles.append(rowsDir + "/part-0000\(p)")
      try Self.featureText(dir: dir).write(toFile: rowFiles[p], atomically: true, encoding: .utf8)
    }
    try "".write(toFile: rowsDir + "/_SUCCESS", atomically: true, encoding: .utf8)
    let rowsOut = PipelineFixture.temporaryDirectory("from-rows")
    try await PipelineFixture.run(
      Self.options(dir: "/nonexistent", out: rowsOut, ["--features", rowsDir] + Self.fromRowsModels))
    for file in ["predictions.csv", "backtest.csv", "model.json"] {
      let a = PipelineFixture.read(logsOut + "/" + file)
      #expect(!a.isEmpty, "\(file) written")
      #expect(a == PipelineFixture.read(rowsOut + "/" + file), "\(file) from feature rows = from logs")
    }

    // Scoring each part's rows with the report's model.json and joining the outputs gives
    // the report's predictions.csv, but for the reasons column: reasons explain the 100
    // most valuable at-risk customers of each scored input (a choice across customers), so
    // a part explains its own top 100. Every other column is per customer.
    var header = ""
    var lines = [Substring]()
    for (p, f) in rowFiles.enumerated() {
      var job = ScorePipeline(
        inputs: try InputSettings.parse([]), modelPath: logsOut + "/model.json",
        outputPath: rowsDir + "/scored-\(p).csv",
        logger: PipelineFixture.quietLogger)
      job.features = f
      #expect(try job.run() > 0)
      var part = PipelineFixture.read(rowsDir + "/scored-\(p).csv").split(separator: "\n")
      header = String(part.removeFirst())
      lines += part
    }
    lines.sort { $0.prefix { $0 != "," } < $1.prefix { $0 != "," } }
    let joined = ([header] + lines.map(String.init)).joined(separator: "\n") + "\n"
    let whole = PipelineFixture.read(logsOut + "/predictions.csv")
    #expect(try Self.withoutReasons(joined) == Self.withoutReasons(whole))
    #expect(try Self.withoutReasons(whole).count > 100)
  }

  /// The fields of each row of a predictions.csv, without its `reasons` column.
  static func withoutReasons(_ text: String) throws -> [[String]] {
    var bytes = Array(text.utf8)
    return try bytes.withUnsafeMutableBufferPointer { b in
      var reader = CSVReader(bytes: UnsafeBufferPointer(b), fileName: "predictions.csv")
      var record = CSVRecord()
      var rows = [[String]]()
      var column: Int?
      while try reader.next(into: &record) {
        var fields = record.strings
        if column == nil { column = fields.firstIndex(of: "reasons") }
        let c = try #require(column, "predictions.csv has a reasons column")
        fields.remove(at: c)
        rows.append(fields)
      }
      return rows
    }
  }
}
