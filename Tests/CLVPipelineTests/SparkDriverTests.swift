import CLVTestSupport
import Foundation
import Testing

/// Where the Spark tests find Python with pyspark and Java, and why they are skipped.
///
/// `CLV_SPARK_PYTHON`: the Python to run `spark/clv_spark.py` with (default
/// `~/spark-venv/bin/python`, else `python3`). `CLV_REQUIRE_SPARK=1` (set by `.ci/run`, which
/// installs both) turns a missing Java or pyspark into a failure instead of a skip.
enum SparkSetup {
  static let environment = ProcessInfo.processInfo.environment

  static let python: String = {
    if let p = environment["CLV_SPARK_PYTHON"] { return p }
    let venv = FileManager.default.homeDirectoryForCurrentUser.path + "/spark-venv/bin/python"
    return FileManager.default.isExecutableFile(atPath: venv) ? venv : "/usr/bin/python3"
  }()

  static let required = environment["CLV_REQUIRE_SPARK"] == "1"

  /// Why Spark cannot run here, or nil.
  static let problem: String? = {
    guard FileManager.default.isExecutableFile(atPath: python) else {
      return "no Python at \(python) (set CLV_SPARK_PYTHON to a Python with pyspark)"
    }
    let imports = try? ReleaseBinary.run(program: python, ["-c", "import pyspark"])
    guard imports?.status == 0 else {
      return "\(python) cannot import pyspark (pip install -r spark/requirements.txt, then set CLV_SPARK_PYTHON)"
    }
    let java = try? ReleaseBinary.run(program: "/usr/bin/env", ["java", "-version"])
    guard java?.status == 0 else { return "no java on PATH (apt-get install openjdk-17-jre-headless)" }
    return nil
  }()

  /// Runs unless Spark is missing and not required (then the suite is skipped with the reason).
  static let enabled = problem == nil || required
  static let skipped = Comment(
    rawValue: "Spark tests skipped: \(problem ?? ""); CI sets CLV_REQUIRE_SPARK=1 so they run there")

  /// Runs the driver (`spark/clv_spark.py`) from the package root.
  static func driver(_ arguments: [String]) throws -> (status: Int32, stdout: String, stderr: String) {
    try #require(problem == nil, "CLV_REQUIRE_SPARK=1 but \(problem ?? "")")
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    var env = environment
    env["SWIFT_BACKTRACE"] = "enable=no"
    return try ReleaseBinary.run(
      program: python, [ReleaseBinary.packageRoot + "/spark/clv_spark.py"] + arguments, environment: env)
  }

  /// The last lines of a driver's stderr (Spark is verbose).
  static func tail(_ text: String) -> String { text.split(separator: "\n").suffix(15).joined(separator: "\n") }
}

/// The Spark path (`spark/clv_spark.py` on a local Spark, `local[2]`) as a user runs it: the
/// same predictions as the single-machine `clv report`, whatever the row order and number
/// of partitions.
@Suite(.serialized, .enabled(if: SparkSetup.enabled, SparkSetup.skipped))
struct SparkDriverTests {
  static let root = ReleaseBinary.packageRoot
  static func read(_ path: String) -> Data? { FileManager.default.contents(atPath: path) }

  /// The driver's arguments for the bundled sample as of 2026-10-01 on `partitions` local
  /// partitions, followed by `extra`.
  static func sampleRun(out: String, partitions: Int, _ extra: [String]) -> [String] {
    let sample = root + "/sample-data"
    return [
      "--master", "local[2]", "--partitions", String(partitions), "--clv", ReleaseBinary.path,
      "--as-of", "2026-10-01", "--transactions", sample + "/transactions.csv",
      "--customers", sample + "/customers.csv", "--events", sample + "/events.csv", "--out", out,
    ] + extra
  }

