import CLVTestSupport
import Foundation
import Testing

@testable import CLVPipeline

/// The row-meaning settings as a user gives them: flags, config keys, the README's table
/// of presets, and a whole `clv report` on a platform-shaped export.
@Suite(.serialized) struct PresetOptionTests {
  typealias A = ExportAcceptanceTests

  /// The README lists every preset variant with the header it expects, as the code has it.
  @Test func readmeListsEveryPresetsHeader() {
    let readme = PipelineFixture.read(PipelineFixture.packageRoot + "/README.md")
    for p in PlatformPreset.allCases {
      for v in p.variants {
        let row = "| `\(p.rawValue)` | \(v.name)"
        let line = readme.split(separator: "\n").first { $0.hasPrefix(row) }
        #expect(line?.contains("`" + v.header.joined(separator: ",") + "`") == true, "README row of \(v.name)")
      }
    }
  }

  /// A preset picks its variant from the header as the loader reads it: a gzipped Online
  /// Retail II export gives the same log and summary as the plain one (the header was
  /// read from the raw, compressed bytes before).
  @Test func aPresetReadsTheHeaderOfACompressedExport() throws {
    let dir = PipelineFixture.temporaryDirectory("preset-gz")
    let gz = dir + "/online_retail_ii.csv.gz"
    let gzip = Process()
    gzip.executableURL = URL(fileURLWithPath: "/bin/sh")
    gzip.arguments = ["-c", "gzip -c -n '\(A.dir)online_retail_ii.csv' > '\(gz)'"]
    try gzip.run()
    gzip.waitUntilExit()
    try #require(gzip.terminationStatus == 0)
    let plain = try A.load(A.options("online_retail_ii.csv", preset: "online-retail"))
    let packed = try A.load(["--transactions", gz, "--max-bad-rows", "100%", "--preset", "online-retail"])
    #expect(packed.transactions == plain.transactions && packed.transactions.count > 0)
    #expect(packed.transactionSummary.orders == plain.transactionSummary.orders)
    #expect(packed.transactionSummary.settings == plain.transactionSummary.settings)
  }

  /// Config keys and flags give the same options; lists may be repeated or comma-separated.
  @Test func configKeysAndFlagsGiveTheSameOptions() throws {
    let toml = """
      preset = "shopify"
      include_status = ["paid", "refunded"]
      exclude_status = "voided,pending"
      keep_id = ["0"]
      id_as_written = true
      refund_column = "Refunded Amount"
      [transactions]
      path = "orders.csv"

      """
    let fromFile = try ConfigFile.arguments(toml: toml, path: "clv.toml").flatMap(\.arguments)
    let file = try RunSettings.parse(fromFile).inputs.orderOptions
    let flags = try RunSettings.parse([
      "--transactions", "orders.csv", "--preset", "shopify", "--include-status", "paid", "--include-status", "refunded",
      "--exclude-status", "voided,pending", "--keep-id", "0", "--id-as-written", "--refund-column", "Refunded Amount",
    ]).inputs.orderOptions
    #expect(file == flags)
    #expect(file.presets == ["shopify"] && file.includeStatus == ["paid", "refunded"])
    #expect(file.excludeStatus == ["voided", "pending"] && file.keepIDs == ["0"] && file.idAsWritten == true)
    #expect(file.idCaseSensitive == nil && file.keepPlaceholderIDs == nil && file.currency == nil)
    // Nothing given: nothing set, so a preset fills everything.
    #expect(try RunSettings.parse([]).inputs.orderOptions == OrderOptions())
    // An unknown preset is a usage error that lists the known ones.
    let unknown = Self.error { _ = try RunSettings.parse(["--preset", "magento"]) }
    #expect(!(unknown is CancellationError) && RunSettings.message(for: unknown).contains("woocommerce"))
  }

