import CLVTestSupport
import Foundation
import Testing

/// Seeded, time-boxed fuzzing of the whole `clv report` (release binary) on small mutated
/// transaction files, and the regression fixtures of every finding (`Fixtures/fuzz`).
///
/// The oracle: the run ends within its time limit with a documented status (0 ok, 3 gate
/// failed, 4 not assessed, 64/65/66 usage, data, missing input) — never a signal, a hang
/// or an internal error (70); when a report is written, `metrics.json` is valid JSON,
/// `predictions.csv` holds no NaN or infinity, the report pages carry no raw control or
/// bidi character, and no stderr line is longer than 2,000 characters.
@Suite(.serialized) struct ReportFuzzTests {
  static let scale = Int(ProcessInfo.processInfo.environment["CLV_FUZZ_SCALE"] ?? "") ?? 1
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures/fuzz").path
  static let documented: Set<Int32> = [0, 3, 4, 64, 65, 66]

  /// What is wrong with one run of `clv report` on `file`, or nil.
  static func problem(transactions file: String, extra: [String] = [], limit: Double = 60) throws -> String? {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let out = (file as NSString).deletingLastPathComponent + "/out"
    try? FileManager.default.removeItem(atPath: out)
    let p = Process()
    p.executableURL = URL(fileURLWithPath: ReleaseBinary.path)
    p.arguments =
      [
        "report", "--transactions", file, "--out", out, "--templates", ReleaseBinary.packageRoot + "/templates",
        "--mlp-epochs", "3", "--importance-repeats", "1", "-q",
      ] + extra
    var env = ProcessInfo.processInfo.environment
    env["SWIFT_BACKTRACE"] = "enable=no"
    p.environment = env
    let errFile = out + ".stderr"
    _ = FileManager.default.createFile(atPath: errFile, contents: nil)
    let err = try FileHandle(forWritingTo: URL(fileURLWithPath: errFile))
    p.standardError = err
    p.standardOutput = FileHandle.nullDevice
    try p.run()
    let deadline = Date().addingTimeInterval(limit)
    while p.isRunning, Date() < deadline { usleep(10_000) }
    if p.isRunning {
      kill(p.processIdentifier, SIGKILL)
      p.waitUntilExit()
      return "no end after \(Int(limit)) s"
    }
    try err.close()
    let stderr = (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? ""
    if p.terminationReason == .uncaughtSignal {
      return "killed by signal \(p.terminationStatus): \(stderr.prefix(300))"
    }
    let status = p.terminationStatus
    guard documented.contains(status) else { return "exit \(status): \(stderr.prefix(300))" }
    if let long = stderr.split(separator: "\n").first(where: { $0.count > 2000 }) {
      return "a \(long.count)-character line on stderr"
    }
    guard [0, 3, 4].contains(status) else { return nil }
    guard let metrics = FileManager.default.contents(atPath: out + "/metrics.json"),
      (try? JSONSerialization.jsonObject(with: metrics)) != nil
    else { return "exit \(status) without a readable metrics.json" }
    let predictions = (try? String(contentsOfFile: out + "/predictions.csv", encoding: .utf8)) ?? ""
    if let bad = nonFiniteNumber(inCSV: predictions) { return "NaN or infinity in predictions.csv: \(bad)" }
    for page in ["report.html", "report.md"] {
      let text = (try? String(contentsOfFile: out + "/" + page, encoding: .utf8)) ?? ""
      if text.unicodeScalars.contains(where: { [0, 0x202E, 0x202D, 0x2066, 0x2067, 0x1B].contains($0.value) }) {
        return "a raw control or bidi character in \(page)"
      }
    }
    return nil
  }

  /// The first number column value of `text` (CSV, header first) that is NaN or infinite, or
  /// nil. Only the columns that hold numbers are read: a customer id of "NaN" is data, not a
  /// number clv wrote (a fuzz input had one).
  static func nonFiniteNumber(inCSV text: String) -> String? {
    let records = csvRecords(text)
    guard let header = records.first else { return nil }
    let text: Set<String> = ["customer_id", "segment", "action", "reasons"]
    let numeric = header.indices.filter { !text.contains(header[$0]) }
    for record in records.dropFirst() {
      for j in numeric where j < record.count {
        let v = record[j].lowercased()
        if v.contains("nan") || v.contains("inf") { return "\(header[j]) = \(record[j])" }
      }
    }
    return nil
  }

  /// RFC 4180 records: fields split on commas outside quotes, `""` inside quotes is a quote.
  static func csvRecords(_ text: String) -> [[String]] {
    var records = [[String]](), record = [String](), field = ""
    var quoted = false, afterQuote = false
    for ch in text {
      if quoted {
        if ch == "\"" { quoted = false; afterQuote = true } else { field.append(ch) }
        continue
      }
      switch ch {
      case "\"":
        if afterQuote { field.append("\"") }
        quoted = true
      case ",": record.append(field); field = ""
      case "\n", "\r\n":
        record.append(field); field = ""
        records.append(record); record = []
      default: field.append(ch)
      }
      afterQuote = false
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
  }

  @Test func theOracleReadsOnlyNumberColumns() {
    let csv = "customer_id,predicted_spend,segment\nNaN,1.5,Loyal\n\"a,\"\"inf\"\"\",2,x\n"
    #expect(
      Self.csvRecords(csv) == [
        ["customer_id", "predicted_spend", "segment"], ["NaN", "1.5", "Loyal"],
        ["a,\"inf\"", "2", "x"],
      ])
    #expect(Self.nonFiniteNumber(inCSV: csv) == nil)
    #expect(Self.nonFiniteNumber(inCSV: csv + "b,inf,y\n") == "predicted_spend = inf")
    #expect(Self.nonFiniteNumber(inCSV: csv + "c,nan,y\n") == "predicted_spend = nan")
  }

  /// Seed: the first 300 rows of the fixture shop's transactions.
  static let seed: [UInt8] = {
    let text = (try? String(contentsOfFile: PipelineFixture.shopDirectory + "/transactions.csv", encoding: .utf8)) ?? ""
    return Array(text.split(separator: "\n").prefix(301).joined(separator: "\n").utf8) + [10]
  }()

  @Test func mutatedReports() throws {
    var mutator = FuzzMutator(seed: 10)
    let root = PipelineFixture.temporaryDirectory("report-fuzz")
    let start = Date()
    var ran = 0
    var findings = [String]()
    let horizons = [["--horizon", "26w"], ["--horizon", "90d"], [], ["--horizon", "12m", "--split", "0.8/0/0.2"]]
    while ran < 40 * Self.scale, Date().timeIntervalSince(start) < 75 * Double(Self.scale) {
      let input = mutator.mutate(Self.seed)
      let dir = root + "/\(ran)"
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      let file = dir + "/t.csv"
      _ = FileManager.default.createFile(atPath: file, contents: Data(input))
      let extra = horizons[mutator.below(horizons.count)]
      if let why = try Self.problem(transactions: file, extra: extra) {
        findings.append("\(file) \(extra.joined(separator: " ")): \(why)")
      } else {
        try? FileManager.default.removeItem(atPath: dir)
      }
      ran += 1
    }
    print(
      "fuzz clv report: \(ran) inputs in \(String(format: "%.0f", Date().timeIntervalSince(start))) s, \(findings.count) findings"
    )
    for f in findings { Issue.record("fuzz finding (keep it in Fixtures/fuzz): \(f)") }
  }

  /// Every input a fuzz run ever found, kept: each must now pass the oracle.
  @Test func regressionFixtures() throws {
    let names = ((try? FileManager.default.contentsOfDirectory(atPath: Self.fixtures)) ?? [])
      .filter { $0.hasSuffix(".csv") }.sorted()
    let root = PipelineFixture.temporaryDirectory("fuzz-fixtures")
    for name in names {
      let dir = root + "/" + name
      try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
      try FileManager.default.copyItem(atPath: Self.fixtures + "/" + name, toPath: dir + "/t.csv")
      // A fixture may name its flags on a first line "# flags: …" in a sibling .flags file.
      let flagsFile = Self.fixtures + "/" + name.dropLast(4) + ".flags"
      let flags = ((try? String(contentsOfFile: flagsFile, encoding: .utf8)) ?? "")
        .split(whereSeparator: \.isWhitespace).map(String.init)
      let why = try Self.problem(transactions: dir + "/t.csv", extra: flags)
      #expect(why == nil, "\(name): \(why ?? "")")
    }
  }
}