  /// The bundled sample with the default models: the fit on the driver from feature rows
  /// and the parallel scores equal the single-machine run's files byte for byte (reasons
  /// included: every partition explains the customers the report explained). The training
  /// rows per origin are capped below the sample's train customers, so the driver's fit reads
  /// only the training sample Spark drew (with clv's seeded hash) at the earlier origins: the
  /// same rows as the single-machine run's, or model.json and backtest.csv would differ. The
  /// predictions are sorted part files whose concatenation in part order is predictions.csv.
  @Test func sparkOnTheSampleGivesTheSingleMachineFilesByteForByte() throws {
    let out = PipelineFixture.temporaryDirectory("spark-sample") + "/run"
    let r = try SparkSetup.driver(
      Self.sampleRun(out: out, partitions: 3, ["--check", "--training-rows-per-origin", "300"]))
    #expect(r.status == 0, "\(SparkSetup.tail(r.stderr))\n\(r.stdout)")
    let spark = Self.read(out + "/predictions.csv")
    #expect(spark != nil && spark == Self.read(out + "/single/predictions.csv"), "parallel predictions.csv")
    // predictions.csv is the sorted parts one after the other; the header opens the first.
    let parts = try FileManager.default.contentsOfDirectory(atPath: out + "/predictions").filter {
      $0.hasPrefix("part-")
    }.sorted()
    #expect(parts.count == 3)
    let joined = parts.reduce(into: Data()) { $0 += Self.read(out + "/predictions/" + $1) ?? Data() }
    #expect(joined == spark, "the part files concatenated in order")
    let first = String(decoding: Self.read(out + "/predictions/" + parts[0]) ?? Data(), as: UTF8.self)
    #expect(first.hasPrefix("customer_id,"), "the header opens part-00000")
    // The driver collected the training sample, not every feature row; the report counts what
    // was available before the sample, as the single-machine run does.
    func perOrigin(_ texts: [String]) -> [Substring: Int] {
      var n = [Substring: Int]()
      for t in texts {
        for line in t.split(separator: "\n") where line.hasPrefix("backtest,") {
          n[line.split(separator: ",", maxSplits: 5, omittingEmptySubsequences: false)[4], default: 0] += 1
        }
      }
      return n
    }
    let all = perOrigin(
      try FileManager.default.contentsOfDirectory(atPath: out + "/features").filter { $0.hasPrefix("part-") }.map {
        String(decoding: Self.read(out + "/features/" + $0) ?? Data(), as: UTF8.self)
      })
    let fit = perOrigin([String(decoding: Self.read(out + "/fit-rows.csv") ?? Data(), as: UTF8.self)])
    let cutoff = all.keys.max() ?? ""
    #expect(fit[cutoff] != nil && fit[cutoff] == all[cutoff], "every customer at the cutoff")
    #expect(all.contains { $0.key != cutoff && $0.value > 300 }, "an earlier origin holds more than the cap")
    #expect(fit.allSatisfy { $0.key == cutoff || $0.value <= 300 }, "earlier origins: only the sample \(fit)")
    func available(_ dir: String) -> String? {
      let json = Self.read(out + "/" + dir + "/metrics.json").flatMap { try? JSONSerialization.jsonObject(with: $0) }
      let backtest = (json as? [String: Any])?["backtest"] as? [String: Any]
      return (backtest?["training_rows_available"]).map { "\($0)" }
    }
    #expect(available("report") != nil && available("report") == available("single"), "training rows available")
    let md = { (dir: String) in (try? String(contentsOfFile: out + "/" + dir + "/report.md", encoding: .utf8)) ?? "" }
    #expect(md("report").contains("a seeded sample of at most 300 per origin"))
    for file in ["predictions.csv", "backtest.csv", "model.json"] {
      let fit = Self.read(out + "/report/" + file)
      #expect(fit != nil && fit == Self.read(out + "/single/" + file), "\(file) of the fit from feature rows")
    }
    let lines = String(decoding: spark ?? Data(), as: UTF8.self).split(separator: "\n")
    #expect(lines.count == 12_001, "every customer of the sample, one header")
    let explained = (try? String(contentsOfFile: out + "/explain-customers.txt", encoding: .utf8)) ?? ""
    #expect(explained.split(separator: "\n").count >= 50, "the report explains its watch-list")
    // The default run from feature rows leaves out the sequence model, and says so.
    #expect(md("report").contains("is left out of the default models: it reads each customer's weekly activity"))
    let models = String(decoding: Self.read(out + "/single/backtest.csv") ?? Data(), as: UTF8.self).prefix {
      $0 != "\n"
    }
    #expect(models.contains(",blend") && !models.contains("seq-conv"), "the check ran the Spark run's models")
  }