  /// A flag overrides its preset's setting, and the report's settings say which is which.
  @Test func aFlagOverridesThePreset() throws {
    let s = try A.load(A.options("shopify_orders_export.csv", preset: "shopify") + ["--include-status", "paid"])
      .transactionSummary
    let byName = Dictionary(s.settings.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    #expect(
      byName["statuses counted"]?.source == "option" && byName["statuses counted"]?.value.contains("paid") == true)
    #expect(byName["refund column"]?.source == "preset")
    #expect(byName["customer column"]?.value == "'Email'" && byName["customer column"]?.source == "preset")
  }

  /// `clv report --config` with `preset = "shopify"` on the Shopify-shaped export: a whole
  /// report (exit 0, or 3 when a gate fails: on its 25 customers the naive baseline can be
  /// the champion, and then it does not beat itself), and the report and metrics.json list
  /// the preset's settings with their source.
  @Test func reportWithAPresetFromTheConfig() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let dir = PipelineFixture.temporaryDirectory("preset-cli")
    let config = dir + "/clv.toml"
    try """
    preset = "shopify"
    models = ["baseline", "bgnbd"]
    horizon = "12w"
    out = "\(dir)/out"
    [transactions]
    path = "\(A.dir)shopify_orders_export.csv"

    """.write(toFile: config, atomically: true, encoding: .utf8)
    let r = try ReleaseBinary.run(["report", "--config", config, "-q"])
    #expect(r.status == 0 || r.status == 3, "\(r.stderr)")
    let md = PipelineFixture.read(dir + "/out/report.md")
    #expect(md.contains("quality gates"), "a whole report with its verdict")
    #expect(md.contains("| preset | shopify: Shopify orders\\_export.csv | option |"), "report.md settings")
    #expect(md.contains("| refund column | 'Refunded Amount' (netted against its order) | preset |"))
    let metrics = PipelineFixture.read(dir + "/out/metrics.json")
    #expect(metrics.contains("\"preset\""), "metrics.json records the preset option")
    #expect(metrics.contains("Financial Status"), "metrics.json lists the effective settings")
    // An unknown preset: exit 64 with the known names.
    let bad = try ReleaseBinary.run(["report", "--preset", "magento", "-q"])
    #expect(bad.status == 64 && bad.stderr.contains("online-retail"), "\(bad.stderr)")
  }

  /// The safety net in the verdict box (#12): WooCommerce keyed by Customer User ID leaves
  /// the guests' id 0 out and the statuses it does not count, over 30% of the rows, which
  /// the verdict says; kept with --keep-id 0, the guests' bucket holds over 20% of the
  /// predicted value, which it says too. Both in metrics.json as well.
  @Test func theVerdictSaysWhenOneIdHoldsTheValueOrMostRowsAreLeftOut() throws {
    try #require(ReleaseBinary.problem == nil, "\(ReleaseBinary.problem ?? "")")
    let dir = PipelineFixture.temporaryDirectory("safety-net")
    func run(_ extra: [String], out: String) throws -> (status: Int32, md: String, metrics: String, stderr: String) {
      let r = try ReleaseBinary.run(
        ["report"] + A.options("woocommerce_orders.csv", preset: "woocommerce") + [
          "--customer-column", "Customer User ID", "--models", "baseline", "bgnbd", "--horizon", "12w",
          "--out", dir + "/" + out, "-q",
        ] + extra)
      let folder = dir + "/" + out
      return (
        r.status, PipelineFixture.read(folder + "/report.md"), PipelineFixture.read(folder + "/metrics.json"), r.stderr
      )
    }
    let left = try run([], out: "left")
    #expect([0, 3, 4].contains(left.status), "\(left.stderr)")
    #expect(
      left.md.contains("of the transaction rows were not counted (more than 30%)"), "excluded share in the verdict")
    #expect(left.metrics.contains("excluded_rows"))
    let kept = try run(["--keep-id", "0"], out: "kept")
    #expect([0, 3, 4].contains(kept.status), "\(kept.stderr)")
    #expect(kept.md.contains("one customer, '0', holds"), "concentration in the verdict")
    #expect(kept.metrics.contains("customer_concentration"))
  }

  static func error(_ body: () throws -> Void) -> any Error {
    do { try body() } catch { return error }
    return CancellationError()
  }
}
