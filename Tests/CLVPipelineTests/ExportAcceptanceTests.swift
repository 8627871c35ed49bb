import CLVData
import CLVFeatures
import Foundation
import Testing

@testable import CLVPipeline

/// Each preset on its platform-shaped fixture (Fixtures/exports, written by
/// make_exports.py) gives exactly the numbers of an independent pandas computation of
/// the shop's own rules (expected.py → expected.json and <fixture>.summary.csv):
/// customers, purchase orders, net spend, exclusions per status, and every customer's
/// frequency, recency, T and monetary value.
@Suite struct ExportAcceptanceTests {
  static let dir = PipelineFixture.packageRoot + "/Tests/CLVPipelineTests/Fixtures/exports/"

  struct Excluded: Decodable, Equatable { var rows: Int; var orders: Int }
  struct Expected: Decodable {
    var customers: Int?
    var orders: Int?
    var net_spend: Double?
    var last_day: String?
    var profiles: Int?
    var matched: Int?
    var excluded: [String: Excluded]?
    var duplicates: Int?
    var no_customer_rows: Int?
    var cancelled_orders: Int?
    var refunded_orders: Int?
    var placeholder_orders: Int?
  }

  static func expected(_ name: String) throws -> Expected {
    let data = try #require(FileManager.default.contents(atPath: dir + "expected.json"))
    return try #require(try JSONDecoder().decode([String: Expected].self, from: data)[name])
  }

  /// The options a user gives for `file` (no profile or event file), the preset's first.
  static func options(_ file: String, preset: String?) -> [String] {
    ["--transactions", dir + file, "--max-bad-rows", "100%"] + (preset.map { ["--preset", $0] } ?? [])
  }

  /// The inputs as `clv report` with these options reads them.
  static func load(_ arguments: [String]) throws -> LoadedInputs {
    try InputStage.load(try InputSettings.parse(arguments).resolved())
  }

  /// Loads the file as a run would and compares everything with the pandas numbers.
  static func check(_ name: String, _ o: [String]) throws {
    let want = try expected(name)
    let inputs = try load(o)
    let log = inputs.transactions
    let s = inputs.transactionSummary
    #expect(s.orders == want.orders, "\(name) orders")
    #expect(
      abs(log.amount.reduce(0, +) - (want.net_spend ?? .nan)) < 0.005, "\(name) net spend \(log.amount.reduce(0, +))")
    #expect(s.lastDate?.iso == want.last_day, "\(name) last day")
    if let excluded = want.excluded {
      let got = Dictionary(
        uniqueKeysWithValues: s.exclusions.filter { $0.rule == "status" }.map {
          ($0.value, Excluded(rows: $0.rows, orders: $0.orders))
        })
      #expect(got == excluded, "\(name) exclusions")
    }
    if let d = want.duplicates { #expect(s.duplicateRowsDropped == d, "\(name) duplicates") }
    if let n = want.no_customer_rows { #expect(s.noCustomerIDRows == n, "\(name) guests") }
    if let c = want.cancelled_orders { #expect(s.cancelledOrders == c, "\(name) cancellations") }
    if let r = want.refunded_orders { #expect(s.refundedOrders == r, "\(name) refunded orders") }
    #expect(s.dataRows == s.keptRows + s.duplicateRowsDropped + s.noCustomerIDRows + s.quarantinedRows + s.excludedRows)

    // Per customer: the lifetimes-convention summary, as predictions.csv writes it.
    let timeline = try Timeline(
      asOf: nil, horizon: Horizon(count: 365, unit: .days), rollingOrigins: false, log: log, path: name)
    let builder = FeatureBuilder(ledger: PurchaseLedger(log))
    let rows = builder.knownCustomers(before: timeline.asOf)
    let table = builder.features(for: rows, asOf: timeline.asOf)
    let summary = LifetimesSummary(table)
    var ours = [String: [Double]]()
    for i in table.rowIDs.indices where summary.row(i).frequency.isFinite {
      let r = summary.row(i)
      ours[table.rowIDs[i]] = [r.frequency, r.recency, r.T, r.monetaryValue]
    }
    #expect(ours.count == want.customers, "\(name) customers")
    let reference = LifetimesSummaryTests.rows(PipelineFixture.read(dir + name + ".summary.csv"))
    #expect(Set(ours.keys) == Set(reference.keys), "\(name) customer ids")
    let wrong = reference.filter { id, r in
      guard let x = ours[id] else { return true }
      return x[0] != r.frequency || x[1] != r.recency || x[2] != r.T || abs(x[3] - r.monetary) > 1e-6
    }
    #expect(
      wrong.isEmpty,
      "\(name): \(wrong.count) customers differ, e.g. \(wrong.first.map { "\($0.key) \($0.value) vs \(ours[$0.key] ?? [])" } ?? "")"
    )
  }

  @Test func onlineRetail() throws {
    try Self.check("online_retail", Self.options("online_retail.csv", preset: "online-retail"))
  }
  @Test func onlineRetailII() throws {
    try Self.check("online_retail_ii", Self.options("online_retail_ii.csv", preset: "online-retail"))
  }
  @Test func shopify() throws {
    try Self.check("shopify_orders_export", Self.options("shopify_orders_export.csv", preset: "shopify"))
  }
  @Test func stripe() throws {
    try Self.check("stripe_payments", Self.options("stripe_payments.csv", preset: "stripe"))
  }
  /// A German Excel export (';', decimal comma, dd.mm.yyyy) has no preset: the options say it.
  @Test func germanExcelWithOptions() throws {
    try Self.check(
      "german_orders",
      Self.options("german_orders.csv", preset: nil) + [
        "--customer-column", "Kundennummer", "--date-column", "Bestelldatum", "--date-format", "%d.%m.%Y",
        "--amount-column", "Betrag", "--order-column", "Bestellnummer", "--status-column", "Status",
        "--exclude-status", "storniert,offen",
      ])
  }
  @Test func wooCommerce() throws {
    try Self.check("woocommerce_orders", Self.options("woocommerce_orders.csv", preset: "woocommerce"))
  }
}