  /// `--sample-customers` drawn in Spark (the seeded id hash of `FeatureRows.sampled`, then the
  /// training cap per origin) gives the fit `clv report --features` makes when it draws both
  /// itself from every feature row: the same model.json, backtest.csv and predictions.csv.
  @Test func customerSampleDrawnInSparkIsTheReportsOwn() throws {
    let out = PipelineFixture.temporaryDirectory("spark-customer-sample") + "/run"
    let r = try SparkSetup.driver(
      Self.sampleRun(
        out: out, partitions: 2,
        [
          "--sample-customers", "1500", "--training-rows-per-origin", "300",
          "--report-arg=--models", "--report-arg=bgnbd,gbt-tweedie,mlp-ziln",
        ]))
    #expect(r.status == 0, "\(SparkSetup.tail(r.stderr))\n\(r.stdout)")
    let own = out + "/own"
    let single = try ReleaseBinary.run([
      "report", "-q", "--features", out + "/features", "--sample-customers", "1500", "--training-rows-per-origin",
      "300", "--models", "bgnbd,gbt-tweedie,mlp-ziln", "--out", own,
    ])
    #expect(single.status == 0, "\(single.stderr)")
    for file in ["model.json", "backtest.csv", "predictions.csv"] {
      let spark = Self.read(out + "/report/" + file)
      #expect(spark != nil && spark == Self.read(own + "/" + file), "\(file) of the fit on the sample")
    }
    #expect(Self.read(out + "/predictions.csv") == Self.read(own + "/predictions.csv"), "parallel predictions.csv")
    let timings = Self.read(out + "/timings.json").flatMap { try? JSONSerialization.jsonObject(with: $0) }
    #expect((timings as? [String: Any])?["sample_customers_of"] as? Int ?? 0 > 1500, "the sample is a part")
  }

  /// Rows shuffled and 12 partitions on Spark give the rows of the single-machine
  /// `clv features` on the file in its order (one part): the same rows byte for byte, and
  /// every partition writes the header of the whole (the whole input's event types, also where
  /// a partition's customers never saw one).
  @Test func rowOrderAndPartitionCountDoNotChangeTheFeatures() throws {
    let whole = try FeatureRowsPartitionTests.featureText(dir: PipelineFixture.shopDirectory)
    let shuffled = try FeatureRowsPartitionTests.partition(parts: 1, seed: 23)[0]
    #expect(
      PipelineFixture.read(shuffled + "/transactions.csv")
        != PipelineFixture.read(PipelineFixture.shopDirectory + "/transactions.csv"), "rows shuffled")
    let out = PipelineFixture.temporaryDirectory("spark-features") + "/run"
    let r = try SparkSetup.driver(
      [
        "--master", "local[2]", "--partitions", "12", "--clv", ReleaseBinary.path, "--as-of",
        FeatureRowsPartitionTests.asOf, "--horizon", "26w", "--out", out, "--features-only",
        "--features-arg=--max-bad-rows", "--features-arg=5%",
      ] + FeatureRowsPartitionTests.files.flatMap { ["--\($0)", shuffled + "/\($0).csv"] })
    #expect(r.status == 0, "\(SparkSetup.tail(r.stderr))")
    let parts = try FileManager.default.contentsOfDirectory(atPath: out + "/features").filter { $0.hasPrefix("part-") }
    var headers = Set<Substring>()
    var rows = [Substring]()
    for p in parts {
      let text = try String(contentsOfFile: out + "/features/" + p, encoding: .utf8)
      if let h = text.split(separator: "\n").first { headers.insert(h) }
      rows += FeatureRowsPartitionTests.dataLines(text)
    }
    let wholeHeader = whole.split(separator: "\n")[0]
    #expect(wholeHeader.contains("events_support_30d"))
    #expect(parts.count == 12)
    #expect(headers == [wholeHeader], "every non-empty part has the whole's columns")
    #expect(rows.sorted() == FeatureRowsPartitionTests.dataLines(whole).sorted())
  }
}
